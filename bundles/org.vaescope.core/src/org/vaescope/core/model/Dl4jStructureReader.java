package org.vaescope.core.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** Reads the structure of a DL4J {@code ModelSerializer} zip. */
final class Dl4jStructureReader {

    private Dl4jStructureReader() {
    }

    public static ModelStructure read(Path file) throws ModelLoadException {
        org.deeplearning4j.nn.api.Model model = Dl4jModelFiles.restore(file);
        return model instanceof ComputationGraph graph ? describe(file, graph) : describe(file, (MultiLayerNetwork) model);
    }

    private static ModelStructure describe(Path file, MultiLayerNetwork net) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        List<InputType> types = activationTypes(conf);
        List<LayerSummary> layers = new ArrayList<>();
        Layer[] netLayers = net.getLayers();
        for (int i = 0; i < netLayers.length; i++) {
            org.deeplearning4j.nn.conf.layers.Layer layerConf = conf.getConf(i).getLayer();
            String name = layerConf.getLayerName() != null ? layerConf.getLayerName() : "layer" + i;
            long[] shape = types == null ? null : perSampleShape(types.get(i));
            List<String> inputs = List.of(i == 0 ? "input" : layers.get(i - 1).name());
            layers.add(new LayerSummary(i, name, layerConf.getClass().getSimpleName(), shape, netLayers[i].numParams(),
                    inputs));
        }
        return new ModelStructure(file, ModelFormat.DL4J_MULTI_LAYER, layers);
    }

    /** Activation types per layer, or null when the saved configuration does not fix the input size. */
    private static List<InputType> activationTypes(MultiLayerConfiguration conf) {
        InputType input = inferInputType(conf);
        if (input == null) {
            return null;
        }
        try {
            return conf.getLayerActivationTypes(input);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static InputType inferInputType(MultiLayerConfiguration conf) {
        InputPreProcessor first = conf.getInputPreProcess(0);
        if (first instanceof FeedForwardToCnnPreProcessor cnn) {
            return InputType.convolutionalFlat(cnn.getInputHeight(), cnn.getInputWidth(), cnn.getNumChannels());
        }
        if (first == null && conf.getConf(0).getLayer() instanceof FeedForwardLayer ff
                && !(ff instanceof org.deeplearning4j.nn.conf.layers.ConvolutionLayer) && ff.getNIn() > 0) {
            return InputType.feedForward(ff.getNIn());
        }
        return null;
    }

    private static ModelStructure describe(Path file, ComputationGraph graph) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        Map<String, InputType> types = graphActivationTypes(conf);
        List<LayerSummary> layers = new ArrayList<>();
        int index = 0;
        for (int vertexIndex : graph.topologicalSortOrder()) {
            GraphVertex vertex = graph.getVertices()[vertexIndex];
            if (vertex.isInputVertex()) {
                continue;
            }
            String name = vertex.getVertexName();
            List<String> inputs = conf.getVertexInputs().getOrDefault(name, List.of());
            String type = vertex.hasLayer() ? vertex.getLayer().conf().getLayer().getClass().getSimpleName()
                    : conf.getVertices().get(name).getClass().getSimpleName();
            InputType activation = types == null ? null : types.get(name);
            long[] shape = activation == null ? null : perSampleShape(activation);
            layers.add(new LayerSummary(index++, name, type, shape, vertex.numParams(), inputs));
        }
        return new ModelStructure(file, ModelFormat.DL4J_COMPUTATION_GRAPH, layers);
    }

    /** Activation types when every network input feeds dense layers whose input size is known. */
    private static Map<String, InputType> graphActivationTypes(ComputationGraphConfiguration conf) {
        List<InputType> inputs = new ArrayList<>();
        for (String input : conf.getNetworkInputs()) {
            long nIn = -1;
            for (Map.Entry<String, List<String>> edge : conf.getVertexInputs().entrySet()) {
                if (edge.getValue().contains(input)
                        && conf.getVertices().get(edge.getKey()) instanceof org.deeplearning4j.nn.conf.graph.LayerVertex lv
                        && lv.getLayerConf().getLayer() instanceof FeedForwardLayer ff
                        && !(ff instanceof org.deeplearning4j.nn.conf.layers.ConvolutionLayer)) {
                    nIn = ff.getNIn();
                }
            }
            if (nIn <= 0) {
                return null;
            }
            inputs.add(InputType.feedForward(nIn));
        }
        try {
            return conf.getLayerActivationTypes(inputs.toArray(new InputType[0]));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static long[] perSampleShape(InputType type) {
        long[] shape = type.getShape(false);
        return shape;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // the user needs the library's words, not its exception class
        return root.getMessage() == null ? "no detail given" : root.getMessage();
    }
}
