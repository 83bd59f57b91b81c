package org.vaescope.core.imports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vaescope.core.imports.KerasFixtures.file;
import static org.vaescope.core.imports.KerasFixtures.probe;
import static org.vaescope.core.imports.OnnxImportErrorTest.assertMentions;
import static org.vaescope.core.imports.OnnxImportTest.assertClose;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vaescope.core.hooks.ActivationOverride;
import org.vaescope.core.hooks.GradientResult;
import org.vaescope.core.hooks.RunOptions;
import org.vaescope.core.hooks.RunResult;
import org.vaescope.core.internal.imports.KerasFile;
import org.vaescope.core.internal.imports.KerasFile.Weight;
import org.vaescope.core.model.ModelFormat;
import org.vaescope.core.model.ModelInspector;
import org.vaescope.core.model.ModelLoadException;
import org.vaescope.core.model.ModelStructure;
import org.vaescope.core.vae.VaeHooks;

/**
 * The Keras pair of {@code fixtures/keras} (a functional encoder with BatchNormalization, LeakyReLU, an
 * Add and asymmetric 'same' padding; a Sequential decoder of transposed convolutions): the import computes
 * what TensorFlow.js Layers computed, every layer is a hook point, and bad files are errors naming the
 * file and the layer.
 */
class KerasImportTest {

    @TempDir
    static Path dir;

    static ImportedVae vae;

    @BeforeAll
    static void open() throws Exception {
        vae = KerasImport.open(file("keras_encoder.h5"), file("keras_decoder.h5"));
    }

    @Test
    void theImportComputesTensorFlowJsNumbers() throws Exception {
        RunResult run = vae.run(probe("images"), RunOptions.defaults().capture(VaeHooks.LATENT_MU,
                VaeHooks.LATENT_LOGVAR, "encoder.act2"));

        assertClose(probe("mu"), run.activation(VaeHooks.LATENT_MU));
        assertClose(probe("logvar"), run.activation(VaeHooks.LATENT_LOGVAR));
        assertClose(probe("encoder_act2"), run.activation("encoder.act2"));
        assertClose(probe("logits"), run.output());
        assertClose(probe("logits"), vae.runFrom(VaeHooks.LATENT_Z, probe("mu"), RunOptions.defaults()).output());
        assertFalse(vae.outputsProbabilities());
        assertEquals(ModelFormat.KERAS, vae.format());
    }

    @Test
    void everyLayerOutputIsAHookPointNamedAfterTheLayer() {
        List<String> hooks = vae.hookPoints().stream().map(h -> h.name()).toList();
        assertEquals(List.of("input", "encoder.conv1.preact", "encoder.conv1", "encoder.conv2", "encoder.bn2",
                "encoder.act2", "encoder.flat.nhwc", "encoder.flat", "encoder.fc.preact", "encoder.fc", "encoder.skip",
                "encoder.sum", "latent.mu", "latent.logvar", "latent.z", "decoder.fc.preact", "decoder.fc",
                "decoder.unflat.nhwc", "decoder.unflat", "decoder.deconv1", "decoder.bn1", "decoder.act1",
                "output.logits"), hooks);
        assertEquals("act2", vae.onnxName("encoder.act2"));
        assertEquals("encoder.act2", vae.hook("act2").name());
        assertArrayEquals(new int[] {4, 8, 8}, vae.hookPoint("encoder.conv2").shape());
        assertArrayEquals(new int[] {8, 8, 4}, vae.hookPoint("encoder.flat.nhwc").shape());
        assertArrayEquals(new int[] {8, 16, 16}, vae.hookPoint("decoder.act1").shape());
    }

    @Test
    void anOverrideAtAHookEqualsARunFromThatHook() throws Exception {
        INDArray images = probe("images");
        INDArray act2 = vae.run(images, RunOptions.defaults().capture("encoder.act2")).activation("encoder.act2");
        ActivationOverride shift = ActivationOverride.shift("encoder.act2", new int[] {1, 3}, 0.5f);
        RunResult overridden = vae.run(images, RunOptions.defaults().override(shift).capture(VaeHooks.LATENT_MU));
        INDArray shifted = act2.dup();
        for (int channel : new int[] {1, 3}) {
            shifted.get(NDArrayIndex.all(), NDArrayIndex.point(channel), NDArrayIndex.all(), NDArrayIndex.all())
                    .addi(0.5);
        }
        RunResult fromHook = vae.runFrom("encoder.act2", shifted, RunOptions.defaults().capture(VaeHooks.LATENT_MU));

        assertClose(fromHook.activation(VaeHooks.LATENT_MU), overridden.activation(VaeHooks.LATENT_MU));
        assertClose(fromHook.output(), overridden.output());
        assertTrue(overridden.activation(VaeHooks.LATENT_MU).sub(probe("mu")).amaxNumber().doubleValue() > 1e-3,
                "the override changes μ");
    }

    @Test
    void gradientsToAHookMatchFiniteDifferences() throws Exception {
        INDArray image = probe("images").get(NDArrayIndex.interval(0, 1));
        INDArray weights = Nd4j.linspace(-1, 1, 32 * 32).reshape(1, 1, 32, 32).castTo(image.dataType());
        GradientResult g = vae.gradient(image, RunOptions.defaults(), VaeHooks.OUTPUT, weights,
                List.of(VaeHooks.LATENT_Z, "encoder.act2"));
        INDArray z = vae.run(image, RunOptions.defaults().capture(VaeHooks.LATENT_MU)).activation(VaeHooks.LATENT_MU);
        double eps = 1e-2;
        for (int unit = 0; unit < 4; unit++) {
            INDArray up = z.dup();
            up.putScalar(0, unit, z.getDouble(0, unit) + eps);
            INDArray down = z.dup();
            down.putScalar(0, unit, z.getDouble(0, unit) - eps);
            double numeric = (weighted(up, weights) - weighted(down, weights)) / (2 * eps);
            double analytic = g.gradients().get(VaeHooks.LATENT_Z).getDouble(0, unit);
            assertEquals(numeric, analytic, 2e-2 * Math.max(1, Math.abs(numeric)), "∂/∂z" + unit);
        }
        assertArrayEquals(new long[] {1, 4, 8, 8}, g.gradients().get("encoder.act2").shape());
    }

