package org.vaescope.core.internal.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.vaescope.core.internal.imports.KerasFile.Weight;
import org.vaescope.core.internal.imports.OnnxGraph.Attribute;
import org.vaescope.core.internal.imports.OnnxGraph.Node;
import org.vaescope.core.internal.imports.OnnxGraph.Tensor;
import org.vaescope.core.internal.imports.OnnxGraph.ValueInfo;

/**
 * Writes a Keras 2 model (Sequential or functional, {@link KerasFile}) as the graph an ONNX file would
 * hold, so that Keras models go through the same mapping onto VAEScope's stages, role detection and
 * errors as ONNX and DL4J models. Each layer's output is the value (and hook point) named after the
 * layer, its output before a fused activation {@code NAME.preact}.
 * <p>
 * Keras computes channels_last; VAEScope channels first. Images are carried as channels × height ×
 * width: convolution kernels are transposed to ONNX's layout, a Flatten of an image first puts the
 * channels last again ({@code NAME.nhwc}) so the features keep Keras' order, and a Reshape to height ×
 * width × channels is followed by the transpose back. Axes of Concatenate and BatchNormalization are
 * translated the same way.
 */
public final class KerasTranslator {

    /** The Keras layers translated (the rest is rejected naming the layer). */
    public static final List<String> SUPPORTED = List.of("InputLayer", "Dense", "Conv2D", "Conv2DTranspose",
            "Flatten", "Reshape", "Activation", "ReLU", "LeakyReLU", "ELU", "BatchNormalization", "Dropout",
            "Concatenate", "Add");
    private static final List<String> ACTIVATIONS = List.of("linear", "relu", "sigmoid", "tanh", "softplus", "elu",
            "exponential");
    private static final int[] TO_NCHW = {0, 3, 1, 2};
    private static final int[] TO_NHWC = {0, 2, 3, 1};

    private final KerasFile file;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Tensor> initializers = new LinkedHashMap<>();
    /** Each value's per-sample rank: 3 for images (carried channels first), 1 for feature vectors. */
    private final Map<String, Integer> ranks = new HashMap<>();
    private final List<ValueInfo> inputs = new ArrayList<>();

    private KerasTranslator(KerasFile file) {
        this.file = file;
    }

    /** The model of {@code file}; {@code roles}' image shape stands in for an input shape the file lacks. */
    public static OnnxGraph translate(KerasFile file, Roles roles) {
        JsonNode model = file.config();
        String kind = model.path("class_name").asText();
        KerasTranslator t = new KerasTranslator(file);
        List<String> outputs = switch (kind) {
            case "Sequential" -> t.sequential(model.path("config"), roles);
            case "Functional", "Model" -> t.functional(model.path("config"), roles);
            default -> throw new GraphException("holds a Keras '" + kind + "'; VAEScope reads Sequential and"
                    + " functional models");
        };
        return new OnnxGraph(13, t.nodes, t.initializers, t.inputs, outputs.stream()
                .map(o -> new ValueInfo(o, new long[] {-1}, List.of(""))).toList());
    }

    private List<String> sequential(JsonNode config, Roles roles) {
        JsonNode layers = config.isArray() ? config : config.path("layers");
        if (layers.isEmpty()) {
            throw new GraphException("holds a Sequential model without layers");
        }
        JsonNode first = layers.get(0);
        boolean explicitInput = first.path("class_name").asText().equals("InputLayer");
        String value = explicitInput ? name(first) : name(first) + "_input";
        input(value, first, roles);
        for (int k = explicitInput ? 1 : 0; k < layers.size(); k++) {
            JsonNode layer = layers.get(k);
            value = layer(layer.path("class_name").asText(), name(layer), layer.path("config"), List.of(value));
        }
        return List.of(value);
    }

