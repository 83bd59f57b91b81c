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
 * p ← p − lr·√(1−β₂ᵗ)/(1−β₁ᵗ) · m / (√v + ε). Updates parameters in place.
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
        double rate = learningRate * Math.sqrt(1 - Math.pow(beta2, steps)) / (1 - Math.pow(beta1, steps));
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
}
