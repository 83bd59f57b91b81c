package org.vaescope.core.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vaescope.core.imports.OnnxFixtures.file;
import static org.vaescope.core.imports.OnnxFixtures.probe;
import static org.vaescope.core.imports.OnnxImportTest.assertClose;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaescope.core.hooks.RunOptions;
import org.vaescope.core.model.ModelLoadException;
import org.vaescope.core.store.ModelFileException;
import org.vaescope.core.vae.VaeHooks;

/** A roles file beside a model gives what the graph leaves ambiguous; its mistakes name the file and the key. */
class ModelRolesTest {

    @TempDir
    static Path dir;

    static Path encoder;
    static Path decoder;
    static Path whole;

    @BeforeAll
    static void saveModels() throws Exception {
        ImportedVae onnx = OnnxImport.open(file("encoder.onnx"), file("decoder.onnx"));
        encoder = Dl4jFixtures.save(Dl4jFixtures.encoder(onnx.graph(), "head_a", "head_b"), dir.resolve("enc.zip"));
        decoder = Dl4jFixtures.save(Dl4jFixtures.decoder(onnx.graph()), dir.resolve("dec.zip"));
        whole = Dl4jFixtures.save(Dl4jFixtures.wholeVae(onnx.graph()), dir.resolve("whole.zip"));
    }

    @Test
    void theRolesAnAnswerGivesAreWrittenKeepingTheFilesOtherKeys() throws Exception {
        String text = ModelRoles.json("{\"imageShape\": [1, 32, 32], \"mu\": \"old\"}",
                java.util.Map.of("mu", "head_a", "logvar", "head_b", "output", "logits"));
        Path model = dir.resolve("answered.zip");
        Files.writeString(ModelRoles.fileOf(model), text);

        var roles = ModelRoles.read(model);
        assertEquals("head_a", roles.mu());
        assertEquals("head_b", roles.logvar());
        assertEquals(Boolean.FALSE, roles.probabilities());
        assertEquals(java.util.List.of(1, 32, 32), java.util.Arrays.stream(roles.imageShape()).boxed().toList());
        assertEquals(ModelRoles.json(null, java.util.Map.of("mu", "m")), ModelRoles.json("not json", java.util.Map.of(
                "mu", "m")), "an unreadable file is replaced");
    }

    @Test
    void anAmbiguousEncoderSaysHowToWriteTheRolesFile() throws Exception {
        Files.deleteIfExists(ModelRoles.fileOf(encoder));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> Dl4jImport.open(encoder, decoder));
        assertEquals(encoder, e.file());
        assertTrue(e.problem().contains("[head_a, head_b]") && e.problem().contains("enc.roles.json")
                && e.problem().contains("{\"mu\": \"head_a\", \"logvar\": \"head_b\"}"), e.problem());
    }

    @Test
    void theRolesFileNamesMuAndLogVariance() throws Exception {
        Files.writeString(ModelRoles.fileOf(encoder), "{\"mu\": \"head_a\", \"logvar\": \"head_b\"}");
        ImportedVae vae = VaeFiles.open(encoder).model() instanceof ImportedVae v ? v : null;
        var run = vae.run(probe("images"), RunOptions.defaults().capture(VaeHooks.LATENT_MU, VaeHooks.LATENT_LOGVAR));
        assertClose(probe("mu"), run.activation(VaeHooks.LATENT_MU));
        assertClose(probe("logvar"), run.activation(VaeHooks.LATENT_LOGVAR));
        assertClose(probe("logits"), run.output());
    }

    @Test
    void aWholeConvVaeWithoutImageShapeSaysHowToGiveIt() throws Exception {
        Files.deleteIfExists(ModelRoles.fileOf(whole));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> Dl4jImport.open(whole));
        assertEquals(whole, e.file());
        assertTrue(e.problem().contains("whole.roles.json") && e.problem().contains("\"imageShape\": [1, 64, 64]"),
                e.problem());
    }

    @Test
    void mistakesInTheRolesFileNameTheFileAndTheKey() throws Exception {
        Path roles = ModelRoles.fileOf(whole);
        assertRolesError(roles, "{\"imageShape\": [1, 32]}", "key \"imageShape\" must be [channels, height, width]");
        assertRolesError(roles, "{\"imagesize\": 32}", "unknown key \"imagesize\"");
        assertRolesError(roles, "{\"output\": \"probs\"}", "key \"output\" must be \"logits\" or \"probabilities\"");
        assertRolesError(roles, "{\"mu\": 3}", "key \"mu\" must be the name of a graph input or output");
        assertRolesError(roles, "{\"imageShape\": [1, 32, 32],", "is not valid JSON");
        Files.writeString(roles, "{\"imageShape\": [1, 32, 32], \"mu\": \"nope\"}");
        ModelFileException e = assertThrows(ModelFileException.class, () -> VaeFiles.open(whole));
        assertTrue(e.problem().contains("whole.roles.json names 'nope' as \"mu\""), e.problem());
    }

    private static void assertRolesError(Path roles, String text, String expected) throws Exception {
        Files.writeString(roles, text);
        ModelFileException e = assertThrows(ModelFileException.class, () -> VaeFiles.open(whole));
        assertEquals(roles, e.file());
        assertTrue(e.problem().contains(expected), e.problem());
    }
}
