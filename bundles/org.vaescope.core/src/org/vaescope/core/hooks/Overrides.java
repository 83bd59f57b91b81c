package org.vaescope.core.hooks;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.runtime.Floats;

/** Checks overrides against a hook point and applies them to a batch of activations. */
final class Overrides {

    private Overrides() {
    }

    /** Throws a {@link HookException} naming the problem if {@code o} does not fit {@code hook}. */
    static void check(ActivationOverride o, HookPoint hook) {
        for (int u : o.units()) {
            if (u < 0 || u >= hook.units()) {
                throw new HookException("override at '" + hook.name() + "' names unit " + u + " but the hook has "
                        + hook.units() + " units (0.." + (hook.units() - 1) + ")");
            }
        }
        INDArray source = o.source();
        if (o.kind() == ActivationOverride.Kind.PATCH) {
            long[] s = source.shape();
            if (s.length != hook.shape().length + 1 || Floats.sizeFrom(s, 1) != hook.size()
                    || !sameTail(s, hook.shape())) {
                throw new HookException("patch source for '" + hook.name() + "' has shape "
                        + java.util.Arrays.toString(s) + ", expected batch x " + hook.shapeText());
            }
        } else if (o.kind() == ActivationOverride.Kind.SET_PER_SAMPLE) {
            long[] s = source.shape();
            if (s.length != 2 || s[1] != o.units().length) {
                throw new HookException("per-sample values for '" + hook.name() + "' have shape "
                        + java.util.Arrays.toString(s) + ", expected batch x " + o.units().length);
            }
        }
    }

    private static boolean sameTail(long[] batchShape, int[] shape) {
        for (int i = 0; i < shape.length; i++) {
            if (batchShape[i + 1] != shape[i]) {
                return false;
            }
        }
        return true;
    }

    /** A new array equal to {@code value} with the overrides applied in order. */
    static INDArray apply(INDArray value, HookPoint hook, List<ActivationOverride> overrides) {
        int batch = (int) value.size(0);
        int unitSize = hook.unitSize();
        int perSample = hook.size();
        float[] data = Floats.of(value);
        for (ActivationOverride o : overrides) {
            int[] units = o.units();
            float[] values = o.values();
            float[] source = o.source() == null ? null : Floats.of(o.source());
            int sourceBatch = o.source() == null ? 0 : (int) o.source().size(0);
            if (source != null && sourceBatch != 1 && sourceBatch != batch) {
                throw new HookException("override source at '" + hook.name() + "' has batch " + sourceBatch
                        + " but the run has batch " + batch + " (use the same batch or 1)");
            }
            for (int b = 0; b < batch; b++) {
                int sb = sourceBatch == 1 ? 0 : b;
                for (int i = 0; i < units.length; i++) {
                    int start = b * perSample + units[i] * unitSize;
                    switch (o.kind()) {
                        case SET -> java.util.Arrays.fill(data, start, start + unitSize, values[i]);
                        case SHIFT -> {
                            for (int k = start; k < start + unitSize; k++) {
                                data[k] += values[i];
                            }
                        }
                        case PATCH -> System.arraycopy(source, sb * perSample + units[i] * unitSize, data, start,
                                unitSize);
                        case SET_PER_SAMPLE -> java.util.Arrays.fill(data, start, start + unitSize,
                                source[sb * units.length + i]);
                        default -> throw new IllegalStateException(o.kind().toString());
                    }
                }
            }
        }
        return Floats.array(data, value.shape());
    }

    /** The gradient with the units that overrides made constant set to zero. */
    static INDArray cutGradient(INDArray gradient, HookPoint hook, List<ActivationOverride> overrides) {
        boolean any = overrides.stream().anyMatch(ActivationOverride::cutsGradient);
        if (!any) {
            return gradient;
        }
        int batch = (int) gradient.size(0);
        int unitSize = hook.unitSize();
        int perSample = hook.size();
        float[] data = Floats.of(gradient);
        for (ActivationOverride o : overrides) {
            if (!o.cutsGradient()) {
                continue;
            }
            for (int b = 0; b < batch; b++) {
                for (int u : o.units()) {
                    int start = b * perSample + u * unitSize;
                    java.util.Arrays.fill(data, start, start + unitSize, 0f);
                }
            }
        }
        return Floats.array(data, gradient.shape());
    }
}
