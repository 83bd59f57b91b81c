package org.vaescope.core.hooks;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One node of a {@link StagedModel}: a differentiable function from its input activations to one
 * output activation, with its parameters and vector–Jacobian product. Layers built by VAEScope
 * and layers of imported graphs implement this; the hook machinery knows nothing else about them.
 * <p>
 * Arrays are float32 with the batch first. A stage must not modify its inputs.
 */
public interface Stage {

    /** Short kind, e.g. {@code dense}, {@code conv2d}, {@code gaussian-sampler}. */
    String kind();

    /** Per-sample output shape for these per-sample input shapes; throws if they do not fit. */
    int[] outputShape(List<int[]> inputShapes);

    /** Trainable parameters (possibly none). */
    List<Parameter> parameters();

    /** Fills the parameters with their initial values. */
    default void initialize(SplittableRandom random) {
    }

    /**
     * Which inputs a forward pass in this context reads. A stage that ignores an input in a
     * deterministic run (the log-variance of a sampler) lets a run start after that input.
     */
    default boolean[] inputsUsed(StageContext context, int inputCount) {
        boolean[] used = new boolean[inputCount];
        java.util.Arrays.fill(used, true);
        return used;
    }

    /** Computes the output for a batch. */
    INDArray forward(List<INDArray> inputs, StageContext context);

    /**
     * Vector–Jacobian product: given ∂m/∂output, returns ∂m/∂input for each input (null for an
     * input that was not used) and, if {@code parameterGradients} is not null, adds ∂m/∂p to its
     * entry for each parameter p (keyed by parameter name; absent entries are created).
     */
    List<INDArray> backward(List<INDArray> inputs, INDArray output, INDArray outputGradient,
            StageContext context, Map<String, INDArray> parameterGradients);

    /**
     * Adds op(a)·op(b) (op = optional transpose) to the entry of {@code parameter}, reshaped to the
     * parameter's shape; an existing entry is accumulated into without a temporary.
     */
    static void accumulateProduct(Map<String, INDArray> gradients, Parameter parameter, INDArray a, boolean transposeA,
            INDArray b, boolean transposeB) {
        if (gradients == null) {
            return;
        }
        INDArray current = gradients.get(parameter.name());
        if (current != null && current.ordering() == 'c' && !current.isView()) {
            long rows = transposeA ? a.size(1) : a.size(0);
            long cols = transposeB ? b.size(0) : b.size(1);
            org.nd4j.linalg.factory.Nd4j.gemm(a, b, current.reshape(rows, cols), transposeA, transposeB, 1.0, 1.0);
            return;
        }
        INDArray product = (transposeA ? a.transpose() : a).mmul(transposeB ? b.transpose() : b);
        accumulate(gradients, parameter, product.reshape(parameter.shape()));
    }

    /** Adds {@code gradient} to the entry of {@code parameter} in {@code gradients}. */
    static void accumulate(Map<String, INDArray> gradients, Parameter parameter, INDArray gradient) {
        if (gradients == null) {
            return;
        }
        INDArray current = gradients.get(parameter.name());
        if (current == null) {
            gradients.put(parameter.name(), gradient.isView() ? gradient.dup('c') : gradient);
        } else {
            current.addi(gradient);
        }
    }
}
