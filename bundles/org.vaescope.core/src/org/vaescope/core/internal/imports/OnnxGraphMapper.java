package org.vaescope.core.internal.imports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaescope.core.hooks.Parameter;
import org.vaescope.core.hooks.Stage;
import org.vaescope.core.hooks.StagedModel;
import org.vaescope.core.internal.imports.OnnxGraph.Node;
import org.vaescope.core.internal.imports.OnnxGraph.Tensor;

/**
 * Adds the nodes of one ONNX graph to a {@link StagedModel.Builder}: every node output computed from
 * an activation becomes a hook point; nodes computed from constants only are folded into constants.
 * Hook names are readable aliases of the node names ({@code /encoder/conv1/Conv} →
 * {@code encoder.conv1}), unless the caller gives a role name for a value ({@code latent.mu}).
 */
final class OnnxGraphMapper {

    /** Operators mapped onto stages (the rest is rejected naming node and operator). */
    static final Set<String> SUPPORTED = Set.of("Conv", "ConvTranspose", "Gemm", "MatMul", "Add", "Sub", "Mul",
            "Div", "Relu", "LeakyRelu", "Elu", "Sigmoid", "Tanh", "Softplus", "Exp", "BatchNormalization",
            "Flatten", "Reshape", "Transpose", "Concat", "Split", "Slice", "Identity", "Dropout", "Constant",
            "Shape", "Gather", "Unsqueeze", "Squeeze", "Cast");

    private final OnnxGraph graph;
    private final StagedModel.Builder builder;
    private final String prefix;
    private final Map<String, String> roleNames;
    private final Map<String, String> hookOfValue = new HashMap<>();
    private final Map<String, Tensor> constants = new HashMap<>();
    private final Map<String, int[]> shapes = new HashMap<>();
    private final Map<String, String> onnxNameOfHook;
    private final Map<String, String> opTypeOfHook;
    private final AliasNames aliases;

    /**
     * @param boundInputs    graph input name → existing hook point (with its per-sample shape)
     * @param roleNames      value name → hook name to use instead of the alias
     * @param onnxNameOfHook receives hook name → ONNX value name for every hook added
     * @param opTypeOfHook   receives hook name → ONNX operator for every hook added
     */
    OnnxGraphMapper(OnnxGraph graph, StagedModel.Builder builder, String prefix, Map<String, int[]> boundInputs,
            Map<String, String> boundHooks, Map<String, String> roleNames, Map<String, String> onnxNameOfHook,
            Map<String, String> opTypeOfHook) {
        this.graph = graph;
        this.builder = builder;
        this.prefix = prefix;
        this.roleNames = roleNames;
        this.onnxNameOfHook = onnxNameOfHook;
        this.opTypeOfHook = opTypeOfHook;
        this.aliases = new AliasNames(graph.nodes(), prefix);
        constants.putAll(graph.initializers());
        for (Map.Entry<String, String> e : boundHooks.entrySet()) {
            hookOfValue.put(e.getKey(), e.getValue());
            shapes.put(e.getKey(), boundInputs.get(e.getKey()));
        }
    }

    /** Maps the nodes in this order; returns value name → hook name of everything mapped so far. */
    Map<String, String> map(List<Node> nodes) {
        for (Node node : nodes) {
            mapNode(node);
        }
        return Map.copyOf(hookOfValue);
    }

    /** Makes later readers of {@code value} read {@code hook} instead (e.g. μ → the sampler's z). */
    void redirect(String value, String hook, int[] shape) {
        hookOfValue.put(value, hook);
        shapes.put(value, shape);
    }

    String hookOf(String value) {
        return hookOfValue.get(value);
    }

    int[] shapeOf(String value) {
        return shapes.get(value);
    }

