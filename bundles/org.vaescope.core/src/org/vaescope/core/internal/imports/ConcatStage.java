package org.vaescope.core.internal.imports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vaescope.core.hooks.StageContext;

/** ONNX Concat of activations along a per-sample axis. */
final class ConcatStage extends ParameterFreeStage {

    private final int axis;

    /** {@code axis} counts per-sample axes (0 = the first axis after the batch). */
    ConcatStage(int axis) {
        this.axis = axis;
    }

    @Override
    public String kind() {
        return "concat";
    }

    @Override
    public int[] outputShape(List<int[]> inputShapes) {
        int[] out = inputShapes.get(0).clone();
        for (int k = 1; k < inputShapes.size(); k++) {
            int[] other = inputShapes.get(k);
            int[] a = out.clone();
            int[] b = other.clone();
            a[axis] = 0;
            b[axis] = 0;
            if (!Arrays.equals(a, b)) {
                throw new IllegalArgumentException("concat along axis " + (axis + 1) + " of shapes "
                        + Arrays.toString(out) + " and " + Arrays.toString(other));
            }
            out[axis] += other[axis];
        }
        return out;
    }


    @Override
    public INDArray forward(List<INDArray> inputs, StageContext context) {
        return Nd4j.concat(axis + 1, inputs.toArray(INDArray[]::new));
    }

    @Override
    public List<INDArray> backward(List<INDArray> inputs, INDArray output, INDArray outputGradient,
            StageContext context, Map<String, INDArray> parameterGradients) {
        List<INDArray> grads = new ArrayList<>();
        long offset = 0;
        for (INDArray in : inputs) {
            long size = in.size(axis + 1);
            INDArrayIndex[] index = new INDArrayIndex[in.rank()];
            for (int k = 0; k < index.length; k++) {
                index[k] = k == axis + 1 ? NDArrayIndex.interval(offset, offset + size) : NDArrayIndex.all();
            }
            grads.add(outputGradient.get(index).dup('c'));
            offset += size;
        }
        return grads;
    }
}
