package org.vaescope.core.internal.imports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.hooks.StageContext;

/**
 * ONNX Add, Sub, Mul or Div of two activations of one shape, or of an activation and a constant
 * that broadcasts over it (the constant is shaped 1 × per-sample rank, numpy-aligned).
 */
final class BinaryStage extends ParameterFreeStage {

    enum Op {
        ADD, SUB, MUL, DIV
    }

    private final Op op;
    /** The constant operand, or null when both operands are activations. */
    private final INDArray constant;
    /** True when the constant is the left operand (c − x, c / x). */
    private final boolean constantFirst;

    BinaryStage(Op op, INDArray constant, boolean constantFirst) {
        this.op = op;
        this.constant = constant;
        this.constantFirst = constantFirst;
    }

    @Override
    public String kind() {
        return op.name().toLowerCase();
    }

    @Override
    public int[] outputShape(List<int[]> inputShapes) {
        if (constant == null && !Arrays.equals(inputShapes.get(0), inputShapes.get(1))) {
            throw new IllegalArgumentException(kind() + " of two activations needs one shape, got "
                    + Arrays.toString(inputShapes.get(0)) + " and " + Arrays.toString(inputShapes.get(1)));
        }
        return inputShapes.get(0).clone();
    }


    @Override
    public INDArray forward(List<INDArray> inputs, StageContext context) {
        INDArray left = constant != null && constantFirst ? constant : inputs.get(0);
        INDArray right = constant == null ? inputs.get(1) : constantFirst ? inputs.get(0) : constant;
        return switch (op) {
            case ADD -> left.add(right);
            case SUB -> left.sub(right);
            case MUL -> left.mul(right);
            case DIV -> left.div(right);
        };
    }

    @Override
    public List<INDArray> backward(List<INDArray> inputs, INDArray output, INDArray outputGradient,
            StageContext context, Map<String, INDArray> parameterGradients) {
        INDArray g = outputGradient;
        if (constant != null) {
            INDArray x = inputs.get(0);
            INDArray dx = switch (op) {
                case ADD -> g.dup();
                case SUB -> constantFirst ? g.neg() : g.dup();
                case MUL -> g.mul(constant);
                case DIV -> constantFirst ? g.mul(constant).divi(x).divi(x).negi() : g.div(constant);
            };
            return List.of(dx);
        }
        INDArray a = inputs.get(0);
        INDArray b = inputs.get(1);
        List<INDArray> grads = new ArrayList<>();
        switch (op) {
            case ADD -> {
                grads.add(a == null ? null : g.dup());
                grads.add(b == null ? null : g.dup());
            }
            case SUB -> {
                grads.add(a == null ? null : g.dup());
                grads.add(b == null ? null : g.neg());
            }
            case MUL -> {
                grads.add(g.mul(b));
                grads.add(g.mul(a));
            }
            case DIV -> {
                grads.add(g.div(b));
                grads.add(g.mul(a).divi(b).divi(b).negi());
            }
        }
        return grads;
    }
}
