package org.vaescope.core.imports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vaescope.core.imports.OnnxFixtures.file;
import static org.vaescope.core.imports.OnnxFixtures.probe;
import static org.vaescope.core.imports.OnnxImportTest.assertClose;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.deeplearning4j.nn.api.Model;
import org.vaescope.core.model.Dl4jModelFiles;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaescope.core.hooks.RunOptions;
import org.vaescope.core.hooks.RunResult;
import org.vaescope.core.interventions.Pairs;
import org.vaescope.core.model.ModelFormat;
import org.vaescope.core.model.ModelLoadException;
import org.vaescope.core.vae.Likelihood;
import org.vaescope.core.vae.VaeHooks;
import org.vaescope.core.vae.VaeModel;
import org.vaescope.core.vae.Variant;
import org.vaescope.core.vae.VariantConfig;

/**
 * DL4J VAEs saved by DL4J itself ({@link Dl4jFixtures}) with the weights of the ONNX fixture: the import
 * computes what DL4J's own layers compute and what PyTorch computed, and every intervention gives the
 * numbers of the same weights as a VAEScope model.
 */
class Dl4jImportTest {

    @TempDir
    static Path dir;

    static Path encoderZip;
    static Path decoderZip;
    static Path wholeZip;
    static ComputationGraph dl4jEncoder;
    static MultiLayerNetwork dl4jDecoder;
    static ImportedVae imported;
    static VaeModel rebuilt;
    static Pairs pairs;

    @BeforeAll
    static void saveDl4jModels() throws Exception {
        ImportedVae onnx = OnnxImport.open(file("encoder.onnx"), file("decoder.onnx"));
        dl4jEncoder = Dl4jFixtures.encoder(onnx.graph());
        dl4jDecoder = Dl4jFixtures.decoder(onnx.graph());
        encoderZip = Dl4jFixtures.save(dl4jEncoder, dir.resolve("vae_encoder.zip"));
        decoderZip = Dl4jFixtures.save(dl4jDecoder, dir.resolve("vae_decoder.zip"));
        wholeZip = Dl4jFixtures.save(Dl4jFixtures.wholeVae(onnx.graph()), dir.resolve("whole_vae.zip"));
        imported = Dl4jImport.open(encoderZip, decoderZip);
        rebuilt = onnx.rebuild(ImportedVersusVsmTest.ARCHITECTURE, VariantConfig.of(Variant.VAE),
                Likelihood.BERNOULLI);
        INDArray images = probe("images");
        pairs = Pairs.of(images, Nd4j.reverse(images.dup()), 7, "probe images against the reversed batch");
    }

