package org.vaescope.core.internal.imports;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.hooks.StageContext;

/**
 * ONNX BatchNormalization in inference mode, folded into y = a·x + b per channel (axis 1) with
 * a = scale / √(var + ε) and b = bias − mean · a.
 */
final class ChannelAffineStage extends ParameterFreeStage {

    private final float[] scale;
    private final float[] shift;

    ChannelAffineStage(float[] scale, float[] shift) {
        this.scale = scale.clone();
        this.shift = shift.clone();
    }

    static ChannelAffineStage batchNorm(float[] gamma, float[] beta, float[] mean, float[] variance, float epsilon) {
        float[] a = new float[gamma.length];
        float[] b = new float[gamma.length];
        for (int c = 0; c < a.length; c++) {
            a[c] = (float) (gamma[c] / Math.sqrt(variance[c] + epsilon));
            b[c] = beta[c] - mean[c] * a[c];
        }
        return new ChannelAffineStage(a, b);
    }

    @Override
    public String kind() {
        return "batch-norm";
    }

    @Override
    public int[] outputShape(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        if (in[0] != scale.length) {
            throw new IllegalArgumentException("batch normalisation of " + scale.length + " channels applied to "
                    + in[0]);
        }
        return in.clone();
    }


    @Override
    public INDArray forward(List<INDArray> inputs, StageContext context) {
        INDArray x = inputs.get(0);
        return x.mul(perChannel(scale, x.rank())).addi(perChannel(shift, x.rank()));
    }

    @Override
    public List<INDArray> backward(List<INDArray> inputs, INDArray output, INDArray outputGradient,
            StageContext context, Map<String, INDArray> parameterGradients) {
        return List.of(outputGradient.mul(perChannel(scale, outputGradient.rank())));
    }

    private static INDArray perChannel(float[] values, int rank) {
        long[] shape = new long[rank];
        java.util.Arrays.fill(shape, 1);
        shape[1] = values.length;
        return org.nd4j.linalg.factory.Nd4j.create(values, shape, org.nd4j.linalg.api.buffer.DataType.FLOAT);
    }
}
