package org.vaescope.core.internal.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vaescope.core.hooks.Parameter;
import org.vaescope.core.hooks.Stage;
import org.vaescope.core.hooks.StageContext;

/**
 * ONNX Conv or ConvTranspose (2-D, NCHW, group 1) on libnd4j's {@code conv2d}/{@code deconv2d} kernels
 * and their {@code _bp} vector–Jacobian products, with the weights in ONNX layout (out × in × kH × kW
 * for Conv, in × out × kH × kW for ConvTranspose).
 * <p>
 * Symmetric padding goes to the kernel. Otherwise a convolution's input is zero-padded first; a
 * transposed convolution is computed unpadded and its output cropped (and zero-extended for
 * {@code output_padding}), which is exactly how ONNX defines it.
 */
final class NativeConvStage implements Stage {

    private final boolean transposed;
    private final int[] kernel;
    private final int[] stride;
    private final int[] dilation;
    /** top, left, bottom, right. */
    private final int[] pads;
    private final int[] outputPadding;
    private final Parameter weights;
    private final Parameter bias;

    NativeConvStage(boolean transposed, int[] stride, int[] dilation, int[] pads, int[] outputPadding,
            Parameter weights, Parameter bias) {
        this.transposed = transposed;
        long[] w = weights.shape();
        this.kernel = new int[] {(int) w[2], (int) w[3]};
        this.stride = stride.clone();
        this.dilation = dilation.clone();
        this.pads = pads.clone();
        this.outputPadding = outputPadding.clone();
        this.weights = weights;
        this.bias = bias;
    }

    @Override
    public String kind() {
        return transposed ? "conv-transpose" : "conv";
    }

    private int inChannels() {
        return (int) weights.shape()[transposed ? 0 : 1];
    }

    private int outChannels() {
        return (int) weights.shape()[transposed ? 1 : 0];
    }

    @Override
    public int[] outputShape(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        if (in.length != 3 || in[0] != inChannels()) {
            throw new IllegalArgumentException(kind() + " expects " + inChannels() + " x height x width, got "
                    + java.util.Arrays.toString(in));
        }
        int[] out = {outChannels(), 0, 0};
        for (int a = 0; a < 2; a++) {
            int span = dilation[a] * (kernel[a] - 1) + 1;
            int padded = pads[a] + pads[a + 2];
            out[a + 1] = transposed ? stride[a] * (in[a + 1] - 1) + span - padded + outputPadding[a]
                    : (in[a + 1] + padded - span) / stride[a] + 1;
            if (out[a + 1] < 1) {
                throw new IllegalArgumentException(kind() + " leaves no output for input " + java.util.Arrays.toString(in));
            }
        }
        return out;
    }

    @Override
    public List<Parameter> parameters() {
        return bias == null ? List.of(weights) : List.of(weights, bias);
    }

    @Override
    public INDArray forward(List<INDArray> inputs, StageContext context) {
        INDArray x = inputs.get(0);
        if (transposed) {
            INDArray full = run("deconv2d", List.of(x, weights.value()), fullDeconvShape(x), 0, 0)[0];
            INDArray y = cropToOutput(full, x);
            return bias == null ? y : y.addi(bias.value().reshape(1, outChannels(), 1, 1));
        }
        List<INDArray> in = new ArrayList<>(List.of(padded(x), weights.value()));
        if (bias != null) {
            in.add(bias.value());
        }
        return run("conv2d", in, outputBatchShape(x), nativePad(0), nativePad(1))[0];
    }

    @Override
    public List<INDArray> backward(List<INDArray> inputs, INDArray output, INDArray outputGradient,
            StageContext context, Map<String, INDArray> parameterGradients) {
        INDArray x = inputs.get(0);
        INDArray g = outputGradient.dup('c');
        INDArray dx;
        INDArray dw;
        if (transposed) {
            INDArray gFull = uncrop(g, fullDeconvShape(x));
            INDArray[] grads = run("deconv2d_bp", List.of(x, weights.value(), gFull), null, 0, 0,
                    x.shape(), weights.shape());
            dx = grads[0];
            dw = grads[1];
        } else {
            INDArray xPadded = padded(x);
            List<INDArray> in = new ArrayList<>(List.of(xPadded, weights.value()));
            if (bias != null) {
                in.add(bias.value());
            }
            in.add(g);
            INDArray[] grads = run("conv2d_bp", in, null, nativePad(0), nativePad(1),
                    xPadded.shape(), weights.shape(), bias == null ? null : bias.shape());
            dx = unpad(grads[0]);
            dw = grads[1];
        }
        if (parameterGradients != null) {
            Stage.accumulate(parameterGradients, weights, dw);
            if (bias != null) {
                Stage.accumulate(parameterGradients, bias, g.sum(0, 2, 3).reshape(bias.shape()));
            }
        }
        return List.of(dx);
    }

