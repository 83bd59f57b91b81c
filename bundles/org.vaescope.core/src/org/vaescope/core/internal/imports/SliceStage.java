package org.vaescope.core.internal.imports;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vaescope.core.hooks.StageContext;

/** One contiguous range along one per-sample axis: an ONNX Slice with step 1, or one output of a Split. */
final class SliceStage extends ParameterFreeStage {

    private final int axis;
    private final int start;
    private final int end;

    /** {@code axis} counts per-sample axes (0 = the first axis after the batch). */
    SliceStage(int axis, int start, int end) {
        this.axis = axis;
        this.start = start;
        this.end = end;
    }

    @Override
    public String kind() {
        return "slice";
    }

    @Override
    public int[] outputShape(List<int[]> inputShapes) {
        int[] shape = inputShapes.get(0).clone();
        if (axis >= shape.length || end > shape[axis] || start >= end) {
            throw new IllegalArgumentException("slice " + start + ".." + end + " of axis " + (axis + 1)
                    + " does not fit shape " + java.util.Arrays.toString(inputShapes.get(0)));
        }
        shape[axis] = end - start;
        return shape;
    }


    @Override
    public INDArray forward(List<INDArray> inputs, StageContext context) {
        INDArray x = inputs.get(0);
        return x.get(range(x.rank())).dup('c');
    }

    @Override
    public List<INDArray> backward(List<INDArray> inputs, INDArray output, INDArray outputGradient,
            StageContext context, Map<String, INDArray> parameterGradients) {
        INDArray x = inputs.get(0);
        INDArray dx = Nd4j.zeros(DataType.FLOAT, x.shape());
        dx.get(range(x.rank())).assign(outputGradient);
        return List.of(dx);
    }

    private INDArrayIndex[] range(int rank) {
        INDArrayIndex[] index = new INDArrayIndex[rank];
        for (int k = 0; k < rank; k++) {
            index[k] = k == axis + 1 ? NDArrayIndex.interval(start, end) : NDArrayIndex.all();
        }
        return index;
    }
}