    private void mapNode(Node node) {
        if (!node.domain().isEmpty() && !node.domain().equals("ai.onnx")) {
            throw unsupported(node);
        }
        if (node.opType().equals("Constant")) {
            Tensor value = node.attributes().containsKey("value") ? node.attributes().get("value").t() : null;
            if (value == null) {
                throw new GraphException("node '" + node.label() + "' (Constant) has no tensor 'value'");
            }
            constants.put(node.outputs().get(0), value);
            return;
        }
        if (foldable(node)) {
            constants.put(node.outputs().get(0), node.opType().equals("Shape")
                    ? ConstantFolding.shapeOf(node, shapes.get(node.inputs().get(0)))
                    : ConstantFolding.fold(node, node.inputs().stream().map(i -> i.isEmpty() ? null : constants.get(i)).toList()));
            return;
        }
        if (!SUPPORTED.contains(node.opType())) {
            throw unsupported(node);
        }
        List<String> activations = new ArrayList<>();
        for (String input : node.inputs()) {
            if (input.isEmpty() || constants.containsKey(input)) {
                continue;
            }
            if (!hookOfValue.containsKey(input)) {
                throw new GraphException("node '" + node.label() + "' (" + node.opType() + ") reads '" + input
                        + "', which no earlier node, initializer or graph input defines; the file may be truncated");
            }
            activations.add(input);
        }
        if (activations.isEmpty() || ConstantFolding.FOLDED.contains(node.opType()) && !isLayer(node)) {
            throw new GraphException("node '" + node.label() + "' (" + node.opType() + ") is supported only on"
                    + " constants and shape values (evaluated at import time), not on activations");
        }
        if (node.opType().equals("Split")) {
            mapSplit(node, activations.get(0));
            return;
        }
        Stage stage;
        try {
            stage = stageFor(node, activations);
        } catch (IllegalArgumentException e) {
            throw new GraphException("node '" + node.label() + "' (" + node.opType() + "): " + e.getMessage(), e);
        }
        add(node, node.outputs().get(0), stage, activations);
    }

    /** Shape of a known activation, or a shape computation on constants only. */
    private boolean foldable(Node node) {
        if (!ConstantFolding.FOLDED.contains(node.opType())) {
            return false;
        }
        if (node.opType().equals("Shape")) {
            return shapes.containsKey(node.inputs().get(0));
        }
        return node.inputs().stream().allMatch(i -> i.isEmpty() || constants.containsKey(i));
    }

    private static boolean isLayer(Node node) {
        return Set.of("Add", "Sub", "Mul", "Div", "Concat", "Identity").contains(node.opType());
    }

    private GraphException unsupported(Node node) {
        return new GraphException("node '" + node.label() + "' uses operator '"
                + (node.domain().isEmpty() ? "" : node.domain() + ".") + node.opType()
                + "', which VAEScope does not import; supported: " + String.join(", ", new java.util.TreeSet<>(SUPPORTED)));
    }

    private void add(Node node, String value, Stage stage, List<String> activations) {
        String hook = roleNames.getOrDefault(value, aliases.alias(node, value));
        String[] inputs = activations.stream().map(hookOfValue::get).toArray(String[]::new);
        try {
            builder.add(hook, stage, inputs);
        } catch (IllegalArgumentException e) {
            throw new GraphException("node '" + node.label() + "' (" + node.opType() + "): " + e.getMessage(), e);
        }
        List<int[]> inputShapes = activations.stream().map(shapes::get).toList();
        shapes.put(value, stage.outputShape(inputShapes));
        hookOfValue.put(value, hook);
        onnxNameOfHook.put(hook, value);
        opTypeOfHook.put(hook, node.opType());
    }

    private void mapSplit(Node node, String input) {
        int[] shape = shapes.get(input);
        int axis = perSampleAxis(node, node.intAttribute("axis", 0), shape.length);
        long[] sizes = node.intsAttribute("split", null);
        if (sizes == null && node.inputs().size() > 1 && !node.inputs().get(1).isEmpty()) {
            sizes = constant(node, node.inputs().get(1)).longs();
        }
        int parts = node.outputs().size();
        int start = 0;
        for (int k = 0; k < parts; k++) {
            int size = sizes != null ? (int) sizes[k] : shape[axis] / parts;
            add(node, node.outputs().get(k), new SliceStage(axis, start, start + size), List.of(input));
            start += size;
        }
    }

    private Stage stageFor(Node node, List<String> activations) {
        int[] shape = shapes.get(activations.get(0));
        return switch (node.opType()) {
            case "Conv", "ConvTranspose" -> conv(node, shape);
            case "Gemm" -> gemm(node);
            case "MatMul" -> matMul(node);
            case "Add", "Sub", "Mul", "Div" -> binary(node, activations, shape);
            case "Relu" -> new PointwiseStage(PointwiseStage.Function.RELU, 0);
            case "LeakyRelu" -> new PointwiseStage(PointwiseStage.Function.LEAKY_RELU, node.floatAttribute("alpha", 0.01f));
            case "Elu" -> new PointwiseStage(PointwiseStage.Function.ELU, node.floatAttribute("alpha", 1f));
            case "Sigmoid" -> new PointwiseStage(PointwiseStage.Function.SIGMOID, 0);
            case "Tanh" -> new PointwiseStage(PointwiseStage.Function.TANH, 0);
            case "Softplus" -> new PointwiseStage(PointwiseStage.Function.SOFTPLUS, 0);
            case "Exp" -> new PointwiseStage(PointwiseStage.Function.EXP, 0);
            case "Identity", "Dropout" -> new PointwiseStage(PointwiseStage.Function.IDENTITY, 0);
            case "BatchNormalization" -> batchNorm(node);
            case "Flatten" -> flatten(node, shape);
            case "Reshape" -> reshape(node, shape);
            case "Transpose" -> transpose(node, shape);
            case "Concat" -> new ConcatStage(perSampleAxis(node, node.intAttribute("axis", 1), shape.length));
            case "Slice" -> slice(node, shape);
            default -> throw unsupported(node);
        };
    }

