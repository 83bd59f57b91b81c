package org.vaescope.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.vaescope.core.runtime.Nd4jRuntime;
import org.vaescope.core.store.ModelFile;
import org.vaescope.core.store.ModelMetadata;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.Likelihood;
import org.vaescope.core.vae.VaeHooks;
import org.vaescope.core.vae.VaeModel;
import org.vaescope.core.vae.Variant;
import org.vaescope.core.vae.VariantConfig;

class ModelInspectorTest {

    @TempDir
    Path dir;

    @Test
    void describesTheConvEncoderLayerByLayer() throws Exception {
        Path file = DemoModels.writeConvEncoder(dir.resolve("enc.zip"), 10, 1);

        ModelStructure structure = ModelInspector.describe(file);

        assertEquals(ModelFormat.DL4J_MULTI_LAYER, structure.format());
        List<LayerSummary> layers = structure.layers();
        assertEquals(List.of(DemoModels.CONV_ENCODER_LAYERS), layers.stream().map(LayerSummary::name).toList());
        assertEquals("ConvolutionLayer", layers.get(0).type());
        assertEquals("DenseLayer", layers.get(4).type());
        // "same" padding halves the side at every stride-2 convolution: 64 → 32 → 16 → 8 → 4
        assertArrayEquals(new long[] {32, 32, 32}, layers.get(0).activationShape());
        assertArrayEquals(new long[] {32, 16, 16}, layers.get(1).activationShape());
        assertArrayEquals(new long[] {64, 8, 8}, layers.get(2).activationShape());
        assertArrayEquals(new long[] {64, 4, 4}, layers.get(3).activationShape());
        assertArrayEquals(new long[] {256}, layers.get(4).activationShape());
        assertArrayEquals(new long[] {20}, layers.get(5).activationShape());
        // weights + biases: k·k·in·out + out
        long[] expected = {4 * 4 * 1 * 32 + 32, 4 * 4 * 32 * 32 + 32, 2 * 2 * 32 * 64 + 64, 2 * 2 * 64 * 64 + 64,
            64 * 4 * 4 * 256 + 256, 256 * 20 + 20};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], layers.get(i).parameterCount(), layers.get(i).name());
        }
        assertTrue(structure.toText().contains("encoder.conv3"));
    }

    @Test
    void describesAComputationGraph() throws Exception {
        Nd4jRuntime.ensureStarted();
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).graphBuilder()
                .addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(6).nOut(4).activation(Activation.RELU).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(2)
                        .activation(Activation.IDENTITY).build(), "hidden")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        Path file = dir.resolve("graph.zip");
        ModelSerializer.writeModel(graph, file.toFile(), false);

        ModelStructure structure = ModelInspector.describe(file);

        assertEquals(ModelFormat.DL4J_COMPUTATION_GRAPH, structure.format());
        assertEquals(List.of("hidden", "out"), structure.layers().stream().map(LayerSummary::name).toList());
        assertEquals(List.of("in"), structure.layers().get(0).inputs());
        assertArrayEquals(new long[] {4}, structure.layers().get(0).activationShape());
        assertEquals(6 * 4 + 4 + 4 * 2 + 2, structure.parameterCount());
    }

    @Test
    void describesASameDiffGraphWithShapesFromAForwardPass() throws Exception {
        Nd4jRuntime.ensureStarted();
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("in", DataType.FLOAT, -1, 3);
        SDVariable w = sd.var("w", Nd4j.rand(DataType.FLOAT, 3, 5));
        SDVariable hidden = sd.nn.relu("hidden", in.mmul(w), 0);
        sd.nn.sigmoid("out", hidden.sum(true, 1));
        Path file = dir.resolve("graph.fb");
        sd.asFlatFile(file.toFile());

        ModelStructure structure = ModelInspector.describe(file);

        assertEquals(ModelFormat.SAMEDIFF, structure.format());
        LayerSummary matmul = structure.layers().get(0);
        assertEquals(15, matmul.parameterCount());
        assertArrayEquals(new long[] {5}, matmul.activationShape());
        LayerSummary out = structure.layers().get(structure.layers().size() - 1);
        assertEquals("out", out.name());
        assertArrayEquals(new long[] {1}, out.activationShape());
    }

    @Test
    void describesAVaescopeModelByItsHookPoints() throws Exception {
        VaeModel vae = VaeModel.create(Architecture.mlp(1, 16, 16, 4, 32), VariantConfig.of(Variant.BETA_VAE),
                Likelihood.BERNOULLI, 2);
        Path file = dir.resolve("model.vsm");
        ModelFile.save(file, vae, ModelMetadata.of(vae.variant(), vae.architecture(), vae.likelihood(), "test",
                List.of("a", "b"), 0, 2, 8, 1e-3, java.util.Map.of()));

        ModelStructure structure = ModelInspector.describe(file);

        assertEquals(ModelFormat.VAESCOPE, structure.format());
        List<String> names = structure.layers().stream().map(LayerSummary::name).toList();
        assertTrue(names.containsAll(List.of(VaeHooks.LATENT_MU, VaeHooks.LATENT_Z, VaeHooks.OUTPUT)), names.toString());
        LayerSummary mu = structure.layers().get(names.indexOf(VaeHooks.LATENT_MU));
        assertArrayEquals(new long[] {4}, mu.activationShape());
        assertEquals(vae.graph().parameters().stream().mapToLong(p -> p.length()).sum(), structure.parameterCount());
    }

    @Test
    void vaescopeModelWithAWrongFormatVersionNamesTheProblem() throws Exception {
        VaeModel vae = VaeModel.create(Architecture.mlp(1, 16, 16, 4, 32), VariantConfig.of(Variant.VAE),
                Likelihood.BERNOULLI, 2);
        Path file = dir.resolve("old.vsm");
        ModelFile.save(file, vae, new ModelMetadata(99, vae.variant(), vae.architecture(), vae.likelihood(), "test",
                List.of("a"), 0, 2, 8, 1e-3, java.util.Map.of()));

        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelInspector.describe(file));

        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("99"), e.getMessage());
    }

    @Test
    void truncatedModelIsReportedAsTruncated() throws Exception {
        Path full = DemoModels.writeConvEncoder(dir.resolve("full.zip"), 10, 1);
        byte[] bytes = Files.readAllBytes(full);
        Path truncated = Files.write(dir.resolve("truncated.zip"), java.util.Arrays.copyOf(bytes, bytes.length / 2));

        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelInspector.describe(truncated));

        assertTrue(e.getMessage().startsWith(truncated.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
    }

    @Test
    void textFileIsNotAModel() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.zip"), "these are my notes\nnot a model\n");

        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelInspector.describe(text));

        assertEquals(text + ": is a text file, not a saved model (expected a DL4J ModelSerializer zip or a "
                + "SameDiff FlatBuffers file)", e.getMessage());
    }

    @Test
    void zipWithoutModelEntriesIsNamedAsSuch() throws Exception {
        Path zip = dir.resolve("other.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("configuration.json"));
            z.write("{}".getBytes());
        }

        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelInspector.describe(zip));

        assertEquals(zip + ": is a zip but not a DL4J model: it lacks coefficients.bin", e.getMessage());
    }

    @Test
    void randomBytesAreNeitherFormat() throws IOException {
        byte[] noise = new byte[4096];
        new java.util.Random(5).nextBytes(noise);
        noise[0] = 1;
        Path file = Files.write(dir.resolve("noise.bin"), noise);

        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelInspector.describe(file));

        assertTrue(e.getMessage().contains("is neither a DL4J ModelSerializer zip nor a readable SameDiff"),
                e.getMessage());
    }

    @Test
    void missingAndEmptyFilesAreNamed() throws IOException {
        Path missing = dir.resolve("missing.zip");
        Path empty = Files.createFile(dir.resolve("empty.zip"));

        assertEquals(missing + ": no such file — check the path",
                assertThrows(ModelLoadException.class, () -> ModelInspector.describe(missing)).getMessage());
        assertEquals(empty + ": is empty (0 bytes) — save the model again",
                assertThrows(ModelLoadException.class, () -> ModelInspector.describe(empty)).getMessage());
    }
}
