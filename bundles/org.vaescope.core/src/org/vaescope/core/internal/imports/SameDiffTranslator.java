package org.vaescope.core.internal.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.ScalarOp;
import org.vaescope.core.internal.imports.OnnxGraph.Attribute;
import org.vaescope.core.internal.imports.OnnxGraph.Tensor;
import org.vaescope.core.internal.imports.OnnxGraph.ValueInfo;

/**
 * Writes a SameDiff graph as the graph an ONNX file would hold, so that SameDiff models go through the
 * same mapping onto VAEScope's stages, role detection and errors as ONNX and DL4J models. Each operation
 * becomes one node whose output keeps the SameDiff variable's name (its hook point); variables and
 * constants become initializers (convolution weights in ONNX's layouts), placeholders the graph inputs,
 * and the computed variables no operation reads the graph outputs.
 */
public final class SameDiffTranslator {

    /** The SameDiff operations translated, by their op names (the rest is rejected naming op and variable). */
    public static final List<String> SUPPORTED = List.of("conv2d", "deconv2d", "matmul", "xw_plus_b", "add",
            "subtract", "multiply", "divide", "biasadd", "add_scalar", "sub_scalar", "mul_scalar", "div_scalar",
            "relu", "leakyrelu", "elu", "sigmoid", "tanh", "softplus", "exp", "batchnorm", "reshape", "permute",
            "concat", "identity");

    private static final Map<String, String> SAME_OPERATOR = Map.ofEntries(Map.entry("add", "Add"),
            Map.entry("subtract", "Sub"), Map.entry("multiply", "Mul"), Map.entry("divide", "Div"),
            Map.entry("sigmoid", "Sigmoid"), Map.entry("tanh", "Tanh"), Map.entry("softplus", "Softplus"),
            Map.entry("exp", "Exp"), Map.entry("identity", "Identity"));
    private static final Map<String, String> SCALAR_OPERATOR = Map.of("add_scalar", "Add", "sub_scalar", "Sub",
            "mul_scalar", "Mul", "div_scalar", "Div");
    private static final int NCHW = 0;
    private static final Set<String> LATENT_NAMES = Set.of("mu", "mean", "z_mean", "logvar", "log_var", "z_log_var");

    private final SameDiff sd;
    private final GraphWriter writer = new GraphWriter();
    private final Map<String, Integer> ranks = new HashMap<>();

    private SameDiffTranslator(SameDiff sd) {
        this.sd = sd;
    }

    /**
     * The graph: every placeholder an input; as outputs, the computed variables no operation reads, and
     * those read but named as μ or log σ² (exactly like {@code mu}, {@code logvar}, or as {@code roles}
     * names them) — SameDiff does not save which variables are outputs, and in a whole VAE the decoder reads μ.
     */
    public static OnnxGraph translate(SameDiff sd, Roles roles) {
        SameDiffTranslator t = new SameDiffTranslator(sd);
        List<ValueInfo> inputs = t.inputs();
        Set<String> read = new HashSet<>();
        for (SameDiffOp op : sd.getOps().values()) {
            t.operation(op);
            read.addAll(inputsOf(op));
        }
        Set<String> namedOutputs = new HashSet<>(LATENT_NAMES);
        java.util.stream.Stream.of(roles.mu(), roles.logvar(), roles.reconstruction()).filter(java.util.Objects::nonNull)
                .forEach(namedOutputs::add);
        List<ValueInfo> outputs = new ArrayList<>();
        for (SameDiffOp op : sd.getOps().values()) {
            for (String out : op.getOutputsOfOp()) {
                if (!read.contains(out) || namedOutputs.contains(out)) {
                    outputs.add(new ValueInfo(out, new long[] {-1}, List.of("")));
                }
            }
        }
        return t.writer.graph(inputs, outputs);
    }