    private Tensor constant(Node node, String name) {
        Tensor t = constants.get(name);
        if (t == null) {
            throw new GraphException("node '" + node.label() + "' (" + node.opType() + ") needs '" + name
                    + "' to be a constant, but it is computed at run time (a dynamic shape VAEScope cannot resolve;"
                    + " export with fixed shapes and constant folding)");
        }
        return t;
    }

    private Tensor constantInput(Node node, int index) {
        return node.inputs().size() > index && !node.inputs().get(index).isEmpty()
                ? constant(node, node.inputs().get(index)) : null;
    }

    /** A parameter named after the node's hook: {@code encoder.conv1.W}. */
    private Parameter parameter(Node node, String role, INDArray value) {
        String hook = roleNames.getOrDefault(node.outputs().get(0), aliases.alias(node, node.outputs().get(0)));
        return new Parameter(hook + "." + role, value);
    }

    private static INDArray array(Tensor t) {
        return Nd4j.create(t.floats(), t.dims(), DataType.FLOAT);
    }

    private Stage conv(Node node, int[] inputShape) {
        if (node.intAttribute("group", 1) != 1) {
            throw new GraphException("node '" + node.label() + "' (" + node.opType() + ") has group "
                    + node.intAttribute("group", 1) + "; VAEScope imports only group 1");
        }
        Tensor w = constantInput(node, 1);
        if (w == null || w.dims().length != 4) {
            throw new GraphException("node '" + node.label() + "' (" + node.opType()
                    + ") needs constant 2-D convolution weights (a 4-D tensor)");
        }
        Tensor b = constantInput(node, 2);
        boolean transposed = node.opType().equals("ConvTranspose");
        String autoPad = node.stringAttribute("auto_pad", "NOTSET");
        boolean same = autoPad.equals("SAME_UPPER") || autoPad.equals("SAME_LOWER");
        if (!autoPad.equals("NOTSET") && !autoPad.equals("VALID") && !(same && !transposed)) {
            throw new GraphException("node '" + node.label() + "' (" + node.opType() + ") uses auto_pad=" + autoPad
                    + "; export with explicit pads");
        }
        if (node.attributes().containsKey("output_shape")) {
            throw new GraphException("node '" + node.label() + "' (ConvTranspose) gives output_shape; export with "
                    + "explicit pads and output_padding");
        }
        Parameter weights = parameter(node, "W", array(w));
        Parameter bias = b == null ? null : parameter(node, "b", array(b));
        int[] strides = ints(node.intsAttribute("strides", new long[] {1, 1}));
        int[] dilations = ints(node.intsAttribute("dilations", new long[] {1, 1}));
        int[] pads = same ? samePads(autoPad.equals("SAME_UPPER"), inputShape, w.dims(), strides, dilations)
                : ints(node.intsAttribute("pads", new long[] {0, 0, 0, 0}));
        return new NativeConvStage(transposed, strides, dilations, pads,
                ints(node.intsAttribute("output_padding", new long[] {0, 0})), weights, bias);
    }

    /** ONNX auto_pad SAME: output = ⌈input / stride⌉, the odd pixel of padding at the end (UPPER) or start. */
    private static int[] samePads(boolean upper, int[] inputShape, long[] kernel, int[] strides, int[] dilations) {
        int[] pads = new int[4];
        for (int a = 0; a < 2 && inputShape.length == 3; a++) {
            int in = inputShape[a + 1];
            int out = (in + strides[a] - 1) / strides[a];
            int total = Math.max(0, (out - 1) * strides[a] + dilations[a] * ((int) kernel[a + 2] - 1) + 1 - in);
            pads[a] = upper ? total / 2 : total - total / 2;
            pads[a + 2] = total - pads[a];
        }
        return pads;
    }

