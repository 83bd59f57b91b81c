package org.vaescope.core.internal.imports;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.vaescope.core.hooks.StageContext;

/** An element-wise activation of an imported graph (ONNX Relu, LeakyRelu, Elu, Sigmoid, ...). */
final class PointwiseStage extends ParameterFreeStage {

    enum Function {
        RELU, LEAKY_RELU, ELU, SIGMOID, TANH, SOFTPLUS, EXP, IDENTITY
    }

    private final Function function;
    private final float alpha;

    PointwiseStage(Function function, float alpha) {
        this.function = function;
        this.alpha = alpha;
    }

    @Override
    public String kind() {
        return function.name().toLowerCase().replace('_', '-');
    }

    @Override
    public int[] outputShape(List<int[]> inputShapes) {
        return inputShapes.get(0).clone();
    }


    @Override
    public INDArray forward(List<INDArray> inputs, StageContext context) {
        INDArray x = inputs.get(0);
        return switch (function) {
            case RELU -> Transforms.relu(x, true);
            case LEAKY_RELU -> Transforms.leakyRelu(x, alpha, true);
            case ELU -> Transforms.relu(x, true).addi(Transforms.exp(Transforms.min(x, 0, true), false).subi(1).muli(alpha));
            case SIGMOID -> Transforms.sigmoid(x, true);
            case TANH -> Transforms.tanh(x, true);
            case SOFTPLUS -> Transforms.softPlus(x, true);
            case EXP -> Transforms.exp(x, true);
            case IDENTITY -> x.dup();
        };
    }

    @Override
    public List<INDArray> backward(List<INDArray> inputs, INDArray output, INDArray outputGradient,
            StageContext context, Map<String, INDArray> parameterGradients) {
        INDArray x = inputs.get(0);
        INDArray g = outputGradient;
        INDArray dx = switch (function) {
            case RELU -> positive(x).muli(g);
            case LEAKY_RELU -> positive(x).muli(1 - alpha).addi(alpha).muli(g);
            case ELU -> {
                INDArray mask = positive(x);
                yield mask.rsub(1).muli(output.add(alpha)).addi(mask).muli(g);
            }
            case SIGMOID -> output.rsub(1).muli(output).muli(g);
            case TANH -> output.mul(output).rsubi(1).muli(g);
            case SOFTPLUS -> Transforms.sigmoid(x, true).muli(g);
            case EXP -> output.mul(g);
            case IDENTITY -> g.dup();
        };
        return List.of(dx);
    }

    private static INDArray positive(INDArray x) {
        return x.gt(0).castTo(DataType.FLOAT);
    }
}