    private List<String> functional(JsonNode config, Roles roles) {
        List<String> outputs = new ArrayList<>();
        collectInputs(config.path("output_layers"), outputs);
        Set<String> left = untranslatedOutputBranches(config.path("layers"), outputs);
        outputs.removeAll(left);
        for (JsonNode layer : config.path("layers")) {
            String name = name(layer);
            String kind = layer.path("class_name").asText();
            if (left.contains(name)) {
                continue;
            }
            if (kind.equals("InputLayer")) {
                input(name, layer, roles);
                continue;
            }
            JsonNode calls = layer.path("inbound_nodes");
            if (calls.size() != 1) {
                throw new GraphException("layer '" + name + "' (" + kind + ") is called " + calls.size()
                        + " times; VAEScope imports layers called once (no shared layers)");
            }
            List<String> in = new ArrayList<>();
            collectInputs(calls.get(0), in);
            for (String v : in) {
                if (!ranks.containsKey(v)) {
                    throw new GraphException("layer '" + name + "' reads '" + v + "', which is not computed before it");
                }
            }
            layer(kind, name, layer.path("config"), in);
        }
        return outputs;
    }

    /**
     * The layers VAEScope leaves out: those that need a layer it does not import, when they feed only
     * some of the outputs and two or more outputs remain — the usual Keras VAE encoder's sampling layer
     * (outputs z_mean, z_log_var and z) — so the encoder is taken with the outputs it can compute.
     * Otherwise none, and an unsupported layer is an error naming it.
     */
    private static Set<String> untranslatedOutputBranches(JsonNode layers, List<String> outputs) {
        Set<String> untranslatable = new HashSet<>();
        for (JsonNode layer : layers) {
            List<String> in = new ArrayList<>();
            collectInputs(layer.path("inbound_nodes"), in);
            if (!SUPPORTED.contains(layer.path("class_name").asText()) || in.stream().anyMatch(untranslatable::contains)) {
                untranslatable.add(name(layer));
            }
        }
        long kept = outputs.stream().filter(o -> !untranslatable.contains(o)).count();
        return kept >= 2 && kept < outputs.size() ? untranslatable : Set.of();
    }

    /**
     * The layer names a call reads: Keras 2 writes {@code [[NAME, node, tensor, {}], ...]}, Keras 3
     * {@code {"args": [{"config": {"keras_history": [NAME, node, tensor]}}]}}; output_layers are
     * {@code [[NAME, node, tensor], ...]} or one {@code [NAME, node, tensor]}.
     */
    private static void collectInputs(JsonNode node, List<String> out) {
        if (node.isArray() && !node.isEmpty() && node.get(0).isTextual() && node.size() >= 3 && node.get(1).isInt()) {
            out.add(node.get(0).asText());
        } else if (node.isObject() && node.has("keras_history")) {
            collectInputs(node.get("keras_history"), out);
        } else if (node.isContainerNode()) {
            for (JsonNode child : node) {
                collectInputs(child, out);
            }
        }
    }

    private void input(String name, JsonNode layer, Roles roles) {
        JsonNode c = layer.path("config");
        JsonNode shape = c.has("batch_input_shape") ? c.get("batch_input_shape") : c.path("batch_shape");
        long[] perSample;
        if (shape.isArray() && shape.size() > 1) {
            perSample = new long[shape.size() - 1];
            for (int k = 1; k < shape.size(); k++) {
                perSample[k - 1] = shape.get(k).isNull() ? -1 : shape.get(k).asLong();
            }
        } else if (roles.imageShape() != null) {
            perSample = java.util.Arrays.stream(roles.imageShape()).asLongStream().toArray();
            perSample = new long[] {perSample[1], perSample[2], perSample[0]};
        } else {
            throw new GraphException("input '" + name + "' does not record its shape; save the model built on"
                    + " keras.Input(shape=...) or give \"imageShape\": " + roles.howToGive("{\"imageShape\": [1, 64, 64]}"));
        }
        if (perSample.length == 3) {
            requireChannelsLast(name, c);
            perSample = new long[] {perSample[2], perSample[0], perSample[1]};
        } else if (perSample.length != 1) {
            throw new GraphException("input '" + name + "' has " + perSample.length + " axes per sample; VAEScope"
                    + " imports images (height, width, channels) and vectors");
        }
        long[] dims = new long[perSample.length + 1];
        dims[0] = -1;
        System.arraycopy(perSample, 0, dims, 1, perSample.length);
        inputs.add(new ValueInfo(name, dims, java.util.Collections.nCopies(dims.length, "")));
        ranks.put(name, perSample.length);
    }

