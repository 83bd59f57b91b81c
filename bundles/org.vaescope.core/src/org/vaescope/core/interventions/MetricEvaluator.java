package org.vaescope.core.interventions;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.hooks.HookPoint;
import org.vaescope.core.hooks.HookedModel;
import org.vaescope.core.runtime.Floats;

/**
 * Evaluates a {@link Measure} per sample from the activation of the hook it reads, and its
 * gradient with respect to that activation (the weights of a vector–Jacobian product).
 * <p>
 * A reconstruction measure needs reference images: {@code reference} holds one image per row of
 * the activation (batch × image size, C order); other measures ignore it.
 */
final class MetricEvaluator {

    private final Measure measure;
    private final HookPoint hook;

    private MetricEvaluator(Measure measure, HookPoint hook) {
        this.measure = measure;
        this.hook = hook;
    }

    /** The evaluator of {@code measure} on {@code model}; checks the hook, unit and image shape. */
    public static MetricEvaluator of(Measure measure, HookedModel model) {
        if (measure instanceof Measure.Unit u) {
            HookPoint h = model.hookPoint(u.hook());
            if (u.unit() >= h.units()) {
                throw new IllegalArgumentException("measure " + u.describe() + ": hook point '" + u.hook() + "' has "
                        + h.units() + " units (0.." + (h.units() - 1) + ")");
            }
            return new MetricEvaluator(measure, h);
        }
        HookPoint out = model.hookPoint(model.outputHook());
        if (measure instanceof Measure.Readout r) {
            int[] shape = r.readouts().imageShape();
            if (!java.util.Arrays.equals(shape, out.shape())) {
                throw new IllegalArgumentException("measure " + r.describe() + ": the read-outs expect images of "
                        + java.util.Arrays.toString(shape) + " but the model outputs " + out.shapeText());
            }
        }
        return new MetricEvaluator(measure, out);
    }

    public Measure measure() {
        return measure;
    }

    /** Name of the hook point the measure reads. */
    public String hook() {
        return hook.name();
    }

    /** True for the reconstruction measure, which compares with reference images. */
    public boolean needsReference() {
        return measure instanceof Measure.Reconstruction;
    }

    /** m_b for every row b of {@code activation} (batch × hook shape). */
    public double[] values(INDArray activation, float[] reference) {
        int batch = (int) activation.size(0);
        float[] a = Floats.of(activation);
        double[] m = new double[batch];
        if (measure instanceof Measure.Unit u) {
            int size = hook.unitSize();
            for (int b = 0; b < batch; b++) {
                int start = b * hook.size() + u.unit() * size;
                double sum = 0;
                for (int j = start; j < start + size; j++) {
                    sum += a[j];
                }
                m[b] = sum / size;
            }
        } else if (measure instanceof Measure.Readout r) {
            return r.readouts().expectedClass(Floats.array(sigmoid(a), activation.shape()), r.factor());
        } else {
            checkReference(reference, a.length);
            int size = hook.size();
            for (int b = 0; b < batch; b++) {
                double sum = 0;
                for (int j = b * size; j < (b + 1) * size; j++) {
                    double d = sigmoid(a[j]) - reference[j];
                    sum += d * d;
                }
                m[b] = Math.sqrt(sum);
            }
        }
        return m;
    }

    /** ∂m_b/∂activation_b for every row (batch × hook shape). */
    public INDArray gradient(INDArray activation, float[] reference) {
        int batch = (int) activation.size(0);
        float[] a = Floats.of(activation);
        float[] g = new float[a.length];
        if (measure instanceof Measure.Unit u) {
            int size = hook.unitSize();
            for (int b = 0; b < batch; b++) {
                int start = b * hook.size() + u.unit() * size;
                java.util.Arrays.fill(g, start, start + size, 1f / size);
            }
        } else if (measure instanceof Measure.Readout r) {
            float[] s = sigmoid(a);
            float[] dImage = Floats.of(r.readouts().gradient(Floats.array(s, activation.shape()), r.factor()));
            for (int j = 0; j < g.length; j++) {
                g[j] = dImage[j] * s[j] * (1 - s[j]);
            }
        } else {
            checkReference(reference, a.length);
            double[] distance = values(activation, reference);
            int size = hook.size();
            for (int b = 0; b < batch; b++) {
                if (distance[b] == 0) {
                    continue;
                }
                for (int j = b * size; j < (b + 1) * size; j++) {
                    double s = sigmoid(a[j]);
                    g[j] = (float) ((s - reference[j]) / distance[b] * s * (1 - s));
                }
            }
        }
        return Floats.array(g, activation.shape());
    }

    private void checkReference(float[] reference, int length) {
        if (reference == null || reference.length != length) {
            throw new IllegalStateException("the reconstruction measure needs one reference image per sample ("
                    + length + " values), got " + (reference == null ? "none" : reference.length + " values"));
        }
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** σ applied to every element. */
    public static float[] sigmoid(float[] logits) {
        float[] s = new float[logits.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) sigmoid(logits[i]);
        }
        return s;
    }
}
