package org.vaescope.core.imports;

import static org.vaescope.core.imports.OnnxFixtures.probe;
import static org.vaescope.core.imports.OnnxImportTest.assertClose;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaescope.core.hooks.RunOptions;
import org.vaescope.core.hooks.RunResult;
import org.vaescope.core.internal.imports.KerasFile.Weight;
import org.vaescope.core.internal.imports.OnnxGraph;
import org.vaescope.core.internal.imports.OnnxReader;
import org.vaescope.core.interventions.Pairs;
import org.vaescope.core.vae.Likelihood;
import org.vaescope.core.vae.VaeHooks;
import org.vaescope.core.vae.VaeModel;
import org.vaescope.core.vae.Variant;
import org.vaescope.core.vae.VariantConfig;

/**
 * The ONNX fixture's VAE (VAEScope's conv layout, exported by PyTorch) written as Keras files: a functional
 * encoder and a Sequential decoder with 'same'/'valid' padding in Keras' channels_last layouts (kernels
 * height × width × in × out, the dense layers next to Flatten and Reshape reordered from PyTorch's channel-
 * first features to Keras' channel-last ones). The import computes PyTorch's numbers, and every
 * intervention gives the numbers of the same weights as a {@code .vsm}.
 */
class KerasVersusVsmTest {

    private static final String ENCODER = """
            {"class_name": "Functional", "config": {"name": "encoder", "layers": [
              {"name": "image", "class_name": "InputLayer", "config": {"name": "image",
               "batch_input_shape": [null, 32, 32, 1]}, "inbound_nodes": []},
              %s, %s, %s, %s,
              {"name": "flatten", "class_name": "Flatten", "config": {"name": "flatten"},
               "inbound_nodes": [[["conv4", 0, 0, {}]]]},
              %s, %s, %s],
             "input_layers": [["image", 0, 0]], "output_layers": [["mu", 0, 0], ["logvar", 0, 0]]}}
            """.formatted(conv("Conv2D", "conv1", 4, 4, "same", "relu", "image"),
            conv("Conv2D", "conv2", 4, 4, "same", "relu", "conv1"), conv("Conv2D", "conv3", 8, 2, "valid", "relu", "conv2"),
            conv("Conv2D", "conv4", 8, 2, "valid", "relu", "conv3"), dense("fc", 16, "relu", "flatten"),
            dense("mu", 4, "linear", "fc"), dense("logvar", 4, "linear", "fc"));

    private static final String DECODER = """
            {"class_name": "Sequential", "config": {"name": "decoder", "layers": [
              {"class_name": "Dense", "config": {"name": "fc1", "units": 16, "activation": "relu",
               "batch_input_shape": [null, 4]}},
              {"class_name": "Dense", "config": {"name": "fc2", "units": 32, "activation": "relu"}},
              {"class_name": "Reshape", "config": {"name": "unflatten", "target_shape": [2, 2, 8]}},
              %s, %s, %s, %s]}}
            """.formatted(conv("Conv2DTranspose", "deconv1", 8, 4, "same", "relu", null),
            conv("Conv2DTranspose", "deconv2", 4, 4, "same", "relu", null),
            conv("Conv2DTranspose", "deconv3", 4, 4, "same", "relu", null),
            conv("Conv2DTranspose", "deconv4", 1, 4, "same", "linear", null));

    @TempDir
    static Path dir;

    static ImportedVae keras;
    static VaeModel rebuilt;
    static Pairs pairs;

    @BeforeAll
    static void writeTheOnnxFixtureAsKerasFiles() throws Exception {
        Path[] files = writeTwin(dir);
        keras = KerasImport.open(files[0], files[1]);
        rebuilt = OnnxImport.open(OnnxFixtures.file("encoder.onnx"), OnnxFixtures.file("decoder.onnx")).rebuild(
                ImportedVersusVsmTest.ARCHITECTURE, VariantConfig.of(Variant.VAE), Likelihood.BERNOULLI);
        INDArray images = probe("images");
        pairs = Pairs.of(images, Nd4j.reverse(images.dup()), 7, "probe images against the reversed batch");
    }