    /** Adds the layer's nodes; returns the value holding its output, named after the layer. */
    private String layer(String kind, String name, JsonNode c, List<String> in) {
        return switch (kind) {
            case "Dense" -> dense(name, c, single(name, kind, in));
            case "Conv2D" -> conv(name, c, single(name, kind, in), false);
            case "Conv2DTranspose" -> conv(name, c, single(name, kind, in), true);
            case "Flatten" -> flatten(name, single(name, kind, in));
            case "Reshape" -> reshape(name, c, single(name, kind, in));
            case "Activation" -> activation(name, activationName(name, c), single(name, kind, in));
            case "ReLU" -> relu(name, c, single(name, kind, in));
            case "LeakyReLU" -> pointwise(name, "LeakyRelu", single(name, kind, in), alpha(c.has("negative_slope")
                    ? c.get("negative_slope").asDouble() : c.path("alpha").asDouble(0.3)));
            case "ELU" -> pointwise(name, "Elu", single(name, kind, in), alpha(c.path("alpha").asDouble(1)));
            case "BatchNormalization" -> batchNorm(name, c, single(name, kind, in));
            case "Dropout" -> pointwise(name, "Identity", single(name, kind, in), Map.of());
            case "Concatenate" -> concatenate(name, c, in);
            case "Add" -> add(name, in);
            default -> throw unsupported(name, kind);
        };
    }

    /** A functional model's layer has its name beside its config, a Sequential model's only inside. */
    private static String name(JsonNode layer) {
        return layer.has("name") ? layer.get("name").asText() : layer.path("config").path("name").asText();
    }

    private static Map<String, Attribute> alpha(double value) {
        return Map.of("alpha", Attribute.floating("alpha", value));
    }

    private String concatenate(String name, JsonNode c, List<String> in) {
        int rank = rankOf(in.get(0));
        int axis = onnxAxis(name, c.path("axis").asInt(-1), rank);
        return node(name, "Concat", in, name, Map.of("axis", Attribute.ints("axis", axis)), rank);
    }

    private String dense(String name, JsonNode c, String value) {
        requireRank(name, "Dense", value, 1);
        List<String> in = new ArrayList<>(List.of(value, tensor(name + ".kernel", weight(name, "kernel"))));
        if (c.path("use_bias").asBoolean(true)) {
            in.add(tensor(name + ".bias", weight(name, "bias")));
        }
        String activation = activationName(name, c);
        String linear = linear(name, activation, "Gemm", in, Map.of(), 1);
        return activation(name, activation, linear);
    }