    private boolean symmetric() {
        return pads[0] == pads[2] && pads[1] == pads[3];
    }

    private int nativePad(int axis) {
        return symmetric() ? pads[axis] : 0;
    }

    private INDArray padded(INDArray x) {
        if (symmetric()) {
            return x;
        }
        long[] s = x.shape();
        INDArray out = Nd4j.zeros(DataType.FLOAT, s[0], s[1], s[2] + pads[0] + pads[2], s[3] + pads[1] + pads[3]);
        out.get(interior(s, pads[0], pads[1])).assign(x);
        return out;
    }

    private INDArray unpad(INDArray dxPadded) {
        if (symmetric()) {
            return dxPadded;
        }
        long[] s = dxPadded.shape();
        long[] inner = {s[0], s[1], s[2] - pads[0] - pads[2], s[3] - pads[1] - pads[3]};
        return dxPadded.get(interior(inner, pads[0], pads[1])).dup('c');
    }

    private long[] fullDeconvShape(INDArray x) {
        long[] s = x.shape();
        return new long[] {s[0], outChannels(), stride[0] * (s[2] - 1) + dilation[0] * (kernel[0] - 1) + 1,
                stride[1] * (s[3] - 1) + dilation[1] * (kernel[1] - 1) + 1};
    }

    private long[] outputBatchShape(INDArray x) {
        long[] s = x.shape();
        int[] out = outputShape(List.of(new int[] {(int) s[1], (int) s[2], (int) s[3]}));
        return new long[] {s[0], out[0], out[1], out[2]};
    }

    /** The ONNX output window of the unpadded transposed convolution, zero where it reaches past it. */
    private INDArray cropToOutput(INDArray full, INDArray x) {
        long[] out = outputBatchShape(x);
        INDArray y = Nd4j.zeros(DataType.FLOAT, out);
        long rows = Math.min(out[2], full.size(2) - pads[0]);
        long cols = Math.min(out[3], full.size(3) - pads[1]);
        y.get(window(0, 0, rows, cols)).assign(full.get(window(pads[0], pads[1], rows, cols)));
        return y;
    }

    private INDArray uncrop(INDArray g, long[] fullShape) {
        INDArray full = Nd4j.zeros(DataType.FLOAT, fullShape);
        long rows = Math.min(g.size(2), fullShape[2] - pads[0]);
        long cols = Math.min(g.size(3), fullShape[3] - pads[1]);
        full.get(window(pads[0], pads[1], rows, cols)).assign(g.get(window(0, 0, rows, cols)));
        return full;
    }

    private static INDArrayIndex[] window(long top, long left, long rows, long cols) {
        return new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(top, top + rows),
                NDArrayIndex.interval(left, left + cols)};
    }

    private static INDArrayIndex[] interior(long[] innerShape, long top, long left) {
        return window(top, left, innerShape[2], innerShape[3]);
    }

    /** Runs a libnd4j convolution op with NCHW data and ONNX-layout weights (wFormat 1). */
    private INDArray[] run(String op, List<INDArray> inputs, long[] outputShape, int padH, int padW,
            long[]... gradientShapes) {
        DynamicCustomOp.DynamicCustomOpsBuilder builder = DynamicCustomOp.builder(op)
                .addInputs(inputs.toArray(INDArray[]::new))
                .addIntegerArguments(kernel[0], kernel[1], stride[0], stride[1], padH, padW, dilation[0], dilation[1],
                        0, 0, 1);
        List<INDArray> outputs = new ArrayList<>();
        if (outputShape != null) {
            outputs.add(Nd4j.createUninitialized(DataType.FLOAT, outputShape));
        }
        for (long[] shape : gradientShapes) {
            if (shape != null) {
                outputs.add(Nd4j.createUninitialized(DataType.FLOAT, shape));
            }
        }
        builder.addOutputs(outputs.toArray(INDArray[]::new));
        Nd4j.exec(builder.build());
        return outputs.toArray(INDArray[]::new);
    }
}
