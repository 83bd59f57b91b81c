package org.vaescope.core.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.vaescope.core.runtime.Nd4jRuntime;

/**
 * Small saved models for the demo and the tests, built with fixed seeds so that every run writes
 * the same weights.
 */
public final class DemoModels {

    /** Layer names of {@link #writeConvEncoder}, in order. */
    public static final String[] CONV_ENCODER_LAYERS = {"encoder.conv1", "encoder.conv2", "encoder.conv3",
        "encoder.conv4", "encoder.fc", "latent.params"};

    private DemoModels() {
    }

    /**
     * Writes the standard 64×64 convolutional VAE encoder of the spec (conv 32-32-64-64, dense 256,
     * dense 2×latent for mean and log-variance) as a DL4J {@code MultiLayerNetwork} zip.
     */
    public static Path writeConvEncoder(Path file, int latentSize, long seed) throws IOException {
        Nd4jRuntime.ensureStarted();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .convolutionMode(ConvolutionMode.Same)
                .list()
                .layer(conv(CONV_ENCODER_LAYERS[0], 32, 4, 2))
                .layer(conv(CONV_ENCODER_LAYERS[1], 32, 4, 2))
                .layer(conv(CONV_ENCODER_LAYERS[2], 64, 2, 2))
                .layer(conv(CONV_ENCODER_LAYERS[3], 64, 2, 2))
                .layer(new DenseLayer.Builder().name(CONV_ENCODER_LAYERS[4]).nOut(256).activation(Activation.RELU)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).name(CONV_ENCODER_LAYERS[5])
                        .nOut(2 * latentSize).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutionalFlat(64, 64, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Files.createDirectories(file.toAbsolutePath().getParent());
        ModelSerializer.writeModel(net, file.toFile(), false);
        return file;
    }

    private static ConvolutionLayer conv(String name, int channels, int kernel, int stride) {
        return new ConvolutionLayer.Builder(kernel, kernel).name(name).stride(stride, stride).nOut(channels)
                .activation(Activation.RELU).build();
    }
}