    private Stage gemm(Node node) {
        if (node.intAttribute("transA", 0) != 0) {
            throw new GraphException("node '" + node.label() + "' (Gemm) transposes its activation input (transA=1)");
        }
        Tensor b = constantInput(node, 1);
        if (b == null || b.dims().length != 2) {
            throw new GraphException("node '" + node.label() + "' (Gemm) needs a constant 2-D weight matrix");
        }
        INDArray w = array(b);
        if (node.intAttribute("transB", 0) != 0) {
            w = w.transpose().dup('c');
        }
        Parameter weights = parameter(node, "W", w);
        Tensor c = constantInput(node, 2);
        Parameter bias = null;
        if (c != null) {
            INDArray row = array(c);
            row = row.length() == w.size(1) ? row.reshape(1, w.size(1)) : Nd4j.zeros(DataType.FLOAT, 1, w.size(1)).addi(row);
            bias = parameter(node, "b", row.dup('c'));
        }
        return new GemmStage(node.floatAttribute("alpha", 1f), node.floatAttribute("beta", 1f), weights, bias);
    }

    private Stage matMul(Node node) {
        Tensor b = constantInput(node, 1);
        if (b == null || b.dims().length != 2) {
            throw new GraphException("node '" + node.label() + "' (MatMul) needs a constant 2-D right operand");
        }
        return new GemmStage(1, 1, parameter(node, "W", array(b)), null);
    }

    private Stage binary(Node node, List<String> activations, int[] shape) {
        BinaryStage.Op op = BinaryStage.Op.valueOf(node.opType().toUpperCase());
        if (activations.size() == 2) {
            return new BinaryStage(op, null, false);
        }
        boolean constantFirst = !node.inputs().get(0).equals(activations.get(0));
        Tensor c = constant(node, node.inputs().get(constantFirst ? 0 : 1));
        long[] dims = c.dims();
        if (dims.length > shape.length + 1 || (dims.length == shape.length + 1 && dims[0] != 1)) {
            throw new GraphException("node '" + node.label() + "' (" + node.opType() + ") combines the activation"
                    + " with a constant of shape " + Arrays.toString(dims) + " that does not broadcast over the batch");
        }
        long[] aligned = new long[shape.length + 1];
        Arrays.fill(aligned, 1);
        System.arraycopy(dims, 0, aligned, aligned.length - dims.length, dims.length);
        return new BinaryStage(op, Nd4j.create(c.floats(), aligned, DataType.FLOAT), constantFirst);
    }

    private Stage batchNorm(Node node) {
        float[][] p = new float[4][];
        for (int k = 0; k < 4; k++) {
            Tensor t = constantInput(node, k + 1);
            if (t == null) {
                throw new GraphException("node '" + node.label() + "' (BatchNormalization) needs constant scale, "
                        + "bias, mean and variance");
            }
            p[k] = t.floats();
        }
        return ChannelAffineStage.batchNorm(p[0], p[1], p[2], p[3], node.floatAttribute("epsilon", 1e-5f));
    }

    private Stage flatten(Node node, int[] shape) {
        if (node.intAttribute("axis", 1) != 1) {
            throw new GraphException("node '" + node.label() + "' (Flatten) flattens from axis "
                    + node.intAttribute("axis", 1) + "; VAEScope keeps the batch axis and needs axis 1");
        }
        return new ReshapeStage("flatten", new int[] {ReshapeStage.size(shape)});
    }

    private Stage reshape(Node node, int[] shape) {
        double[] given = constant(node, node.inputs().get(1)).values();
        for (int k = 1; k < given.length; k++) {
            if (Double.isNaN(given[k])) {
                throw new GraphException("node '" + node.label() + "' (Reshape) gets a target shape whose entry " + k
                        + " depends on the batch size (a dynamic shape VAEScope cannot resolve)");
            }
        }
        long[] target = java.util.Arrays.stream(given).mapToLong(v -> Double.isNaN(v) ? -1 : (long) v).toArray();
        if (target.length < 2) {
            throw new GraphException("node '" + node.label() + "' (Reshape) to " + Arrays.toString(target)
                    + " merges the batch axis with the others; VAEScope keeps the batch first");
        }
        int[] perSample = new int[target.length - 1];
        int unknown = -1;
        int known = 1;
        for (int k = 1; k < target.length; k++) {
            long d = target[k] == 0 && k - 1 < shape.length ? shape[k - 1] : target[k];
            if (d == -1) {
                unknown = k - 1;
            } else {
                perSample[k - 1] = (int) d;
                known *= (int) d;
            }
        }
        if (unknown >= 0) {
            perSample[unknown] = ReshapeStage.size(shape) / known;
        }
        return new ReshapeStage("reshape", perSample);
    }