    /**
     * The committed zips (fixtures/dl4j, used by the IDE test) are the ones this fixture writes. Run with
     * {@code -Dvaescope.writeDl4jFixtures=true} (in the test JVM's arguments) to write them again.
     */
    @Test
    void theCommittedZipsAreTheOnesTheFixtureWrites() throws Exception {
        Path committed = OnnxFixtures.file("probes.npz").getParent().resolveSibling("dl4j");
        if (Boolean.getBoolean("vaescope.writeDl4jFixtures")) {
            Files.createDirectories(committed);
            Files.copy(encoderZip, committed.resolve("vae_encoder.zip"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(decoderZip, committed.resolve("vae_decoder.zip"), StandardCopyOption.REPLACE_EXISTING);
        }
        for (Path zip : List.of(encoderZip, decoderZip)) {
            Model written = Dl4jModelFiles.restore(zip);
            Model kept = Dl4jModelFiles.restore(committed.resolve(zip.getFileName()));
            assertEquals(written.params(), kept.params(), zip.getFileName() + " parameters");
            assertEquals(configuration(written), configuration(kept), zip.getFileName() + " configuration");
        }
    }

    private static String configuration(Model model) {
        return model instanceof ComputationGraph g ? g.getConfiguration().toJson()
                : ((MultiLayerNetwork) model).getLayerWiseConfigurations().toJson();
    }

    @Test
    void dl4jsOwnLayersComputeThePyTorchFixturesNumbers() throws Exception {
        INDArray[] latents = dl4jEncoder.output(probe("images"));
        assertClose(probe("mu"), latents[0]);
        assertClose(probe("logvar"), latents[1]);
        assertClose(probe("logits"), dl4jDecoder.output(probe("mu")));
    }

    @Test
    void importedZipsComputeWhatDl4jAndPyTorchComputed() throws Exception {
        RunResult run = imported.run(probe("images"), RunOptions.defaults()
                .capture(VaeHooks.LATENT_MU, VaeHooks.LATENT_LOGVAR, "encoder.conv2"));

        assertClose(probe("mu"), run.activation(VaeHooks.LATENT_MU));
        assertClose(probe("logvar"), run.activation(VaeHooks.LATENT_LOGVAR));
        assertClose(probe("encoder_conv2"), run.activation("encoder.conv2"));
        assertClose(dl4jDecoder.output(probe("mu")), run.output());
        assertFalse(imported.outputsProbabilities());
        assertEquals(ModelFormat.DL4J_COMPUTATION_GRAPH, imported.format());
    }

    @Test
    void everyLayerOutputIsAHookPointNamedAfterTheLayer() {
        List<String> hooks = imported.hookPoints().stream().map(h -> h.name()).toList();
        assertEquals(List.of("input", "encoder.conv1.preact", "encoder.conv1", "encoder.conv2.preact", "encoder.conv2",
                "encoder.conv3.preact", "encoder.conv3", "encoder.conv4.preact", "encoder.conv4", "encoder.fc.flatten",
                "encoder.fc.preact", "encoder.fc", "latent.mu", "latent.logvar", "latent.z", "decoder.fc1.preact",
                "decoder.fc1", "decoder.fc2.preact", "decoder.fc2", "decoder.deconv1.reshape", "decoder.deconv1.preact",
                "decoder.deconv1", "decoder.deconv2.preact", "decoder.deconv2", "decoder.deconv3.preact",
                "decoder.deconv3", "output.logits"), hooks);
        assertEquals("conv2", imported.onnxName("encoder.conv2"));
        assertEquals("encoder.conv2", imported.hook("conv2").name());
        assertArrayEquals(new int[] {4, 8, 8}, imported.hookPoint("encoder.conv2").shape());
        assertEquals(ModelFormat.DL4J_COMPUTATION_GRAPH, imported.structure().format());
    }

    @Test
    void oneGraphWithASigmoidAtTheEndIsAWholeVae() throws Exception {
        Files.writeString(ModelRoles.fileOf(wholeZip), "{\"imageShape\": [1, 32, 32]}");
        ImportedVae whole = Dl4jImport.open(wholeZip);
        RunResult run = whole.run(probe("images"), RunOptions.defaults().capture(VaeHooks.LATENT_LOGVAR,
                "conv2", ImportedVae.PROBABILITIES));

        assertTrue(whole.outputsProbabilities());
        assertClose(probe("logvar"), run.activation(VaeHooks.LATENT_LOGVAR));
        assertClose(probe("encoder_conv2"), run.activation("conv2"));
        assertClose(probe("logits"), run.output());
        assertClose(probe("probabilities"), run.activation(ImportedVae.PROBABILITIES));
    }

    @Test
    void verticesComputeWhatDl4jComputes() throws Exception {
        ComputationGraph graph = Dl4jFixtures.vertexGraph();
        Path zip = Dl4jFixtures.save(graph, dir.resolve("vertices.zip"));
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 5, 6).subi(0.5).muli(4);
        var model = org.vaescope.core.internal.imports.OnnxImporter.graph(
                org.vaescope.core.internal.imports.Dl4jTranslator.translate(
                        (ComputationGraph) org.vaescope.core.model.Dl4jModelFiles.restore(zip),
                        org.vaescope.core.internal.imports.Roles.NONE)).model();
        assertClose(graph.outputSingle(x), model.run(x, RunOptions.defaults()).output());
    }

    @Test
    void vsmFilesAndDl4jZipsOpenThroughVaeFiles() throws Exception {
        VaeFiles.Loaded loaded = VaeFiles.open(encoderZip);
        assertEquals(List.of(encoderZip, decoderZip), loaded.files());
        assertTrue(VaeFiles.isAnalysable(encoderZip));
        assertEquals(ModelFormat.DL4J_COMPUTATION_GRAPH, VaeFiles.describe(encoderZip).format());
    }

    @Test
    void aMultiLayerEncoderIsRefusedSayingWhatToSave() {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> Dl4jImport.open(decoderZip, decoderZip));
        assertEquals(decoderZip, e.file());
        assertTrue(e.problem().contains("save it as a ComputationGraph with outputs named 'mu' and 'logvar'"),
                e.problem());
    }

    @Test
    void aTruncatedZipIsAnErrorNamingTheFile() throws Exception {
        byte[] bytes = Files.readAllBytes(decoderZip);
        Path truncated = Files.write(dir.resolve("truncated_decoder.zip"), java.util.Arrays.copyOf(bytes,
                bytes.length / 2));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> Dl4jImport.open(encoderZip, truncated));
        assertEquals(truncated, e.file());
    }

    @Test
    void bothComputeTheSameFunctionAsTheVsm() throws Exception {
        INDArray images = probe("images");
        var fromZip = imported.run(images, RunOptions.defaults().capture(VaeHooks.LATENT_MU, "encoder.conv2"));
        var fromVsm = rebuilt.run(images, RunOptions.defaults().capture(VaeHooks.LATENT_MU, "encoder.conv2"));
        assertClose(fromVsm.activation(VaeHooks.LATENT_MU), fromZip.activation(VaeHooks.LATENT_MU));
        assertClose(fromVsm.activation("encoder.conv2"), fromZip.activation("encoder.conv2"));
        assertClose(fromVsm.output(), fromZip.output());
    }

    @Test
    void activationPatchingGivesTheVsmsNumbers() {
        InterventionAgreement.patching(imported, "encoder.conv2", rebuilt, "encoder.conv2", pairs);
    }

    @Test
    void latentPerturbationGivesTheVsmsNumbers() throws Exception {
        InterventionAgreement.perturbation(imported, rebuilt, probe("images"));
    }

    @Test
    void mediationGivesTheVsmsNumbers() {
        InterventionAgreement.mediation(imported, "encoder.conv2", rebuilt, "encoder.conv2", pairs);
    }

    @Test
    void gradientsToAnyHookGiveTheVsmsNumbers() throws Exception {
        InterventionAgreement.gradients(imported, "encoder.conv2", rebuilt, "encoder.conv2", probe("images"));
    }
}