    private static double weighted(INDArray z, INDArray weights) {
        return vae.runFrom(VaeHooks.LATENT_Z, z, RunOptions.defaults()).output().mul(weights).sumNumber().doubleValue();
    }

    @Test
    void filesOpenThroughVaeFilesAndDescribe() throws Exception {
        VaeFiles.Loaded loaded = VaeFiles.open(file("keras_encoder.h5"));
        assertEquals(List.of(file("keras_encoder.h5"), file("keras_decoder.h5")), loaded.files());
        assertTrue(VaeFiles.isAnalysable(file("keras_decoder.h5")));
        ModelStructure decoder = ModelInspector.describe(file("keras_decoder.h5"));
        assertEquals(ModelFormat.KERAS, decoder.format());
        // fc 4·256 + 256, deconv1 3·3·4·8 + 8, logits 4·4·8 + 1; bn1 becomes a constant scale and shift
        assertEquals(1280 + 296 + 129, decoder.parameterCount());
        assertEquals(ModelFormat.KERAS, VaeFiles.describe(file("keras_encoder.h5")).format());
    }

    @Test
    void aTruncatedFileIsAnErrorNamingIt() throws Exception {
        byte[] bytes = Files.readAllBytes(file("keras_decoder.h5"));
        Path truncated = Files.write(dir.resolve("truncated_decoder.h5"), java.util.Arrays.copyOf(bytes,
                bytes.length / 2));
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> KerasImport.open(file("keras_encoder.h5"), truncated));
        assertEquals(truncated, e.file());
        assertMentions(e, "truncated_decoder.h5");
    }

    @Test
    void aFileWithoutModelConfigSaysHowToSaveTheModel() throws Exception {
        KerasFile kept = KerasFixtures.read("keras_decoder.h5");
        Path weightsOnly = KerasFixtures.write(dir.resolve("weights_decoder.h5"), null, kept.weights());
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> KerasImport.open(file("keras_encoder.h5"), weightsOnly));
        assertEquals(weightsOnly, e.file());
        assertMentions(e, "weights_decoder.h5", "'model_config'", "model.save(");
    }

    @Test
    void anUnsupportedLayerIsNamedWithItsClassAndWhatToDo() throws Exception {
        KerasFile kept = KerasFixtures.read("keras_encoder.h5");
        ObjectNode config = kept.config().deepCopy();
        for (var layer : config.get("config").get("layers")) {
            if (layer.get("name").asText().equals("act2")) {
                ((ObjectNode) layer).put("class_name", "Lambda");
            }
        }
        Path lambda = KerasFixtures.write(dir.resolve("lambda_encoder.h5"), config, kept.weights());
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> KerasImport.open(lambda, file("keras_decoder.h5")));
        assertMentions(e, "lambda_encoder.h5", "layer 'act2' is a Lambda", "supported: InputLayer",
                "save the encoder without it");
    }

    @Test
    void aSamplingLayerBesideMuAndLogvarIsLeftOut() throws Exception {
        KerasFile kept = KerasFixtures.read("keras_encoder.h5");
        ObjectNode config = kept.config().deepCopy();
        ObjectNode model = (ObjectNode) config.get("config");
        ObjectNode sampling = ((ArrayNode) model.get("layers")).addObject();
        sampling.put("name", "z").put("class_name", "Sampling").putObject("config").put("name", "z");
        sampling.putArray("inbound_nodes").addArray().add(call("mu")).add(call("logvar"));
        ((ArrayNode) model.get("output_layers")).addArray().add("z").add(0).add(0);
        Path threeOutputs = KerasFixtures.write(dir.resolve("sampling_encoder.h5"), config, kept.weights());

        ImportedVae withSampling = KerasImport.open(threeOutputs, file("keras_decoder.h5"));
        assertClose(probe("mu"), withSampling.run(probe("images"), RunOptions.defaults().capture(VaeHooks.LATENT_MU))
                .activation(VaeHooks.LATENT_MU));
        assertEquals(vae.hookPoints().stream().map(h -> h.name()).toList(), withSampling.hookPoints().stream()
                .map(h -> h.name()).toList());
    }

    /** A Keras 2 call of a layer's output: [NAME, 0, 0, {}]. */
    private static ArrayNode call(String layer) {
        ArrayNode call = JsonNodeFactory.instance.arrayNode().add(layer).add(0).add(0);
        call.addObject();
        return call;
    }

    @Test
    void aMissingWeightNamesTheLayerAndTheWeight() throws Exception {
        KerasFile kept = KerasFixtures.read("keras_encoder.h5");
        Map<String, Map<String, Weight>> weights = new LinkedHashMap<>(kept.weights());
        Map<String, Weight> bn2 = new LinkedHashMap<>(weights.get("bn2"));
        bn2.remove("moving_variance");
        weights.put("bn2", bn2);
        Path missing = KerasFixtures.write(dir.resolve("missing_encoder.h5"), kept.config(), weights);
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> KerasImport.open(missing, file("keras_decoder.h5")));
        assertMentions(e, "missing_encoder.h5", "layer 'bn2'", "'moving_variance'");
    }
}
