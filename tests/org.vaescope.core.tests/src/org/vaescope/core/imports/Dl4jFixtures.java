package org.vaescope.core.imports;

import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.vaescope.core.hooks.StagedModel;

/**
 * DL4J VAEs written by DL4J itself, with the weights of the ONNX fixture's PyTorch VAE (VAEScope's conv
 * pair on 1 × 32 × 32 images, widths 4, 4, 8, 8, 16, latent size 4): a {@code ComputationGraph} encoder
 * (outputs {@code mu}, {@code logvar}), a {@code MultiLayerNetwork} decoder (z → logits), and one
 * {@code ComputationGraph} holding both with a sigmoid at the end. DL4J computes with its own layers here.
 */
final class Dl4jFixtures {

    private Dl4jFixtures() {
    }

    static ComputationGraph encoder(StagedModel weights) {
        return encoder(weights, "mu", "logvar");
    }

    /** The encoder with its μ and log σ² layers (the graph's outputs) named {@code mu} and {@code logvar}. */
    static ComputationGraph encoder(StagedModel weights, String mu, String logvar) {
        return encoder(weights, ConvVaeShape.FIXTURE, mu, logvar);
    }

    /** The encoder of a model of {@code shape}. */
    static ComputationGraph encoder(StagedModel weights, ConvVaeShape shape, String mu, String logvar) {
        ComputationGraphConfiguration.GraphBuilder b = builder().graphBuilder().addInputs("image");
        addEncoder(b, shape, "image", mu, logvar);
        ComputationGraph graph = new ComputationGraph(b.setOutputs(mu, logvar).build());
        graph.init();
        copyEncoder(graph::getLayer, weights, mu, logvar);
        return graph;
    }

    static MultiLayerNetwork decoder(StagedModel weights) {
        return decoder(weights, ConvVaeShape.FIXTURE);
    }

    /** The decoder of a model of {@code shape}. */
    static MultiLayerNetwork decoder(StagedModel weights, ConvVaeShape shape) {
        int[] w = shape.widths();
        MultiLayerNetwork net = new MultiLayerNetwork(builder().list()
                .layer(dense("fc1", shape.latent(), w[4], Activation.RELU))
                .layer(dense("fc2", w[4], shape.flat(), Activation.RELU))
                .layer(deconv("deconv1", w[3], w[2], Activation.RELU))
                .layer(deconv("deconv2", w[2], w[1], Activation.RELU))
                .layer(deconv("deconv3", w[1], w[0], Activation.RELU))
                .layer(deconv("logits", w[0], 1, Activation.IDENTITY))
                .inputPreProcessor(2, new FeedForwardToCnnPreProcessor(shape.cells(), shape.cells(), w[3]))
                .build());
        net.init();
        String[] names = {"decoder.fc1", "decoder.fc2", "decoder.deconv1", "decoder.deconv2", "decoder.deconv3",
            "output.logits"};
        for (int i = 0; i < names.length; i++) {
            copy(net.getLayer(i), weights, names[i]);
        }
        return net;
    }

    /** Encoder and decoder in one graph; the decoder reads μ, and ends in a sigmoid. */
    static ComputationGraph wholeVae(StagedModel weights) {
        ConvVaeShape shape = ConvVaeShape.FIXTURE;
        int[] w = shape.widths();
        ComputationGraphConfiguration.GraphBuilder b = builder().graphBuilder().addInputs("image");
        addEncoder(b, shape, "image", "mu", "logvar");
        b.addLayer("dec_fc1", dense("dec_fc1", shape.latent(), w[4], Activation.RELU), "mu")
                .addLayer("dec_fc2", dense("dec_fc2", w[4], shape.flat(), Activation.RELU), "dec_fc1")
                .addLayer("deconv1", deconv("deconv1", w[3], w[2], Activation.RELU),
                        new FeedForwardToCnnPreProcessor(shape.cells(), shape.cells(), w[3]), "dec_fc2")
                .addLayer("deconv2", deconv("deconv2", w[2], w[1], Activation.RELU), "deconv1")
                .addLayer("deconv3", deconv("deconv3", w[1], w[0], Activation.RELU), "deconv2")
                .addLayer("reconstruction", deconv("reconstruction", w[0], 1, Activation.SIGMOID), "deconv3");
        ComputationGraph graph = new ComputationGraph(b.setOutputs("mu", "logvar", "reconstruction").build());
        graph.init();
        copyEncoder(graph::getLayer, weights, "mu", "logvar");
        String[][] decoder = {{"dec_fc1", "decoder.fc1"}, {"dec_fc2", "decoder.fc2"}, {"deconv1", "decoder.deconv1"},
            {"deconv2", "decoder.deconv2"}, {"deconv3", "decoder.deconv3"}, {"reconstruction", "output.logits"}};
        for (String[] pair : decoder) {
            copy(graph.getLayer(pair[0]), weights, pair[1]);
        }
        return graph;
    }