    private Stage transpose(Node node, int[] shape) {
        long[] perm = node.intsAttribute("perm", null);
        int[] permutation = new int[shape.length + 1];
        for (int k = 0; k < permutation.length; k++) {
            permutation[k] = perm == null ? permutation.length - 1 - k : (int) perm[k];
        }
        if (permutation[0] != 0) {
            throw new GraphException("node '" + node.label() + "' (Transpose) moves the batch axis: perm "
                    + Arrays.toString(permutation));
        }
        return new TransposeStage(permutation);
    }

    private Stage slice(Node node, int[] shape) {
        long[] starts = constantInput(node, 1).longs();
        long[] ends = constantInput(node, 2).longs();
        Tensor axesTensor = constantInput(node, 3);
        Tensor stepsTensor = constantInput(node, 4);
        if (starts.length != 1 || (stepsTensor != null && stepsTensor.longs()[0] != 1)) {
            throw new GraphException("node '" + node.label() + "' (Slice) slices several axes or with a step;"
                    + " VAEScope imports one axis with step 1");
        }
        int axis = perSampleAxis(node, axesTensor == null ? 0 : axesTensor.longs()[0], shape.length);
        int size = shape[axis];
        int start = (int) clamp(starts[0] < 0 ? starts[0] + size : starts[0], size);
        int end = (int) clamp(ends[0] < 0 ? ends[0] + size : ends[0], size);
        return new SliceStage(axis, start, end);
    }

    private static long clamp(long value, int size) {
        return Math.max(0, Math.min(value, size));
    }

    /** An ONNX axis (batch = 0, negative from the end) as a per-sample axis; the batch axis is refused. */
    private static int perSampleAxis(Node node, long axis, int perSampleRank) {
        long a = axis < 0 ? axis + perSampleRank + 1 : axis;
        if (a <= 0 || a > perSampleRank) {
            throw new GraphException("node '" + node.label() + "' (" + node.opType() + ") works along axis " + axis
                    + ", the batch axis or outside the activation; VAEScope keeps samples independent");
        }
        return (int) a - 1;
    }

    private static int[] ints(long[] values) {
        return Arrays.stream(values).mapToInt(v -> (int) v).toArray();
    }

    /** Readable, unique hook names from ONNX node names. */
    static final class AliasNames {
        private final Map<String, Integer> modulePathCount = new HashMap<>();
        private final Map<String, String> assigned = new LinkedHashMap<>();
        private final java.util.Set<String> used = new java.util.HashSet<>();
        private final String prefix;

        AliasNames(List<Node> nodes, String prefix) {
            this.prefix = prefix;
            for (Node node : nodes) {
                modulePathCount.merge(modulePath(node), 1, Integer::sum);
            }
        }

        String alias(Node node, String value) {
            return assigned.computeIfAbsent(value, v -> unique(readable(node, v)));
        }

        private String readable(Node node, String value) {
            String path = modulePath(node);
            String base;
            if (path.isEmpty() || modulePathCount.get(path) > 1 || node.outputs().size() > 1) {
                String last = node.name().isEmpty() ? value : lastSegment(node.name());
                base = (path.isEmpty() ? "" : path + ".") + sanitize(last).toLowerCase();
                if (node.outputs().size() > 1) {
                    base += "." + node.outputs().indexOf(value);
                }
            } else {
                base = path;
            }
            return prefix.isEmpty() || base.startsWith(prefix) ? base : prefix + base;
        }

        private String unique(String name) {
            String candidate = name;
            for (int k = 2; !used.add(candidate); k++) {
                candidate = name + "_" + k;
            }
            return candidate;
        }

        /** {@code /encoder/encoder.0/Conv} → {@code encoder.0}: the module path, each step once. */
        private static String modulePath(Node node) {
            String[] parts = node.name().split("/");
            List<String> steps = new ArrayList<>();
            String previous = "";
            for (int k = 0; k < parts.length - 1; k++) {
                String part = parts[k];
                if (part.isEmpty()) {
                    continue;
                }
                String step = !previous.isEmpty() && part.startsWith(previous + ".") ? part.substring(previous.length() + 1)
                        : part;
                steps.add(sanitize(step));
                previous = part;
            }
            return String.join(".", steps);
        }

        private static String lastSegment(String name) {
            int slash = name.lastIndexOf('/');
            return name.substring(slash + 1);
        }

        private static String sanitize(String text) {
            return text.replaceAll("[^A-Za-z0-9_.]", "_");
        }
    }
}
