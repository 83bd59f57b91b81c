package org.vaescope.core.internal.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.hooks.Parameter;
import org.vaescope.core.hooks.Stage;
import org.vaescope.core.hooks.StageContext;

/**
 * ONNX Gemm (Y = α·X·W + β·C) or MatMul with constant weights, over flat activations; W is kept as
 * in × out (the transposed ONNX B when transB = 1) and C as a 1 × out row (zeros if absent).
 */
final class GemmStage implements Stage {

    private final float alpha;
    private final float beta;
    private final Parameter weights;
    private final Parameter bias;

    GemmStage(float alpha, float beta, Parameter weights, Parameter bias) {
        this.alpha = alpha;
        this.beta = beta;
        this.weights = weights;
        this.bias = bias;
    }

    @Override
    public String kind() {
        return "gemm";
    }

    @Override
    public int[] outputShape(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        if (in.length != 1 || in[0] != weights.shape()[0]) {
            throw new IllegalArgumentException("gemm with " + weights.shape()[0] + " inputs applied to shape "
                    + java.util.Arrays.toString(in));
        }
        return new int[] {(int) weights.shape()[1]};
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(List.of(weights));
        if (bias != null) {
            all.add(bias);
        }
        return all;
    }

    @Override
    public INDArray forward(List<INDArray> inputs, StageContext context) {
        INDArray y = inputs.get(0).mmul(weights.value());
        if (alpha != 1) {
            y.muli(alpha);
        }
        if (bias != null) {
            y.addiRowVector(beta == 1 ? bias.value() : bias.value().mul(beta));
        }
        return y;
    }

    @Override
    public List<INDArray> backward(List<INDArray> inputs, INDArray output, INDArray outputGradient,
            StageContext context, Map<String, INDArray> parameterGradients) {
        INDArray g = alpha == 1 ? outputGradient : outputGradient.mul(alpha);
        if (parameterGradients != null) {
            Stage.accumulateProduct(parameterGradients, weights, inputs.get(0), true, g, false);
            if (bias != null) {
                Stage.accumulate(parameterGradients, bias, outputGradient.sum(true, 0).muli(beta));
            }
        }
        return List.of(g.mmul(weights.value().transpose()));
    }
}
