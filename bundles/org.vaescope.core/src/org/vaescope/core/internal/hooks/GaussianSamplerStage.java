package org.vaescope.core.internal.hooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.hooks.Parameter;
import org.vaescope.core.hooks.Stage;
import org.vaescope.core.hooks.StageContext;
import org.vaescope.core.runtime.Floats;

/**
 * Reparameterised Gaussian sample z = μ + exp(log σ² / 2) · ε, ε ~ N(0, I); in a deterministic run
 * z = μ and the log-variance is not read.
 */
public final class GaussianSamplerStage implements Stage {

    @Override
    public String kind() {
        return "gaussian-sampler";
    }

    @Override
    public int[] outputShape(List<int[]> inputShapes) {
        if (inputShapes.size() != 2 || !java.util.Arrays.equals(inputShapes.get(0), inputShapes.get(1))
                || inputShapes.get(0).length != 1) {
            throw new IllegalArgumentException("the sampler needs mean and log-variance vectors of one size");
        }
        return inputShapes.get(0).clone();
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public boolean[] inputsUsed(StageContext context, int inputCount) {
        return new boolean[] {true, context.isSampling()};
    }

    @Override
    public INDArray forward(List<INDArray> inputs, StageContext context) {
        INDArray mu = inputs.get(0);
        if (!context.isSampling()) {
            return mu.dup();
        }
        float[] m = Floats.of(mu);
        float[] lv = Floats.of(inputs.get(1));
        SplittableRandom random = context.random();
        float[] z = new float[m.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) (m[i] + Math.exp(0.5 * lv[i]) * random.nextGaussian());
        }
        return Floats.array(z, mu.shape());
    }

    @Override
    public List<INDArray> backward(List<INDArray> inputs, INDArray output, INDArray outputGradient,
            StageContext context, Map<String, INDArray> parameterGradients) {
        List<INDArray> grads = new ArrayList<>();
        grads.add(outputGradient);
        if (context.isSampling()) {
            // ∂z/∂logvar = ½ exp(logvar/2) ε = ½ (z − μ)
            grads.add(outputGradient.mul(output.sub(inputs.get(0))).muli(0.5));
        } else {
            grads.add(null);
        }
        return grads;
    }
}
