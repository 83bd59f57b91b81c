package org.vaescope.core.internal.hooks;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vaescope.core.hooks.Parameter;
import org.vaescope.core.hooks.Stage;
import org.vaescope.core.hooks.StageContext;

/**
 * A 2-D convolution ({@code conv2d}) or transposed convolution ({@code deconv2d}) with TensorFlow
 * "SAME" padding, NCHW activations, bias and a fused activation. A flat input is reshaped to
 * {@code inputShape} first (the reshape between a dense and a transposed-convolution layer).
 * <p>
 * Forward and backward run as libnd4j's native {@code conv2d}/{@code deconv2d} ops and their
 * {@code _bp} ops (oneDNN kernels when those natives are loaded) on arrays that stay in native memory;
 * the transposed convolution is the exact adjoint of the convolution from its output to its input
 * (as TensorFlow defines it).
 * Weights are in × k × k × out for a convolution and in × out × k × k for a transposed one,
 * initialised Glorot-uniform (fans k²·in and k²·out); biases start at zero. A unit of the output
 * hook is a channel.
 */
public final class ConvStage implements LinearStage {

    private final boolean transposed;
    private final int inChannels;
    private final int outChannels;
    private final int kernel;
    private final int[] inputShape;
    private final int[] outputShape;
    private final Activation activation;
    private final Parameter weights;
    private final Parameter bias;
    private final int stride;

    private static final int EXPLICIT_PADDING = 0;
    private static final int SAME_PADDING = 1;
    private static final int NCHW = 0;
    private static final int KERNEL_LAYOUT_OUT_IN_K_K = 1;

    private ConvStage(String name, boolean transposed, int[] inputShape, int outChannels, int kernel, int stride,
            Activation activation) {
        if (inputShape.length != 3) {
            throw new IllegalArgumentException(name + ": input shape must be channels x height x width, got "
                    + Arrays.toString(inputShape));
        }
        this.transposed = transposed;
        this.inputShape = inputShape.clone();
        this.inChannels = inputShape[0];
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.activation = activation;
        this.stride = stride;
        outputShape = transposed ? new int[] {outChannels, inputShape[1] * stride, inputShape[2] * stride}
                : new int[] {outChannels, ceilDiv(inputShape[1], stride), ceilDiv(inputShape[2], stride)};
        long[] wShape = transposed ? new long[] {inChannels, outChannels, kernel, kernel}
                : new long[] {inChannels, kernel, kernel, outChannels};
        this.weights = new Parameter(name + ".W", Nd4j.zeros(DataType.FLOAT, wShape));
        this.bias = new Parameter(name + ".b", Nd4j.zeros(DataType.FLOAT, outChannels));
    }

    private static int ceilDiv(int side, int stride) {
        return (side + stride - 1) / stride;
    }

    /** A convolution reading activations of {@code inputShape} (C × H × W). */
    public static ConvStage conv(String name, int[] inputShape, int outChannels, int kernel, int stride,
            Activation activation) {
        return new ConvStage(name, false, inputShape, outChannels, kernel, stride, activation);
    }

    /** A transposed convolution reading activations of {@code inputShape} (or their flat form). */
    public static ConvStage deconv(String name, int[] inputShape, int outChannels, int kernel, int stride,
            Activation activation) {
        return new ConvStage(name, true, inputShape, outChannels, kernel, stride, activation);
    }

    @Override
    public String kind() {
        return transposed ? "deconv2d" : "conv2d";
    }