    private String conv(String name, JsonNode c, String value, boolean transposed) {
        String kind = transposed ? "Conv2DTranspose" : "Conv2D";
        requireRank(name, kind, value, 3);
        requireChannelsLast(name, c);
        int[] k = pair(c.path("kernel_size"));
        int[] s = pair(c.path("strides"));
        int[] d = c.has("dilation_rate") ? pair(c.get("dilation_rate")) : new int[] {1, 1};
        String padding = c.path("padding").asText("valid");
        if (!padding.equals("same") && !padding.equals("valid")) {
            throw new GraphException("layer '" + name + "' (" + kind + ") uses padding '" + padding
                    + "'; VAEScope imports 'same' and 'valid'");
        }
        Weight kernel = weight(name, "kernel");
        // Conv2D [kh, kw, in, out] → [out, in, kh, kw]; Conv2DTranspose [kh, kw, out, in] → [in, out, kh, kw]
        List<String> in = new ArrayList<>(List.of(value, permuted(name + ".kernel", kernel, 3, 2, 0, 1)));
        if (c.path("use_bias").asBoolean(true)) {
            in.add(tensor(name + ".bias", weight(name, "bias")));
        }
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        attributes.put("strides", Attribute.ints("strides", s[0], s[1]));
        attributes.put("dilations", Attribute.ints("dilations", d[0], d[1]));
        if (transposed) {
            if (c.hasNonNull("output_padding")) {
                throw unsupported(name, "Conv2DTranspose with output_padding");
            }
            transposedPadding(k, s, d, padding.equals("same"), attributes);
        } else if (padding.equals("same")) {
            // TensorFlow's 'same' puts the odd pixel of padding at the end, as ONNX's SAME_UPPER
            attributes.put("auto_pad", Attribute.string("auto_pad", "SAME_UPPER"));
        }
        String activation = activationName(name, c);
        String linear = linear(name, activation, transposed ? "ConvTranspose" : "Conv", in, attributes, 3);
        return activation(name, activation, linear);
    }

    /**
     * Keras' transposed convolution gives input × stride (+ max(kernel − stride, 0) when 'valid'); the
     * full transposed output is cropped by the padding 'same' gives the forward convolution — the odd
     * pixel at the end — or extended at the end when the kernel is smaller than the stride.
     */
    private static void transposedPadding(int[] k, int[] s, int[] d, boolean same, Map<String, Attribute> attributes) {
        long[] pads = new long[4];
        long[] outputPadding = new long[2];
        for (int a = 0; a < 2; a++) {
            int excess = d[a] * (k[a] - 1) + 1 - s[a];
            if (excess < 0) {
                outputPadding[a] = -excess;
            } else if (same) {
                pads[a] = excess / 2;
                pads[a + 2] = excess - excess / 2;
            }
        }
        attributes.put("pads", Attribute.ints("pads", pads));
        attributes.put("output_padding", Attribute.ints("output_padding", outputPadding));
    }

    private String flatten(String name, String value) {
        if (rankOf(value) != 3) {
            return node(name, "Flatten", List.of(value), name, Map.of(), 1);
        }
        String nhwc = node(name + "/nhwc", "Transpose", List.of(value), name + ".nhwc", Map.of("perm",
                Attribute.ints("perm", TO_NHWC)), 3);
        return node(name, "Flatten", List.of(nhwc), name, Map.of(), 1);
    }

    private String reshape(String name, JsonNode c, String value) {
        JsonNode target = c.path("target_shape");
        if (!target.isArray() || (target.size() != 1 && target.size() != 3)) {
            throw new GraphException("layer '" + name + "' (Reshape) reshapes to " + target + "; VAEScope imports"
                    + " reshapes to a vector or to height × width × channels");
        }
        String in = value;
        if (rankOf(value) == 3) {
            in = node(name + "/nhwc_in", "Transpose", List.of(value), name + ".nhwc_in", Map.of("perm",
                    Attribute.ints("perm", TO_NHWC)), 3);
        }
        double[] dims = new double[target.size() + 1];
        dims[0] = -1;
        for (int k = 0; k < target.size(); k++) {
            dims[k + 1] = target.get(k).asLong();
        }
        String shape = constant(name + ".shape", new long[] {dims.length}, dims);
        if (target.size() == 1) {
            return node(name, "Reshape", List.of(in, shape), name, Map.of(), 1);
        }
        String nhwc = node(name + "/nhwc", "Reshape", List.of(in, shape), name + ".nhwc", Map.of(), 3);
        return node(name, "Transpose", List.of(nhwc), name, Map.of("perm", Attribute.ints("perm", TO_NCHW)), 3);
    }

