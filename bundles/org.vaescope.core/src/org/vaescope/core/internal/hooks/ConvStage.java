package org.vaescope.core.internal.hooks;

import org.vaescope.core.runtime.Floats;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaescope.core.hooks.Parameter;
import org.vaescope.core.hooks.Stage;
import org.vaescope.core.hooks.StageContext;

/**
 * A 2-D convolution ({@code conv2d}) or transposed convolution ({@code deconv2d}) with TensorFlow
 * "SAME" padding, NCHW activations, bias and a fused activation. A flat input is reshaped to
 * {@code inputShape} first (the reshape between a dense and a transposed-convolution layer).
 * <p>
 * Computed as im2col + one matrix product ({@link ConvGeometry}); the transposed convolution is the
 * exact adjoint of the convolution from its output to its input (as TensorFlow defines it).
 * Weights are in × k × k × out for a convolution and in × out × k × k for a transposed one,
 * initialised Glorot-uniform (fans k²·in and k²·out); biases start at zero. A unit of the output
 * hook is a channel.
 */
public final class ConvStage implements Stage {

    private final boolean transposed;
    private final int inChannels;
    private final int outChannels;
    private final int kernel;
    private final int[] inputShape;
    private final int[] outputShape;
    private final ConvGeometry geometry;
    private final Activation activation;
    private final Parameter weights;
    private final Parameter bias;
    /**
     * Per-thread buffers for the patch matrix and the patch-sized product: first touches of fresh
     * native memory are slow (page faults), and these are the largest temporaries of a pass.
     */
    private final ThreadLocal<INDArray[]> scratch = ThreadLocal.withInitial(() -> new INDArray[3]);

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
        if (transposed) {
            outputShape = new int[] {outChannels, inputShape[1] * stride, inputShape[2] * stride};
            geometry = new ConvGeometry(outChannels, outputShape[1], outputShape[2], kernel, stride);
        } else {
            geometry = new ConvGeometry(inChannels, inputShape[1], inputShape[2], kernel, stride);
            outputShape = new int[] {outChannels, geometry.outHeight, geometry.outWidth};
        }
        long[] wShape = transposed ? new long[] {inChannels, outChannels, kernel, kernel}
                : new long[] {inChannels, kernel, kernel, outChannels};
        this.weights = new Parameter(name + ".W", Nd4j.zeros(DataType.FLOAT, wShape));
        this.bias = new Parameter(name + ".b", Nd4j.zeros(DataType.FLOAT, outChannels));
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
        INDArray x = inputs.get(0);
        int batch = (int) x.size(0);
        INDArray y = transposed ? deconvForward(x, batch) : convForward(x, batch);
        return activation.applyInPlace(y);
    }

    private INDArray convForward(INDArray x, int batch) {
        INDArray patches = patches(Floats.of(x), batch);
        INDArray product = weightMatrix().transpose().mmuli(patches, scratch(2, outChannels, batch));
        product.addiColumnVector(bias.value().reshape(outChannels, 1));
        return channelsFirst(product, batch, outputShape);
    }

    private INDArray deconvForward(INDArray x, int batch) {
        INDArray product = weightMatrix().transpose().mmuli(channelsMajor(x, batch, inputShape),
                scratch(1, geometry.patchSize(), batch));
        float[] y = geometry.col2im(Floats.of(product), batch);
        float[] b = Floats.of(bias.value());
        int plane = outputShape[1] * outputShape[2];
        for (int i = 0; i < y.length; i++) {
            y[i] += b[i / plane % outChannels];
        }
        return Floats.array(y, batch, outputShape[0], outputShape[1], outputShape[2]);
    }

    @Override
    public List<INDArray> backward(List<INDArray> inputs, INDArray output, INDArray outputGradient,
            StageContext context, Map<String, INDArray> parameterGradients) {
        INDArray x = inputs.get(0);
        int batch = (int) x.size(0);
        INDArray g = activation.backward(output, outputGradient);
        INDArray dx;
        if (transposed) {
            INDArray gradientPatches = patches(Floats.of(g), batch);
            INDArray xMatrix = channelsMajor(x, batch, inputShape);
            dx = channelsFirst(weightMatrix().mmul(gradientPatches), batch, inputShape);
            Stage.accumulateProduct(parameterGradients, weights, xMatrix, false, gradientPatches, true);
        } else {
            INDArray patches = patches(Floats.of(x), batch);
            INDArray gMatrix = channelsMajor(g, batch, outputShape);
            Stage.accumulateProduct(parameterGradients, weights, patches, false, gMatrix, true);
            float[] dCols = Floats.of(weightMatrix().mmuli(gMatrix, scratch(1, geometry.patchSize(), batch)));
            dx = Floats.array(geometry.col2im(dCols, batch), batch, inputShape[0], inputShape[1], inputShape[2]);
        }
        Stage.accumulate(parameterGradients, bias, g.sum(0, 2, 3).reshape(outChannels));
        return List.of(dx.reshape(x.shape()));
    }

    /** The weights as a matrix: (in·k²) × out for a convolution, in × (out·k²) for a transposed one. */
    private INDArray weightMatrix() {
        return transposed ? weights.value().reshape(inChannels, (long) outChannels * kernel * kernel)
                : weights.value().reshape((long) inChannels * kernel * kernel, outChannels);
    }

    private INDArray patches(float[] images, int batch) {
        INDArray buffer = scratch(0, geometry.patchSize(), batch);
        Floats.fill(buffer, geometry.im2col(images, batch));
        return buffer;
    }

    /** This thread's buffer {@code slot} shaped rows × positions(batch); valid until its next use. */
    @SuppressWarnings("try")
    private INDArray scratch(int slot, long rows, int batch) {
        INDArray[] buffers = scratch.get();
        long cols = geometry.positions(batch);
        INDArray buffer = buffers[slot];
        if (buffer == null || buffer.size(0) != rows || buffer.size(1) != cols) {
            // outside any workspace: the buffer outlives the current training step
            try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                buffer = Nd4j.createUninitialized(DataType.FLOAT, new long[] {rows, cols}, 'c');
            }
            buffers[slot] = buffer;
        }
        return buffer;
    }

    /** batch × C × H × W (or flat) → C × (batch·H·W). */
    private static INDArray channelsMajor(INDArray a, int batch, int[] shape) {
        int plane = shape[1] * shape[2];
        return a.reshape('c', batch, shape[0], plane).permute(1, 0, 2).dup('c').reshape(shape[0],
                (long) batch * plane);
    }

    /** C × (batch·H·W) → batch × C × H × W. */
    private static INDArray channelsFirst(INDArray m, int batch, int[] shape) {
        return m.reshape('c', shape[0], batch, shape[1] * shape[2]).permute(1, 0, 2).dup('c').reshape(batch, shape[0],
                shape[1], shape[2]);
    }
}
