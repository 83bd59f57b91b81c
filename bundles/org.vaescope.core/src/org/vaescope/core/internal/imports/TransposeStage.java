package org.vaescope.core.internal.imports;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.hooks.StageContext;

/** ONNX Transpose whose permutation keeps the batch axis first. */
final class TransposeStage extends ParameterFreeStage {

    private final int[] permutation;
    private final int[] inverse;

    /** {@code permutation} over all axes, batch included (its first entry is 0). */
    TransposeStage(int[] permutation) {
        this.permutation = permutation.clone();
        this.inverse = new int[permutation.length];
        for (int k = 0; k < permutation.length; k++) {
            inverse[permutation[k]] = k;
        }
    }

    @Override
    public String kind() {
        return "transpose";
    }

    @Override
    public int[] outputShape(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        if (in.length + 1 != permutation.length) {
            throw new IllegalArgumentException("transpose of " + permutation.length + " axes applied to a rank-"
                    + (in.length + 1) + " activation");
        }
        int[] out = new int[in.length];
        for (int k = 1; k < permutation.length; k++) {
            out[k - 1] = in[permutation[k] - 1];
        }
        return out;
    }


    @Override
    public INDArray forward(List<INDArray> inputs, StageContext context) {
        return inputs.get(0).permute(permutation).dup('c');
    }

    @Override
    public List<INDArray> backward(List<INDArray> inputs, INDArray output, INDArray outputGradient,
            StageContext context, Map<String, INDArray> parameterGradients) {
        return List.of(outputGradient.permute(inverse).dup('c'));
    }
}
