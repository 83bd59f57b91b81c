package org.vaescope.core.hooks;

import java.util.Collections;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gradients of a scalar m = Σ_b Σ_j w[b, j] · h_of[b, j] with respect to hook points, and the
 * forward values seen on the way. Because samples do not interact, the gradient row of sample b
 * is the gradient of that sample's own term m_b.
 */
public final class GradientResult {

    private final double[] perSample;
    private final Map<String, INDArray> gradients;
    private final RunResult forward;

    public GradientResult(double[] perSample, Map<String, INDArray> gradients, RunResult forward) {
        this.perSample = perSample.clone();
        this.gradients = Collections.unmodifiableMap(gradients);
        this.forward = forward;
    }

    /** m = Σ_b m_b. */
    public double value() {
        double sum = 0;
        for (double v : perSample) {
            sum += v;
        }
        return sum;
    }

    /** m_b for every sample b. */
    public double[] perSample() {
        return perSample.clone();
    }

    /** ∂m/∂h at {@code hook} (batch × hook shape). */
    public INDArray gradient(String hook) {
        INDArray g = gradients.get(hook);
        if (g == null) {
            throw new HookException("no gradient was requested at '" + hook + "' (requested: "
                    + gradients.keySet() + ")");
        }
        return g;
    }

    public Map<String, INDArray> gradients() {
        return gradients;
    }

    /** The forward run; it holds the activations of every hook the gradient was taken at. */
    public RunResult forward() {
        return forward;
    }
}
