package org.vaescope.core.internal.imports;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.graph.ShiftVertex;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.vaescope.core.internal.imports.OnnxGraph.Attribute;
import org.vaescope.core.internal.imports.OnnxGraph.ValueInfo;

/**
 * Writes a DL4J {@link MultiLayerNetwork} or {@link ComputationGraph} as the graph an ONNX file would
 * hold, so that DL4J models go through the same mapping onto VAEScope's stages, role detection and
 * errors as ONNX models. Each layer becomes its linear node followed by its activation node; the
 * activation's output carries the layer's name (its hook point), the linear node's output
 * {@code NAME.preact}. The graph input has the roles' image shape (per sample) when given, else the
 * size the first layers fix.
 */
public final class Dl4jTranslator {

    /** The DL4J layer and vertex types translated (the rest is rejected naming the layer). */
    public static final List<String> SUPPORTED = List.of("DenseLayer", "OutputLayer", "ConvolutionLayer",
            "Deconvolution2D", "BatchNormalization", "ActivationLayer", "DropoutLayer", "MergeVertex",
            "ElementWiseVertex (Add, Subtract, Product)", "SubsetVertex", "ScaleVertex", "ShiftVertex",
            "PreprocessorVertex", "CnnToFeedForwardPreProcessor", "FeedForwardToCnnPreProcessor");

    private final GraphWriter writer = new GraphWriter();

    private Dl4jTranslator() {
    }

