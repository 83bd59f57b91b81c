package org.vaescope.core.internal.hooks;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Element-wise activation fused into a layer stage; its derivative is computed from the output. */
public enum Activation {
    IDENTITY,
    RELU,
    /** Leaky ReLU with slope 0.2 for negative inputs (TensorFlow's default, used by FactorVAE). */
    LEAKY_RELU;

    public static final double LEAKY_SLOPE = 0.2;

    /** Applies the activation in place and returns {@code x}. */
    public INDArray applyInPlace(INDArray x) {
        return switch (this) {
            case IDENTITY -> x;
            case RELU -> Transforms.relu(x, false);
            case LEAKY_RELU -> Transforms.leakyRelu(x, LEAKY_SLOPE, false);
        };
    }

    /** ∂m/∂pre-activation given ∂m/∂output and the output (a new array). */
    public INDArray backward(INDArray output, INDArray outputGradient) {
        return switch (this) {
            case IDENTITY -> outputGradient;
            case RELU -> Transforms.step(output).muli(outputGradient);
            case LEAKY_RELU -> Transforms.step(output).muli(1 - LEAKY_SLOPE).addi(LEAKY_SLOPE).muli(outputGradient);
        };
    }

    /** Name used in saved architectures. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