    /** Writes the ONNX fixture's weights as {@code DIR/twin_encoder.h5} and {@code DIR/twin_decoder.h5}. */
    static Path[] writeTwin(Path dir) throws Exception {
        OnnxGraph encoder = OnnxReader.read(OnnxFixtures.file("encoder.onnx"));
        OnnxGraph decoder = OnnxReader.read(OnnxFixtures.file("decoder.onnx"));
        Map<String, Map<String, Weight>> encoderWeights = new LinkedHashMap<>();
        for (String conv : new String[] {"conv1", "conv2", "conv3", "conv4"}) {
            encoderWeights.put(conv, convWeights(encoder, conv));
        }
        // Keras flattens height × width × channels, PyTorch channels × height × width
        encoderWeights.put("fc", Map.of("kernel", KerasFixtures.weight(onnx(encoder, "fc.weight").reshape(16, 8, 2, 2)
                .permute(2, 3, 1, 0).dup('c').reshape(32, 16)), "bias", weight(encoder, "fc.bias")));
        encoderWeights.put("mu", denseWeights(encoder, "mu"));
        encoderWeights.put("logvar", denseWeights(encoder, "logvar"));
        Map<String, Map<String, Weight>> decoderWeights = new LinkedHashMap<>();
        decoderWeights.put("fc1", denseWeights(decoder, "fc1"));
        // Keras' Reshape reads height × width × channels, PyTorch's view channels × height × width
        decoderWeights.put("fc2", Map.of("kernel", KerasFixtures.weight(onnx(decoder, "fc2.weight").reshape(8, 2, 2, 16)
                .permute(3, 1, 2, 0).dup('c').reshape(16, 32)), "bias", KerasFixtures.weight(onnx(decoder, "fc2.bias")
                .reshape(8, 2, 2).permute(1, 2, 0).dup('c').reshape(32))));
        for (String deconv : new String[] {"deconv1", "deconv2", "deconv3", "deconv4"}) {
            decoderWeights.put(deconv, convWeights(decoder, deconv));
        }
        ObjectMapper json = new ObjectMapper();
        Path encoderFile = KerasFixtures.write(dir.resolve("twin_encoder.h5"), json.readTree(ENCODER), encoderWeights);
        Path decoderFile = KerasFixtures.write(dir.resolve("twin_decoder.h5"), json.readTree(DECODER), decoderWeights);
        return new Path[] {encoderFile, decoderFile};
    }

    private static String conv(String kind, String name, int filters, int kernel, String padding, String activation,
            String input) {
        String inbound = input == null ? "" : ", \"inbound_nodes\": [[[\"" + input + "\", 0, 0, {}]]]";
        return ("{\"class_name\": \"%s\", \"name\": \"%s\", \"config\": {\"name\": \"%s\", \"filters\": %d, \"kernel_size\":"
                + " [%d, %d], \"strides\": [2, 2], \"padding\": \"%s\", \"activation\": \"%s\"}%s}").formatted(kind, name,
                name, filters, kernel, kernel, padding, activation, inbound);
    }

    private static String dense(String name, int units, String activation, String input) {
        return ("{\"class_name\": \"Dense\", \"name\": \"%s\", \"config\": {\"name\": \"%s\", \"units\": %d,"
                + " \"activation\": \"%s\"}, \"inbound_nodes\": [[[\"%s\", 0, 0, {}]]]}").formatted(name, name, units,
                activation, input);
    }

    private static INDArray onnx(OnnxGraph graph, String name) {
        OnnxGraph.Tensor t = graph.initializers().get(name);
        return Nd4j.create(t.values(), t.dims(), org.nd4j.linalg.api.buffer.DataType.DOUBLE);
    }

    private static Weight weight(OnnxGraph graph, String name) {
        return KerasFixtures.weight(onnx(graph, name));
    }

    /** ONNX Conv [out, in, h, w] and ConvTranspose [in, out, h, w] → Keras [h, w, in, out] and [h, w, out, in]. */
    private static Map<String, Weight> convWeights(OnnxGraph graph, String layer) {
        return Map.of("kernel", KerasFixtures.weight(onnx(graph, layer + ".weight").permute(2, 3, 1, 0)),
                "bias", weight(graph, layer + ".bias"));
    }

    /** PyTorch's Linear weight [out, in] (Gemm with transB) → Keras' Dense kernel [in, out]. */
    private static Map<String, Weight> denseWeights(OnnxGraph graph, String layer) {
        return Map.of("kernel", KerasFixtures.weight(onnx(graph, layer + ".weight").transpose()),
                "bias", weight(graph, layer + ".bias"));
    }

    @Test
    void theKerasFilesComputePyTorchsNumbers() throws Exception {
        RunResult run = keras.run(probe("images"), RunOptions.defaults().capture(VaeHooks.LATENT_MU,
                VaeHooks.LATENT_LOGVAR, "encoder.conv2"));
        assertClose(probe("mu"), run.activation(VaeHooks.LATENT_MU));
        assertClose(probe("logvar"), run.activation(VaeHooks.LATENT_LOGVAR));
        assertClose(probe("encoder_conv2"), run.activation("encoder.conv2"));
        assertClose(probe("logits"), run.output());
    }

    @Test
    void activationPatchingGivesTheVsmsNumbers() {
        InterventionAgreement.patching(keras, "encoder.conv2", rebuilt, "encoder.conv2", pairs);
    }

    @Test
    void latentPerturbationGivesTheVsmsNumbers() throws Exception {
        InterventionAgreement.perturbation(keras, rebuilt, probe("images"));
    }

    @Test
    void mediationGivesTheVsmsNumbers() {
        InterventionAgreement.mediation(keras, "encoder.conv2", rebuilt, "encoder.conv2", pairs);
    }

    @Test
    void gradientsToAnyHookGiveTheVsmsNumbers() throws Exception {
        InterventionAgreement.gradients(keras, "encoder.conv2", rebuilt, "encoder.conv2", probe("images"));
    }
}
