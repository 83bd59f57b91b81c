package org.vaescope.core.internal.imports;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.hooks.StageContext;

/** ONNX Flatten or Reshape with a constant target shape: the per-sample values in C order, reshaped. */
final class ReshapeStage extends ParameterFreeStage {

    private final String kind;
    private final int[] shape;

    ReshapeStage(String kind, int[] shape) {
        this.kind = kind;
        this.shape = shape.clone();
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public int[] outputShape(List<int[]> inputShapes) {
        if (size(inputShapes.get(0)) != size(shape)) {
            throw new IllegalArgumentException(kind + " to " + Arrays.toString(shape) + " cannot take "
                    + Arrays.toString(inputShapes.get(0)));
        }
        return shape.clone();
    }

    static int size(int[] shape) {
        return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }


    @Override
    public INDArray forward(List<INDArray> inputs, StageContext context) {
        INDArray x = inputs.get(0);
        return x.dup('c').reshape(batchShape(x.size(0), shape));
    }

    @Override
    public List<INDArray> backward(List<INDArray> inputs, INDArray output, INDArray outputGradient,
            StageContext context, Map<String, INDArray> parameterGradients) {
        return List.of(outputGradient.dup('c').reshape(inputs.get(0).shape()));
    }

    static long[] batchShape(long batch, int[] shape) {
        long[] full = new long[shape.length + 1];
        full[0] = batch;
        for (int k = 0; k < shape.length; k++) {
            full[k + 1] = shape[k];
        }
        return full;
    }
}