    private String relu(String name, JsonNode c, String value) {
        boolean plain = (c.path("max_value").isNull() || c.path("max_value").isMissingNode())
                && c.path("negative_slope").asDouble(0) == 0 && c.path("threshold").asDouble(0) == 0;
        if (!plain) {
            throw unsupported(name, "ReLU with a maximum, threshold or negative slope");
        }
        return pointwise(name, "Relu", value, Map.of());
    }

    private String batchNorm(String name, JsonNode c, String value) {
        int rank = rankOf(value);
        JsonNode axisNode = c.path("axis");
        int axis = axisNode.isArray() && axisNode.size() == 1 ? axisNode.get(0).asInt() : axisNode.asInt(-1);
        if (onnxAxis(name, axis, rank) != 1) {
            throw new GraphException("layer '" + name + "' (BatchNormalization) normalises axis " + axis
                    + "; VAEScope imports normalisation over the channels (axis -1)");
        }
        Weight mean = weight(name, "moving_mean");
        int channels = mean.values().length;
        String gamma = c.path("scale").asBoolean(true) ? tensor(name + ".gamma", weight(name, "gamma"))
                : filled(name + ".gamma", channels, 1);
        String beta = c.path("center").asBoolean(true) ? tensor(name + ".beta", weight(name, "beta"))
                : filled(name + ".beta", channels, 0);
        List<String> in = List.of(value, gamma, beta, tensor(name + ".moving_mean", mean),
                tensor(name + ".moving_variance", weight(name, "moving_variance")));
        return node(name, "BatchNormalization", in, name, Map.of("epsilon", Attribute.floating("epsilon",
                c.path("epsilon").asDouble(1e-3))), rank);
    }

    private String add(String name, List<String> in) {
        if (in.size() < 2) {
            throw new GraphException("layer '" + name + "' (Add) reads " + in.size() + " inputs; it needs two or more");
        }
        String sum = in.get(0);
        for (int k = 1; k < in.size(); k++) {
            boolean last = k == in.size() - 1;
            String path = last ? name : name + "/add" + k;
            sum = node(path, "Add", List.of(sum, in.get(k)), last ? name : name + ".add" + k, Map.of(), rankOf(sum));
        }
        return sum;
    }

    private static String activationName(String name, JsonNode c) {
        JsonNode a = c.path("activation");
        String activation = a.isObject() ? a.path("config").path("name").asText(a.path("class_name").asText()) : a
                .asText("linear");
        if (!ACTIVATIONS.contains(activation)) {
            throw new GraphException("layer '" + name + "' uses activation '" + activation + "', which VAEScope does"
                    + " not import; supported: " + String.join(", ", ACTIVATIONS));
        }
        return activation;
    }

    /** The layer's parameterised node: its output is the layer's own when its activation is linear. */
    private String linear(String name, String activation, String op, List<String> in, Map<String, Attribute> attributes,
            int rank) {
        boolean fused = !activation.equals("linear");
        return node(fused ? name + "/preact" : name, op, in, fused ? name + ".preact" : name, attributes, rank);
    }

    private String activation(String name, String activation, String value) {
        if (activation.equals("linear")) {
            return value.equals(name) ? value : pointwise(name, "Identity", value, Map.of());
        }
        String op = switch (activation) {
            case "relu" -> "Relu";
            case "sigmoid" -> "Sigmoid";
            case "tanh" -> "Tanh";
            case "softplus" -> "Softplus";
            case "elu" -> "Elu";
            case "exponential" -> "Exp";
            default -> throw new GraphException("layer '" + name + "' uses activation '" + activation + "', which"
                    + " VAEScope does not import; supported: " + String.join(", ", ACTIVATIONS));
        };
        return pointwise(name, op, value, Map.of());
    }

    private String pointwise(String name, String op, String value, Map<String, Attribute> attributes) {
        return node(name, op, List.of(value), name, attributes, rankOf(value));
    }