    private List<ValueInfo> inputs() {
        List<ValueInfo> inputs = new ArrayList<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.PLACEHOLDER) {
                long[] shape = v.placeholderShape() == null ? new long[] {-1} : v.placeholderShape().clone();
                shape[0] = -1;
                inputs.add(new ValueInfo(v.name(), shape, java.util.Collections.nCopies(shape.length, "")));
                ranks.put(v.name(), shape.length);
            } else if (v.getVariableType() == VariableType.VARIABLE || v.getVariableType() == VariableType.CONSTANT) {
                if (v.getArr() != null) {
                    writer.tensor(v.name(), v.getArr());
                }
            }
        }
        return inputs;
    }

    private static List<String> inputsOf(SameDiffOp op) {
        return op.getInputsToOp() == null ? List.of() : op.getInputsToOp();
    }

    private void operation(SameDiffOp op) {
        DifferentialFunction fn = op.getOp();
        String name = fn.opName();
        List<String> in = inputsOf(op);
        List<String> outs = op.getOutputsOfOp();
        if (outs == null || outs.size() != 1) {
            throw unsupported(op, "an operation with " + (outs == null ? 0 : outs.size()) + " outputs");
        }
        String out = outs.get(0);
        switch (name) {
            case "conv2d" -> conv(op, in, out, false);
            case "deconv2d" -> conv(op, in, out, true);
            case "matmul" -> matmul(op, in, out);
            case "xw_plus_b" -> node(out, "Gemm", in, Map.of(), 2);
            case "biasadd" -> biasAdd(op, in, out);
            case "relu" -> {
                if (scalar(op) != 0) {
                    throw unsupported(op, "a ReLU with cut-off " + scalar(op));
                }
                node(out, "Relu", in, Map.of(), rank(in.get(0)));
            }
            case "leakyrelu" -> node(out, "LeakyRelu", in, Map.of("alpha", Attribute.floating("alpha", scalar(op))),
                    rank(in.get(0)));
            case "elu" -> node(out, "Elu", in, Map.of("alpha", Attribute.floating("alpha", tArg(op, 0, 1.0))),
                    rank(in.get(0)));
            case "batchnorm" -> batchNorm(op, in, out);
            case "reshape" -> reshape(op, in, out);
            case "permute" -> permute(op, in, out);
            case "concat" -> node(out, "Concat", in, Map.of("axis", Attribute.ints("axis", iArgs(op)[0])),
                    rank(in.get(0)));
            default -> {
                if (SAME_OPERATOR.containsKey(name)) {
                    node(out, SAME_OPERATOR.get(name), in, Map.of(), in.stream().mapToInt(this::rank).max().orElse(0));
                } else if (SCALAR_OPERATOR.containsKey(name)) {
                    String c = writer.constant(out + "/scalar", new long[0], scalar(op));
                    node(out, SCALAR_OPERATOR.get(name), List.of(in.get(0), c), Map.of(), rank(in.get(0)));
                } else {
                    throw new GraphException("operation '" + op.getName() + "' computing '" + out + "' is SameDiff's '"
                            + name + "', which VAEScope does not import; supported: " + String.join(", ", SUPPORTED));
                }
            }
        }
    }

    /**
     * libnd4j's conv2d (weights [kH, kW, in, out], [out, in, kH, kW] or [out, kH, kW, in]) and deconv2d
     * (weights [kH, kW, out, in]); arguments kH, kW, sH, sW, pH, pW, dH, dW, padding mode, data format, weight format.
     */
    private void conv(SameDiffOp op, List<String> in, String out, boolean transposed) {
        long[] a = iArgs(op);
        if (a.length < 9) {
            throw unsupported(op, "a convolution without its kernel, stride and padding arguments");
        }
        if (a.length > 9 && a[9] != NCHW) {
            throw unsupported(op, "a convolution on NHWC data (VAEScope imports NCHW)");
        }
        int weightFormat = a.length > 10 ? (int) a[10] : 0;
        if (a[8] == 2) {
            throw unsupported(op, "a causal convolution");
        }
        int[] k = {(int) a[0], (int) a[1]};
        int[] s = {(int) a[2], (int) a[3]};
        int[] d = {(int) Math.max(1, a[6]), (int) Math.max(1, a[7])};
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        attributes.put("strides", Attribute.ints("strides", s[0], s[1]));
        attributes.put("dilations", Attribute.ints("dilations", d[0], d[1]));
        boolean same = a[8] == 1;
        if (same && !transposed) {
            attributes.put("auto_pad", Attribute.string("auto_pad", "SAME_UPPER"));
        } else {
            long[] pads = same ? SamePadding.transposed(k, s, d) : new long[] {a[4], a[5], a[4], a[5]};
            if (pads == null) {
                throw unsupported(op, "a transposed convolution in same mode with uneven padding");
            }
            attributes.put("pads", Attribute.ints("pads", pads));
        }
        List<String> inputs = new ArrayList<>(List.of(in.get(0), onnxWeights(op, in.get(1), transposed, weightFormat)));
        if (in.size() > 2) {
            inputs.add(in.get(2));
        }
        node(out, transposed ? "ConvTranspose" : "Conv", inputs, attributes, 4);
    }

    /** The weights in ONNX's layout: [out, in, kH, kW] for a convolution, [in, out, kH, kW] transposed. */
    private String onnxWeights(SameDiffOp op, String weights, boolean transposed, int format) {
        INDArray w = value(op, weights);
        int[] order = transposed || format == 0 ? new int[] {3, 2, 0, 1} : format == 2 ? new int[] {0, 3, 1, 2} : null;
        return order == null ? weights : writer.tensor(weights + "/onnx", w.permute(order));
    }

    private void matmul(SameDiffOp op, List<String> in, String out) {
        long[] a = iArgs(op);
        double[] t = op.getOp() instanceof DynamicCustomOp c ? c.tArgs() : new double[0];
        if (a.length > 0 && a[0] != 0 || a.length > 2 && a[2] != 0 || t.length > 0 && t[0] != 1.0) {
            throw unsupported(op, "a matrix product that transposes its left operand or result, or scales it");
        }
        String right = in.get(1);
        if (a.length > 1 && a[1] != 0) {
            right = writer.tensor(right + "/transposed", value(op, right).transpose());
        }
        node(out, "MatMul", List.of(in.get(0), right), Map.of(), 2);
    }

    /** bias over the channels: NCHW feature maps get it as [C, 1, 1] (ONNX broadcasts from the last axis). */
    private void biasAdd(SameDiffOp op, List<String> in, String out) {
        boolean[] b = op.getOp() instanceof DynamicCustomOp c ? c.bArgs() : new boolean[0];
        boolean nchw = b.length == 0 || b[0];
        int rank = rank(in.get(0));
        String bias = in.get(1);
        if (rank == 4 && nchw) {
            INDArray v = value(op, bias);
            bias = writer.tensor(bias + "/channels", v.reshape(v.length(), 1, 1));
        }
        node(out, "Add", List.of(in.get(0), bias), Map.of(), rank);
    }

    /** libnd4j's batchnorm: inputs x, mean, variance[, gamma][, beta]; arguments applyGamma, applyBeta, axis. */
    private void batchNorm(SameDiffOp op, List<String> in, String out) {
        long[] a = iArgs(op);
        boolean gamma = a.length > 0 && a[0] != 0;
        boolean beta = a.length > 1 && a[1] != 0;
        if (a.length > 3 || a.length == 3 && a[2] != 1) {
            throw unsupported(op, "a batch normalisation over axes other than the channels (axis 1)");
        }
        long channels = value(op, in.get(1)).length();
        String scale = gamma ? in.get(3) : writer.filled(out + "/gamma", channels, 1);
        String shift = beta ? in.get(gamma ? 4 : 3) : writer.filled(out + "/beta", channels, 0);
        node(out, "BatchNormalization", List.of(in.get(0), scale, shift, in.get(1), in.get(2)),
                Map.of("epsilon", Attribute.floating("epsilon", tArg(op, 0, 1e-5))), rank(in.get(0)));
    }

    /** Integer arguments: an order ('c' as -99, 'f' as -102) then the shape; or the shape as a constant input. */
    private void reshape(SameDiffOp op, List<String> in, String out) {
        long[] a = iArgs(op);
        long[] shape;
        if (in.size() > 1) {
            shape = value(op, in.get(1)).toLongVector();
        } else if (a.length > 0 && a[0] == -102) {
            throw unsupported(op, "a reshape in Fortran order");
        } else {
            shape = a.length > 0 && a[0] == -99 ? java.util.Arrays.copyOfRange(a, 1, a.length) : a;
        }
        double[] values = java.util.Arrays.stream(shape).asDoubleStream().toArray();
        String target = writer.constant(out + "/shape", new long[] {shape.length}, values);
        node(out, "Reshape", List.of(in.get(0), target), Map.of(), shape.length);
    }

    private void permute(SameDiffOp op, List<String> in, String out) {
        long[] perm = in.size() > 1 ? value(op, in.get(1)).toLongVector() : iArgs(op);
        node(out, "Transpose", List.of(in.get(0)), Map.of("perm", Attribute.ints("perm", perm)), rank(in.get(0)));
    }

    private int rank(String value) {
        Integer rank = ranks.get(value);
        if (rank != null) {
            return rank;
        }
        Tensor t = writer.initializer(value);
        return t == null ? 0 : t.dims().length;
    }

    private INDArray value(SameDiffOp op, String variable) {
        SDVariable v = sd.getVariable(variable);
        if (v == null || v.getArr() == null
                || v.getVariableType() != VariableType.VARIABLE && v.getVariableType() != VariableType.CONSTANT) {
            throw new GraphException("operation '" + op.getName() + "' (" + op.getOp().opName() + ") reads '" + variable
                    + "', which VAEScope needs to be a variable or constant (weights, bias, shape), not computed");
        }
        return v.getArr();
    }

    private static long[] iArgs(SameDiffOp op) {
        return op.getOp() instanceof DynamicCustomOp c ? c.iArgs() : new long[0];
    }

    private static double tArg(SameDiffOp op, int index, double fallback) {
        double[] t = op.getOp() instanceof DynamicCustomOp c ? c.tArgs() : new double[0];
        return t.length > index ? t[index] : fallback;
    }

    private static double scalar(SameDiffOp op) {
        INDArray s = op.getOp() instanceof ScalarOp so ? so.scalar() : null;
        if (s == null) {
            throw new GraphException("operation '" + op.getName() + "' (" + op.getOp().opName() + ") has no scalar"
                    + " argument; the file may be truncated");
        }
        return s.getDouble(0);
    }

    /** One node computing {@code output}; the node is named after the variable so its hook alias is the variable's name. */
    private void node(String output, String op, List<String> inputs, Map<String, Attribute> attributes, int rank) {
        writer.node(output.replace('/', '_') + "/" + op, op, inputs, output, attributes);
        ranks.put(output, rank);
    }

    private static GraphException unsupported(SameDiffOp op, String what) {
        return new GraphException("operation '" + op.getName() + "' (" + op.getOp().opName() + ") computing "
                + op.getOutputsOfOp() + " is " + what + ", which VAEScope does not import");
    }
}