    /** A tiny graph with the vertices VAEScope maps: merge, element-wise, subset, scale, shift. */
    static ComputationGraph vertexGraph() {
        ComputationGraphConfiguration.GraphBuilder b = builder().graphBuilder().addInputs("x")
                .addLayer("a", dense("a", 6, 5, Activation.TANH), "x")
                .addLayer("b", dense("b", 6, 5, Activation.LEAKYRELU), "x")
                .addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "a", "b")
                .addVertex("product", new ElementWiseVertex(ElementWiseVertex.Op.Product), "a", "sum")
                .addVertex("merged", new org.deeplearning4j.nn.conf.graph.MergeVertex(), "sum", "product")
                .addVertex("part", new org.deeplearning4j.nn.conf.graph.SubsetVertex(2, 7), "merged")
                .addVertex("scaled", new org.deeplearning4j.nn.conf.graph.ScaleVertex(1.5), "part")
                .addVertex("shifted", new org.deeplearning4j.nn.conf.graph.ShiftVertex(-0.25), "scaled")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(6).nOut(3)
                        .activation(Activation.SOFTPLUS).build(), "shifted")
                .setOutputs("out");
        ComputationGraph graph = new ComputationGraph(b.build());
        graph.init();
        return graph;
    }

    static Path save(org.deeplearning4j.nn.api.Model model, Path file) throws IOException {
        ModelSerializer.writeModel(model, file.toFile(), false);
        return file;
    }

    private static NeuralNetConfiguration.Builder builder() {
        return new NeuralNetConfiguration.Builder().seed(13).dataType(DataType.FLOAT)
                .convolutionMode(ConvolutionMode.Truncate);
    }

    private static void addEncoder(ComputationGraphConfiguration.GraphBuilder b, ConvVaeShape shape, String input,
            String mu, String logvar) {
        int[] w = shape.widths();
        b.addLayer("conv1", conv(1, w[0], 4, 1), input)
                .addLayer("conv2", conv(w[0], w[1], 4, 1), "conv1")
                .addLayer("conv3", conv(w[1], w[2], 2, 0), "conv2")
                .addLayer("conv4", conv(w[2], w[3], 2, 0), "conv3")
                .addLayer("fc", dense("fc", shape.flat(), w[4], Activation.RELU), new CnnToFeedForwardPreProcessor(
                        shape.cells(), shape.cells(), w[3]), "conv4")
                .addLayer(mu, new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(w[4]).nOut(shape.latent())
                        .activation(Activation.IDENTITY).build(), "fc")
                .addLayer(logvar, new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(w[4]).nOut(shape.latent())
                        .activation(Activation.IDENTITY).build(), "fc");
    }

    private static void copyEncoder(java.util.function.Function<String, Layer> layers, StagedModel weights, String mu,
            String logvar) {
        for (String name : new String[] {"conv1", "conv2", "conv3", "conv4", "fc"}) {
            copy(layers.apply(name), weights, "encoder." + name);
        }
        copy(layers.apply(mu), weights, "latent.mu");
        copy(layers.apply(logvar), weights, "latent.logvar");
    }

    private static ConvolutionLayer conv(int in, int out, int kernel, int padding) {
        return new ConvolutionLayer.Builder(kernel, kernel).stride(2, 2).padding(padding, padding).nIn(in).nOut(out)
                .activation(Activation.RELU).build();
    }

    private static Deconvolution2D deconv(String name, int in, int out, Activation activation) {
        return new Deconvolution2D.Builder(4, 4).name(name).stride(2, 2).padding(1, 1).nIn(in).nOut(out)
                .activation(activation).build();
    }

    private static DenseLayer dense(String name, int in, int out, Activation activation) {
        return new DenseLayer.Builder().name(name).nIn(in).nOut(out).activation(activation).build();
    }

    /** The layer's W and b from the parameters {@code hook.W}, {@code hook.b} (same layouts as ONNX's). */
    private static void copy(Layer layer, StagedModel weights, String hook) {
        for (String key : new String[] {"W", "b"}) {
            INDArray target = layer.getParam(key);
            INDArray source = weights.parameter(hook + "." + key).value();
            if (target.length() != source.length()) {
                throw new IllegalStateException(hook + "." + key + " has " + source.length() + " values, the DL4J layer "
                        + target.length());
            }
            target.assign(source.reshape(target.shape()));
        }
    }
}