    private int rankOf(String value) {
        return ranks.get(value);
    }

    private static String single(String name, String kind, List<String> in) {
        if (in.size() != 1) {
            throw new GraphException("layer '" + name + "' (" + kind + ") reads " + in.size() + " inputs " + in
                    + "; expected one");
        }
        return in.get(0);
    }

    private void requireRank(String name, String kind, String value, int rank) {
        if (rankOf(value) != rank) {
            throw new GraphException("layer '" + name + "' (" + kind + ") reads a tensor of " + rankOf(value)
                    + " axes per sample; VAEScope imports it on " + (rank == 3 ? "images (height, width, channels)"
                    : "vectors"));
        }
    }

    private static void requireChannelsLast(String name, JsonNode c) {
        String format = c.path("data_format").asText("channels_last");
        if (!format.equals("channels_last")) {
            throw unsupported(name, "layer with data_format " + format + " (VAEScope imports channels_last)");
        }
    }

    /** A Keras axis (batch = 0, negative from the end) as the axis of VAEScope's channels-first tensor. */
    private static int onnxAxis(String name, int axis, int rank) {
        int a = axis < 0 ? axis + rank + 1 : axis;
        if (a < 1 || a > rank) {
            throw new GraphException("layer '" + name + "' uses axis " + axis + " of a tensor of " + rank
                    + " axes per sample");
        }
        return rank == 3 ? (a == 3 ? 1 : a + 1) : a;
    }

    private static int[] pair(JsonNode node) {
        return node.isArray() ? new int[] {node.get(0).asInt(), node.get(1).asInt()}
                : new int[] {node.asInt(1), node.asInt(1)};
    }

    private Weight weight(String layer, String key) {
        Map<String, Weight> weights = file.weights().get(layer);
        if (weights == null || !weights.containsKey(key)) {
            throw new GraphException("layer '" + layer + "' has no weight '" + key + "' in model_weights/" + layer
                    + (weights == null ? " (the file holds no weights for this layer)" : " (it holds " + weights
                    .keySet().stream().sorted().toList() + ")") + "; the file may be truncated or incomplete");
        }
        return weights.get(key);
    }

    private String tensor(String name, Weight w) {
        initializers.put(name, new Tensor(name, w.shape(), 1, w.values()));
        return name;
    }

    private String permuted(String name, Weight w, int... permutation) {
        long[] dims = w.shape();
        var array = Nd4j.create(w.values(), dims, DataType.DOUBLE).permute(permutation).dup('c');
        initializers.put(name, new Tensor(name, array.shape(), 1, array.data().asDouble()));
        return name;
    }

    private String filled(String name, int length, double value) {
        double[] values = new double[length];
        java.util.Arrays.fill(values, value);
        initializers.put(name, new Tensor(name, new long[] {length}, 1, values));
        return name;
    }

    private String constant(String name, long[] dims, double... values) {
        initializers.put(name, new Tensor(name, dims, 7, values));
        return name;
    }

    /** A node named {@code /PATH/OP} (its hook is named after PATH) writing {@code output} of the given rank. */
    private String node(String path, String op, List<String> in, String output, Map<String, Attribute> attributes,
            int rank) {
        nodes.add(new Node("/" + path + "/" + op, op, "", in, List.of(output), attributes));
        ranks.put(output, rank);
        return output;
    }

    private static GraphException unsupported(String name, String kind) {
        String hint = kind.equals("Lambda") || kind.contains("Sampling")
                ? " If it samples z from μ and log σ², save the encoder without it, with the outputs μ and log σ²"
                + " (keras.Model(inputs, [z_mean, z_log_var]).save(\"encoder.h5\")): VAEScope adds its own sampler."
                : "";
        return new GraphException("layer '" + name + "' is a " + kind + ", which VAEScope does not import; supported: "
                + String.join(", ", SUPPORTED) + "." + hint);
    }
}