    /**
     * A multi-layer network: one input ({@code input}, of the roles' image shape per sample, or if
     * that is null the shape the network's first layers fix) and one output, the last layer.
     */
    public static OnnxGraph translate(MultiLayerNetwork net, Roles roles) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        Dl4jTranslator t = new Dl4jTranslator();
        String value = "input";
        int[] shape = roles.imageShape() != null ? roles.imageShape() : firstShape(conf.getInputPreProcess(0),
                conf.getConf(0).getLayer(), "the network's first layer", roles);
        for (int i = 0; i < net.getnLayers(); i++) {
            org.deeplearning4j.nn.conf.layers.Layer layer = conf.getConf(i).getLayer();
            String name = layerName(layer, i);
            value = t.preprocess(conf.getInputPreProcess(i), name, value);
            value = t.layer(layer, net.getLayer(i), name, value);
        }
        return t.graph(List.of(input("input", shape)), List.of(output(value)));
    }

    /** A computation graph with one input; its outputs are the graph's outputs, named by their vertices. */
    public static OnnxGraph translate(ComputationGraph graph, Roles roles) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        if (conf.getNetworkInputs().size() != 1) {
            throw new GraphException("has " + conf.getNetworkInputs().size() + " inputs " + conf.getNetworkInputs()
                    + "; VAEScope expects one");
        }
        String inputName = conf.getNetworkInputs().get(0);
        Dl4jTranslator t = new Dl4jTranslator();
        int[] shape = roles.imageShape();
        for (String name : topologicalOrder(conf)) {
            GraphVertex vertex = conf.getVertices().get(name);
            List<String> inputs = conf.getVertexInputs().get(name);
            if (shape == null && inputs.contains(inputName) && vertex instanceof LayerVertex lv) {
                shape = firstShape(lv.getPreProcessor(), lv.getLayerConf().getLayer(), "layer '" + name + "'", roles);
            }
            t.vertex(graph, name, vertex, inputs);
        }
        if (shape == null) {
            throw new GraphException("no layer reads the input '" + inputName + "' directly");
        }
        return t.graph(List.of(input(inputName, shape)), conf.getNetworkOutputs().stream().map(Dl4jTranslator::output)
                .toList());
    }

    private OnnxGraph graph(List<ValueInfo> inputs, List<ValueInfo> outputs) {
        return writer.graph(inputs, outputs);
    }

    private static String layerName(org.deeplearning4j.nn.conf.layers.Layer layer, int index) {
        return layer.getLayerName() != null && !layer.getLayerName().isEmpty() ? layer.getLayerName()
                : "layer" + index;
    }

    private static ValueInfo input(String name, int[] shape) {
        long[] dims = new long[shape.length + 1];
        dims[0] = -1;
        for (int k = 0; k < shape.length; k++) {
            dims[k + 1] = shape[k];
        }
        return new ValueInfo(name, dims, java.util.Collections.nCopies(dims.length, ""));
    }

    private static ValueInfo output(String name) {
        return new ValueInfo(name, new long[] {-1}, List.of(""));
    }

    /** The per-sample input shape the first layer fixes: a flat size, or channels × height × width. */
    private static int[] firstShape(InputPreProcessor pre, org.deeplearning4j.nn.conf.layers.Layer layer, String what,
            Roles roles) {
        if (pre instanceof FeedForwardToCnnPreProcessor cnn) {
            return new int[] {(int) cnn.getNumChannels(), (int) cnn.getInputHeight(), (int) cnn.getInputWidth()};
        }
        if (pre == null && layer instanceof DenseLayer dense && dense.getNIn() > 0) {
            return new int[] {(int) dense.getNIn()};
        }
        throw new GraphException(what + " (" + layer.getClass().getSimpleName() + ") does not record the size of the"
                + " images it reads (DL4J saves only their channels): give them as \"imageShape\"; "
                + roles.howToGive("{\"imageShape\": [1, 64, 64]}"));
    }

    /** Kahn's order over the vertex inputs, keeping the configuration's order among ready vertices. */
    private static List<String> topologicalOrder(ComputationGraphConfiguration conf) {
        Map<String, Integer> waiting = new LinkedHashMap<>();
        Map<String, List<String>> readers = new HashMap<>();
        Deque<String> ready = new ArrayDeque<>();
        for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
            List<String> inputs = conf.getVertexInputs().getOrDefault(e.getKey(), List.of());
            int pending = 0;
            for (String in : inputs) {
                if (conf.getVertices().containsKey(in)) {
                    readers.computeIfAbsent(in, k -> new ArrayList<>()).add(e.getKey());
                    pending++;
                }
            }
            waiting.put(e.getKey(), pending);
            if (pending == 0) {
                ready.add(e.getKey());
            }
        }
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String name = ready.poll();
            order.add(name);
            for (String reader : readers.getOrDefault(name, List.of())) {
                if (waiting.merge(reader, -1, Integer::sum) == 0) {
                    ready.add(reader);
                }
            }
        }
        if (order.size() != waiting.size()) {
            throw new GraphException("the graph's vertices form a cycle");
        }
        return order;
    }

    private void vertex(ComputationGraph graph, String name, GraphVertex vertex, List<String> inputs) {
        if (vertex instanceof LayerVertex lv) {
            String value = preprocess(lv.getPreProcessor(), name, single(name, vertex, inputs));
            layer(lv.getLayerConf().getLayer(), graph.getLayer(name), name, value);
        } else if (vertex instanceof PreprocessorVertex pv) {
            String value = preprocess(pv.getPreProcessor(), name, single(name, vertex, inputs));
            writer.node(name, "Identity", List.of(value), name, Map.of());
        } else if (vertex instanceof MergeVertex) {
            writer.node(name, "Concat", inputs, name, Map.of("axis", Attribute.ints("axis", 1)));
        } else if (vertex instanceof ElementWiseVertex ew) {
            String op = switch (ew.getOp()) {
                case Add -> "Add";
                case Subtract -> "Sub";
                case Product -> "Mul";
                default -> throw unsupported(name, "ElementWiseVertex " + ew.getOp());
            };
            if (inputs.size() != 2) {
                throw new GraphException("vertex '" + name + "' (ElementWiseVertex " + ew.getOp() + ") combines "
                        + inputs.size() + " inputs; VAEScope imports two");
            }
            writer.node(name, op, inputs, name, Map.of());
        } else if (vertex instanceof SubsetVertex sv) {
            String starts = writer.constant(name + ".starts", new long[] {1}, sv.getFrom());
            String ends = writer.constant(name + ".ends", new long[] {1}, sv.getTo() + 1);
            String axes = writer.constant(name + ".axes", new long[] {1}, 1);
            writer.node(name, "Slice", List.of(single(name, vertex, inputs), starts, ends, axes), name, Map.of());
        } else if (vertex instanceof ScaleVertex sc) {
            writer.node(name, "Mul", List.of(single(name, vertex, inputs), writer.constant(name + ".scale", new long[0],
                    sc.getScaleFactor())), name, Map.of());
        } else if (vertex instanceof ShiftVertex sh) {
            writer.node(name, "Add", List.of(single(name, vertex, inputs), writer.constant(name + ".shift", new long[0],
                    sh.getShiftFactor())), name, Map.of());
        } else {
            throw unsupported(name, vertex.getClass().getSimpleName());
        }
    }

    private static String single(String name, GraphVertex vertex, List<String> inputs) {
        if (inputs.size() != 1) {
            throw new GraphException("vertex '" + name + "' (" + vertex.getClass().getSimpleName() + ") reads "
                    + inputs.size() + " inputs " + inputs + "; expected one");
        }
        return inputs.get(0);
    }

    private String preprocess(InputPreProcessor pre, String layer, String value) {
        if (pre == null) {
            return value;
        }
        if (pre instanceof CnnToFeedForwardPreProcessor cnn) {
            requireNchw(layer, cnn.getFormat());
            return writer.node(layer + ".flatten/Flatten", "Flatten", List.of(value), layer + ".flatten", Map.of());
        }
        if (pre instanceof FeedForwardToCnnPreProcessor ff) {
            String shape = writer.constant(layer + ".shape", new long[] {4}, -1, ff.getNumChannels(), ff.getInputHeight(),
                    ff.getInputWidth());
            return writer.node(layer + ".reshape/Reshape", "Reshape", List.of(value, shape), layer + ".reshape", Map.of());
        }
        throw unsupported(layer, pre.getClass().getSimpleName());
    }

    /** Adds the layer's nodes reading {@code value}; returns the value holding the layer's output. */
    private String layer(org.deeplearning4j.nn.conf.layers.Layer conf, Layer layer, String name, String value) {
        if (conf instanceof ConvolutionLayer conv && conv.getClass() == ConvolutionLayer.class) {
            requireNchw(name, conv.getCnn2dDataFormat());
            return activation(conf, name, conv(name, conv, layer, value, false));
        }
        if (conf instanceof Deconvolution2D deconv) {
            requireNchw(name, deconv.getCnn2dDataFormat());
            return activation(conf, name, conv(name, deconv, layer, value, true));
        }
        if (conf instanceof DenseLayer || conf instanceof org.deeplearning4j.nn.conf.layers.OutputLayer) {
            FeedForwardLayer dense = (FeedForwardLayer) conf;
            List<String> in = new ArrayList<>(List.of(value, weight(name, "W", layer)));
            if (hasBias(conf)) {
                in.add(weight(name, "b", layer));
            }
            return activation(conf, name, linear(conf, name, "Gemm", in, Map.of()));
        }
        if (conf instanceof BatchNormalization bn) {
            return activation(conf, name, batchNorm(name, bn, layer, value));
        }
        if (conf instanceof ActivationLayer) {
            return activation(conf, name, value);
        }
        if (conf instanceof DropoutLayer) {
            return writer.node(name + "/Identity", "Identity", List.of(value), name, Map.of());
        }
        throw unsupported(name, conf.getClass().getSimpleName());
    }

    private static boolean hasBias(org.deeplearning4j.nn.conf.layers.Layer conf) {
        return conf instanceof DenseLayer d ? d.hasBias() : ((BaseOutputLayer) conf).hasBias();
    }

    /** The layer's parameterised node: its output is the layer's own when the layer has no activation. */
    private String linear(org.deeplearning4j.nn.conf.layers.Layer conf, String name, String op, List<String> inputs,
            Map<String, Attribute> attributes) {
        String output = preact(conf, name);
        String path = output.equals(name) ? name : name + "/preact";
        return writer.node(path + "/" + op, op, inputs, output, attributes);
    }

    /** The value name of a layer's output before its activation: the layer's own when it has none. */
    private static String preact(org.deeplearning4j.nn.conf.layers.Layer conf, String name) {
        return activationOf(conf) instanceof ActivationIdentity ? name : name + ".preact";
    }

    private static IActivation activationOf(org.deeplearning4j.nn.conf.layers.Layer conf) {
        if (conf instanceof org.deeplearning4j.nn.conf.layers.BaseLayer base) {
            return base.getActivationFn() == null ? new ActivationIdentity() : base.getActivationFn();
        }
        return conf instanceof ActivationLayer a ? a.getActivationFn() : new ActivationIdentity();
    }

    private String activation(org.deeplearning4j.nn.conf.layers.Layer conf, String name, String value) {
        IActivation fn = activationOf(conf);
        if (fn instanceof ActivationIdentity) {
            return value.equals(name) ? value : writer.node(name + "/Identity", "Identity", List.of(value), name, Map.of());
        }
        if (fn instanceof ActivationReLU relu && !plainRelu(relu)) {
            throw unsupported(name, "ReLU with a maximum, threshold or negative slope");
        }
        String op;
        Map<String, Attribute> attributes = Map.of();
        if (fn instanceof ActivationReLU) {
            op = "Relu";
        } else if (fn instanceof ActivationLReLU l) {
            op = "LeakyRelu";
            attributes = Map.of("alpha", Attribute.floating("alpha", l.getAlpha()));
        } else if (fn instanceof ActivationELU e) {
            op = "Elu";
            attributes = Map.of("alpha", Attribute.floating("alpha", e.getAlpha()));
        } else if (fn instanceof ActivationSigmoid) {
            op = "Sigmoid";
        } else if (fn instanceof ActivationTanH) {
            op = "Tanh";
        } else if (fn instanceof ActivationSoftPlus) {
            op = "Softplus";
        } else {
            throw new GraphException("layer '" + name + "' uses activation " + fn + ", which VAEScope does not import;"
                    + " supported: identity, relu, leakyrelu, elu, sigmoid, tanh, softplus");
        }
        return writer.node(name + "/" + op, op, List.of(value), name, attributes);
    }

    private static boolean plainRelu(ActivationReLU relu) {
        return (relu.getMax() == null || relu.getMax().isInfinite()) && (relu.getThreshold() == null
                || relu.getThreshold() == 0) && (relu.getNegativeSlope() == null || relu.getNegativeSlope() == 0);
    }

    private String conv(String name, ConvolutionLayer conv, Layer layer, String value, boolean transposed) {
        int[] k = conv.getKernelSize();
        int[] s = conv.getStride();
        int[] d = conv.getDilation() == null ? new int[] {1, 1} : conv.getDilation();
        int[] p = conv.getPadding();
        long[] pads = {p[0], p[1], p[0], p[1]};
        ConvolutionMode mode = conv.getConvolutionMode();
        if (mode == ConvolutionMode.Same) {
            pads = transposed ? samePadsTransposed(name, k, s, d) : null;
        } else if (mode == ConvolutionMode.Causal) {
            throw unsupported(name, "convolution mode Causal");
        }
        List<String> in = new ArrayList<>(List.of(value, weight(name, "W", layer)));
        if (conv.hasBias()) {
            in.add(writer.tensor(name + ".b", param(layer, name, "b").reshape(-1)));
        }
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        attributes.put("strides", Attribute.ints("strides", s[0], s[1]));
        attributes.put("dilations", Attribute.ints("dilations", d[0], d[1]));
        if (pads == null) {
            attributes.put("auto_pad", Attribute.string("auto_pad", "SAME_UPPER"));
        } else {
            attributes.put("pads", Attribute.ints("pads", pads));
        }
        String op = transposed ? "ConvTranspose" : "Conv";
        return linear(conv, name, op, in, attributes);
    }

    /** DL4J's "same" transposed convolution: output = input × stride, the padding split evenly. */
    private static long[] samePadsTransposed(String name, int[] k, int[] s, int[] d) {
        long[] pads = SamePadding.transposed(k, s, d);
        if (pads == null) {
            throw unsupported(name, "a transposed convolution in mode Same with kernel " + k[0] + "×" + k[1]
                    + " and stride " + s[0] + "×" + s[1] + " (uneven padding)");
        }
        return pads;
    }

    private String batchNorm(String name, BatchNormalization bn, Layer layer, String value) {
        requireNchw(name, bn.getCnn2DFormat());
        INDArray mean = param(layer, name, "mean");
        INDArray variance;
        if (bn.isUseLogStd()) {
            INDArray std = Transforms.exp(param(layer, name, "log10stdev").mul(Math.log(10)), false);
            variance = std.muli(std).subi(bn.getEps());
        } else {
            variance = param(layer, name, "var");
        }
        long channels = mean.length();
        String gamma = bn.isLockGammaBeta() ? writer.filled(name + ".gamma", channels, bn.getGamma()) : weight(name, "gamma", layer);
        String beta = bn.isLockGammaBeta() ? writer.filled(name + ".beta", channels, bn.getBeta()) : weight(name, "beta", layer);
        String meanName = writer.tensor(name + ".mean", mean);
        String varName = writer.tensor(name + ".var", variance);
        return linear(bn, name, "BatchNormalization", List.of(value, gamma, beta, meanName, varName),
                Map.of("epsilon", Attribute.floating("epsilon", bn.getEps())));
    }

    private static void requireNchw(String name, CNN2DFormat format) {
        if (format != null && format != CNN2DFormat.NCHW) {
            throw unsupported(name, "data format " + format + " (VAEScope imports NCHW)");
        }
    }

    private static INDArray param(Layer layer, String name, String key) {
        INDArray value = layer.getParam(key);
        if (value == null) {
            throw new GraphException("layer '" + name + "' has no parameter '" + key + "'; the file may be truncated");
        }
        return value;
    }

    private String weight(String layerName, String key, Layer layer) {
        return writer.tensor(layerName + "." + key, param(layer, layerName, key));
    }

    private static GraphException unsupported(String name, String what) {
        return new GraphException("layer '" + name + "' is a " + what + ", which VAEScope does not import; supported: "
                + String.join(", ", SUPPORTED));
    }
}
