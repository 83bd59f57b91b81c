package org.vaescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code describe}, {@code analyse} and {@code run} on a VAE exported from PyTorch as two ONNX files, and on
 * the same weights saved as two SameDiff graphs.
 */
class ImportedModelCliTest {

    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    @BeforeEach
    void placeTheExport() throws Exception {
        Files.copy(fixture("onnx", "encoder.onnx"), dir.resolve("vae_encoder.onnx"));
        Files.copy(fixture("onnx", "decoder.onnx"), dir.resolve("vae_decoder.onnx"));
        Files.copy(fixture("samediff", "vae_encoder.fb"), dir.resolve("sd_encoder.fb"));
        Files.copy(fixture("samediff", "vae_decoder.fb"), dir.resolve("sd_decoder.fb"));
    }

    @Test
    void describeShowsTheWholeVaeWhenTheDecoderIsBesideTheEncoder() {
        assertEquals(0, cli.run("describe", dir.resolve("vae_encoder.onnx").toString()), cli.err());
        for (String hook : new String[] {"encoder.relu_1 (/Relu_1_output_0)", "latent.z", "output.logits (logits)"}) {
            assertTrue(cli.out().contains(hook), hook + " in " + cli.out());
        }
    }

    @Test
    void analyseWritesTheAnalysisOfTheImportedModel() throws Exception {
        Path analysis = dir.resolve("torch.vsa");
        assertEquals(0, cli.run("analyse", dir.resolve("vae_encoder.onnx").toString(), "--decoder",
                dir.resolve("vae_decoder.onnx").toString(), "--dataset", "dsprites:size=32", "--quick", "--out",
                analysis.toString()), cli.err());
        String json = Files.readString(analysis);
        assertTrue(json.contains("\"format\" : \"vaescope-analysis\"") || json.contains("\"format\":\"vaescope-analysis\""),
                json.substring(0, Math.min(200, json.length())));
        assertTrue(json.contains("decoder.relu_4"), "the import's hooks are analysed");
        assertTrue(cli.out().contains("disentanglement score (MIG)"), cli.out());
        assertTrue(cli.out().contains(" factor pairs tested") || cli.out().contains("No factor pair could be tested"),
                "the report says what the implied graph rests on: " + cli.out());
    }

    @Test
    void analyseOfAnImportedModelWithoutADatasetSaysWhatToAdd() {
        assertEquals(1, cli.run("analyse", dir.resolve("vae_encoder.onnx").toString()));
        assertTrue(cli.err().contains("does not say which dataset it was trained on — give --dataset"), cli.err());
    }

    @Test
    void aScriptRunsOnTheImportedModel() throws Exception {
        Path script = Files.writeString(dir.resolve("torch.vis"), """
                model "vae_encoder.onnx" decoder "vae_decoder.onnx" as torch
                dataset dsprites(size=32)
                seed 3
                patch encoder.relu_1 channels 0..3 from (shape=heart) into (shape=square) measure latent 1
                mediate factor scale from 0 to 5 through decoder.relu units all
                """);
        assertEquals(0, cli.run("run", script.toString(), "--quick"), cli.err() + cli.out());
        assertTrue(cli.out().contains("fraction restored"), cli.out());
    }

    @Test
    void aSameDiffPairIsDescribedAnalysedAndScripted() throws Exception {
        assertEquals(0, cli.run("describe", dir.resolve("sd_encoder.fb").toString()), cli.err());
        for (String hook : new String[] {"encoder.conv2 (conv2)", "latent.mu (mu)", "decoder.deconv2 (deconv2)"}) {
            assertTrue(cli.out().contains(hook), hook + " in " + cli.out());
        }
        Path analysis = dir.resolve("samediff.vsa");
        assertEquals(0, cli.run("analyse", dir.resolve("sd_encoder.fb").toString(), "--dataset", "dsprites:size=32",
                "--quick", "--out", analysis.toString()), cli.err());
        assertTrue(Files.readString(analysis).contains("decoder.deconv2"), "the graph's hooks are analysed");
        Path script = Files.writeString(dir.resolve("samediff.vis"), """
                model "sd_encoder.fb" decoder "sd_decoder.fb"
                dataset dsprites(size=32)
                seed 3
                patch encoder.conv2 channels 0..3 from (shape=heart) into (shape=square) measure latent 1
                """);
        assertEquals(0, cli.run("run", script.toString(), "--quick"), cli.err() + cli.out());
        assertTrue(cli.out().contains("fraction restored"), cli.out());
    }

    private static Path fixture(String name) {
        return fixture("onnx", name);
    }

    /** A file of the core tests' fixtures, {@code fixtures/KIND/NAME}. */
    static Path fixture(String kind, String name) {
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            Path candidate = folder.resolve("tests/org.vaescope.core.tests/fixtures").resolve(kind).resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no fixture " + kind + "/" + name + " above " + Path.of("").toAbsolutePath());
    }
}
