package org.vaescope.core.internal.interventions;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.hooks.HookPoint;
import org.vaescope.core.runtime.Floats;

/**
 * Per-unit values of a batch of activations. A unit of a flat hook is one element; a unit of a
 * convolutional hook is a channel, summarised by its spatial mean.
 */
public final class UnitValues {

    private UnitValues() {
    }

    /** batch × units, row-major: the value (or channel mean) of each unit of each sample. */
    public static double[] means(INDArray activation, HookPoint hook) {
        return means(Floats.of(activation), (int) activation.size(0), hook);
    }

    /** As {@link #means(INDArray, HookPoint)} for the C-order values of a batch. */
    public static double[] means(float[] values, int batch, HookPoint hook) {
        int units = hook.units();
        int size = hook.unitSize();
        double[] out = new double[batch * units];
        for (int b = 0; b < batch; b++) {
            for (int u = 0; u < units; u++) {
                int start = (b * units + u) * size;
                double sum = 0;
                for (int j = start; j < start + size; j++) {
                    sum += values[j];
                }
                out[b * units + u] = sum / size;
            }
        }
        return out;
    }
}