    @Override
    public int[] outputShape(List<int[]> inputShapes) {
        if (inputShapes.size() != 1) {
            throw new IllegalArgumentException(kind() + " takes one input, got " + inputShapes.size());
        }
        int[] given = inputShapes.get(0);
        int givenSize = Arrays.stream(given).reduce(1, (a, b) -> a * b);
        int expectedSize = inputShape[0] * inputShape[1] * inputShape[2];
        if (!(Arrays.equals(given, inputShape) || (given.length == 1 && givenSize == expectedSize))) {
            throw new IllegalArgumentException(kind() + " expects input " + Arrays.toString(inputShape)
                    + ", got " + Arrays.toString(given));
        }
        return outputShape.clone();
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weights, bias);
    }

    @Override
    public void initialize(SplittableRandom random) {
        int receptive = kernel * kernel;
        weights.set(Initializers.glorotUniform((int) weights.length(), receptive * inChannels,
                receptive * outChannels, random));
        bias.value().assign(0);
    }

    @Override
    public INDArray forward(List<INDArray> inputs, StageContext context) {
        return activation.applyInPlace(preActivation(inputs.get(0)));
    }

    @Override
    public INDArray preActivation(INDArray input) {
        return convolve(images(input), kernelWeights(), bias.value());
    }

    /** A unit is a channel: a flat input (reshaped into channels here) has single values as units. */
    @Override
    public boolean takesUnitsOf(int[] hookShape) {
        return Arrays.equals(hookShape, inputShape);
    }

    /** The convolution of one input channel's values with that channel's slice of the kernel. */
    @Override
    public INDArray unitContribution(INDArray unitChange, int unit) {
        INDArray x = unitChange.reshape('c', unitChange.size(0), 1, inputShape[1], inputShape[2]);
        INDArray slice = weights.value().get(NDArrayIndex.interval(unit, unit + 1), NDArrayIndex.all(),
                NDArrayIndex.all(), NDArrayIndex.all());
        return convolve(x, transposed ? slice.dup('c') : slice.permute(3, 0, 1, 2).dup('c'));
    }

    @Override
    public INDArray activate(INDArray preActivation) {
        return activation.applyInPlace(preActivation);
    }

    private INDArray convolve(INDArray x, INDArray... kernelAndBias) {
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, outputShapeFor(x.size(0)), 'c');
        INDArray[] inputs = new INDArray[kernelAndBias.length + 1];
        inputs[0] = x;
        System.arraycopy(kernelAndBias, 0, inputs, 1, kernelAndBias.length);
        Nd4j.exec(op(kind(), inputs).addOutputs(y).build());
        return y;
    }

    @Override
    public List<INDArray> backward(List<INDArray> inputs, INDArray output, INDArray outputGradient,
            StageContext context, Map<String, INDArray> parameterGradients) {
        INDArray x = images(inputs.get(0));
        INDArray g = activation.backward(output, outputGradient);
        INDArray dx = Nd4j.createUninitialized(DataType.FLOAT, x.shape(), 'c');
        INDArray dw = Nd4j.createUninitialized(DataType.FLOAT, kernelWeights().shape(), 'c');
        INDArray db = Nd4j.createUninitialized(DataType.FLOAT, outChannels);
        Nd4j.exec(op(kind() + "_bp", x, kernelWeights(), bias.value(), g).addOutputs(dx, dw, db).build());
        Stage.accumulate(parameterGradients, weights, storedLayout(dw));
        Stage.accumulate(parameterGradients, bias, db);
        return List.of(dx.reshape(inputs.get(0).shape()));
    }

    /**
     * libnd4j's {@code conv2d}/{@code deconv2d} (and their {@code _bp}) in NCHW with TensorFlow SAME
     * padding, given explicitly where it is symmetric; kernel layout 1 is out × in × k × k for a convolution and in × out × k × k (the stored
     * layout) for a transposed one.
     */
    private DynamicCustomOp.DynamicCustomOpsBuilder op(String name, INDArray... inputs) {
        int pad = symmetricSamePadding();
        return DynamicCustomOp.builder(name).addInputs(inputs).addIntegerArguments(kernel, kernel, stride, stride,
                Math.max(pad, 0), Math.max(pad, 0), 1, 1, pad >= 0 ? EXPLICIT_PADDING : SAME_PADDING, NCHW,
                KERNEL_LAYOUT_OUT_IN_K_K);
    }

    /**
     * SAME padding given explicitly when it is the same on both sides, else -1. libnd4j runs a
     * transposed convolution on oneDNN only with explicit padding (its generic SAME kernel is about 5x
     * slower); both spell the same arithmetic. For a transposed convolution the padding is that of
     * the convolution it is the adjoint of, from the output (side × stride) to the input.
     */
    private int symmetricSamePadding() {
        int height = transposed ? outputShape[1] : inputShape[1];
        int width = transposed ? outputShape[2] : inputShape[2];
        int total = samePaddingTotal(height);
        return total >= 0 && total % 2 == 0 && total == samePaddingTotal(width) ? total / 2 : -1;
    }

    /** Rows of padding SAME adds to a side (negative when the kernel is smaller than the stride). */
    private int samePaddingTotal(int side) {
        return (ceilDiv(side, stride) - 1) * stride + kernel - side;
    }

    /** The weights in the op's kernel layout (a transposed copy for a convolution: in × k × k × out is stored). */
    private INDArray kernelWeights() {
        return transposed ? weights.value() : weights.value().permute(3, 0, 1, 2).dup('c');
    }

    /** A kernel-layout gradient in the stored layout. */
    private INDArray storedLayout(INDArray kernelGradient) {
        return transposed ? kernelGradient : kernelGradient.permute(1, 2, 3, 0);
    }

    /** The input as batch × C × H × W (a flat input is reshaped). */
    private INDArray images(INDArray x) {
        return x.rank() == 4 ? x : x.reshape('c', x.size(0), inputShape[0], inputShape[1], inputShape[2]);
    }

    private long[] outputShapeFor(long batch) {
        return new long[] {batch, outputShape[0], outputShape[1], outputShape[2]};
    }
}
