package org.vaescope.core.internal.hooks;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vaescope.core.hooks.Parameter;
import org.vaescope.core.hooks.Stage;
import org.vaescope.core.hooks.StageContext;

/**
 * y = act(flatten(x) · W + b), reshaped to {@code outputShape}. W is in × out, initialised
 * Glorot-uniform (TensorFlow's default), b zero.
 */
public final class DenseStage implements LinearStage {

    private final int in;
    private final int out;
    private final int[] outputShape;
    private final Activation activation;
    private final Parameter weights;
    private final Parameter bias;

    /** A dense stage named {@code name} (parameters {@code name.W}, {@code name.b}). */
    public DenseStage(String name, int in, int out, Activation activation, int... outputShape) {
        this.in = in;
        this.out = out;
        this.activation = activation;
        this.outputShape = outputShape.length == 0 ? new int[] {out} : outputShape.clone();
        if (Arrays.stream(this.outputShape).reduce(1, (a, b) -> a * b) != out) {
            throw new IllegalArgumentException("dense '" + name + "': output shape " + Arrays.toString(outputShape)
                    + " does not hold " + out + " units");
        }
        this.weights = new Parameter(name + ".W", Nd4j.zeros(DataType.FLOAT, in, out));
        this.bias = new Parameter(name + ".b", Nd4j.zeros(DataType.FLOAT, 1, out));
    }

    @Override
    public String kind() {
        return "dense";
    }

    public Activation activation() {
        return activation;
    }

    @Override
    public int[] outputShape(List<int[]> inputShapes) {
        if (inputShapes.size() != 1) {
            throw new IllegalArgumentException("dense takes one input, got " + inputShapes.size());
        }
        int size = Arrays.stream(inputShapes.get(0)).reduce(1, (a, b) -> a * b);
        if (size != in) {
            throw new IllegalArgumentException("dense expects " + in + " inputs, got shape "
                    + Arrays.toString(inputShapes.get(0)));
        }
        return outputShape.clone();
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weights, bias);
    }

    @Override
    public void initialize(SplittableRandom random) {
        weights.set(Initializers.glorotUniform(in * out, in, out, random));
        bias.value().assign(0);
    }

    @Override
    public INDArray forward(List<INDArray> inputs, StageContext context) {
        return activate(preActivation(inputs.get(0)));
    }

    @Override
    public INDArray preActivation(INDArray input) {
        INDArray x = flat(input);
        return x.mmul(weights.value()).addiRowVector(bias.value()).reshape(batchShape(x.size(0)));
    }

    /** The unit's values times its rows of W (a unit of the input is a contiguous block of it). */
    @Override
    public INDArray unitContribution(INDArray unitChange, int unit) {
        long batch = unitChange.size(0);
        long size = unitChange.length() / batch;
        INDArray rows = weights.value().get(NDArrayIndex.interval(unit * size, (unit + 1) * size), NDArrayIndex.all());
        return unitChange.reshape('c', batch, size).mmul(rows).reshape(batchShape(batch));
    }

    @Override
    public INDArray activate(INDArray preActivation) {
        return activation.applyInPlace(preActivation);
    }

    @Override
    public List<INDArray> backward(List<INDArray> inputs, INDArray output, INDArray outputGradient,
            StageContext context, Map<String, INDArray> parameterGradients) {
        INDArray x = flat(inputs.get(0));
        long batch = x.size(0);
        INDArray g = activation.backward(output.reshape(batch, out), outputGradient.reshape(batch, out));
        if (parameterGradients != null) {
            Stage.accumulateProduct(parameterGradients, weights, x, true, g, false);
            Stage.accumulate(parameterGradients, bias, g.sum(true, 0));
        }
        INDArray dx = g.mmul(weights.value().transpose()).reshape(inputs.get(0).shape());
        return List.of(dx);
    }

    private INDArray flat(INDArray x) {
        return x.rank() == 2 ? x : x.reshape(x.size(0), in);
    }

    private long[] batchShape(long batch) {
        long[] shape = new long[outputShape.length + 1];
        shape[0] = batch;
        for (int i = 0; i < outputShape.length; i++) {
            shape[i + 1] = outputShape[i];
        }
        return shape;
    }
}
