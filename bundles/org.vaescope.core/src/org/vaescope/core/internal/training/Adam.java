package org.vaescope.core.internal.training;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.vaescope.core.hooks.Parameter;

/**
 * Adam in TensorFlow's form: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
 * p ← p − lr·√(1−β₂ᵗ)/(1−β₁ᵗ) · m / (√v + ε). Updates parameters in place: native ones (the
 * models' {@link Parameter}s) with ND4J's kernels, and Java arrays with {@link OnHeap} (networks so
 * small that a native call costs more than the arithmetic, such as the factor read-outs).
 */
public final class Adam {

    private final List<Parameter> parameters;
    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final Map<String, INDArray> firstMoments = new HashMap<>();
    private final Map<String, INDArray> secondMoments = new HashMap<>();
    /** Reused per parameter: fresh native memory is slow to touch, so the update allocates nothing. */
    private final Map<String, INDArray> scratch = new HashMap<>();
    private int steps;

    public Adam(List<Parameter> parameters, double learningRate, double beta1, double beta2, double epsilon) {
        this.parameters = parameters;
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        for (Parameter p : parameters) {
            firstMoments.put(p.name(), Nd4j.zeros(DataType.FLOAT, p.shape()));
            secondMoments.put(p.name(), Nd4j.zeros(DataType.FLOAT, p.shape()));
            scratch.put(p.name(), Nd4j.zeros(DataType.FLOAT, p.shape()));
        }
    }

    /** Adam with β₁ = 0.9, β₂ = 0.999, ε = 1e-8. */
    public Adam(List<Parameter> parameters, double learningRate) {
        this(parameters, learningRate, 0.9, 0.999, 1e-8);
    }

    /**
     * One update; parameters without a gradient entry are left unchanged. The gradient arrays are
     * used as scratch space and overwritten.
     */
    public void step(Map<String, INDArray> gradients) {
        steps++;
        double rate = stepSize(learningRate, beta1, beta2, steps);
        for (Parameter p : parameters) {
            INDArray g = gradients.get(p.name());
            INDArray m = firstMoments.get(p.name());
            INDArray v = secondMoments.get(p.name());
            if (g == null) {
                continue;
            }
            g = g.reshape(p.shape());
            INDArray t = scratch.get(p.name());
            v.muli(beta2).addi(t.assign(g).muli(g).muli(1 - beta2));
            m.muli(beta1).addi(g.muli(1 - beta1));
            Transforms.sqrt(t.assign(v), false).addi(epsilon).rdivi(m).muli(rate);
            p.value().subi(t);
        }
    }

    public int steps() {
        return steps;
    }

    /** The bias-corrected step size lr·√(1−β₂ᵗ)/(1−β₁ᵗ) of update t (counted from 1). */
    private static double stepSize(double learningRate, double beta1, double beta2, int t) {
        return learningRate * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
    }

    /** Adam with β₁ = 0.9, β₂ = 0.999, ε = 1e-8 on parameters held as Java arrays, element by element in double precision. */
    public static final class OnHeap {

        private static final double BETA1 = 0.9;
        private static final double BETA2 = 0.999;
        private static final double EPSILON = 1e-8;

        private final float[][] parameters;
        private final float[][] firstMoments;
        private final float[][] secondMoments;
        private int steps;

        /** Updates {@code parameters} (each array one parameter) in place. */
        public OnHeap(float[][] parameters) {
            this.parameters = parameters;
            firstMoments = new float[parameters.length][];
            secondMoments = new float[parameters.length][];
            for (int i = 0; i < parameters.length; i++) {
                firstMoments[i] = new float[parameters[i].length];
                secondMoments[i] = new float[parameters[i].length];
            }
        }

        /** One update; {@code gradients[i]} is the gradient of parameter i. */
        public void step(float[][] gradients, double learningRate) {
            steps++;
            double step = stepSize(learningRate, BETA1, BETA2, steps);
            for (int i = 0; i < parameters.length; i++) {
                float[] p = parameters[i];
                float[] m = firstMoments[i];
                float[] v = secondMoments[i];
                float[] g = gradients[i];
                for (int j = 0; j < p.length; j++) {
                    m[j] = (float) (BETA1 * m[j] + (1 - BETA1) * g[j]);
                    v[j] = (float) (BETA2 * v[j] + (1 - BETA2) * g[j] * g[j]);
                    p[j] -= (float) (step * m[j] / (Math.sqrt(v[j]) + EPSILON));
                }
            }
        }
    }
}
