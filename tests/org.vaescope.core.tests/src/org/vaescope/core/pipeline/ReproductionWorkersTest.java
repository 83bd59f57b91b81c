package org.vaescope.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaescope.core.vae.Architecture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Several reproduce processes share one run directory: each job is trained by whoever claims it first. */
class ReproductionWorkersTest {

    @Test
    void aJobClaimedByAnotherProcessIsSkippedAndTheUnclaimedOnesAreTrained(@TempDir Path runs) throws Exception {
        Reproduction.Settings settings = new Reproduction.Settings(Architecture.mlp(1, 16, 16, 4, 32), 2, 2, 8, 1e-3,
                List.of(1L, 2L), ModelAnalysis.Settings.quick(0), 16, runs, 2, 50, Set.of("dsprites:betavae"));
        Path claimed = runs.resolve("checkpoints").resolve("dsprites-betavae-seed1.lock");
        Files.createDirectories(claimed.getParent());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (FileChannel channel = FileChannel.open(claimed, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock otherWorker = channel.lock()) {
            Reproduction.trainOnly(settings, new PrintStream(log, true, StandardCharsets.UTF_8), null);
        }

        String printed = log.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("seed 1: another process works on it, skipped"), printed);
        assertFalse(Files.exists(runs.resolve("checkpoints").resolve("dsprites-betavae-seed1-final.vsm")));
        assertTrue(Files.exists(runs.resolve("checkpoints").resolve("dsprites-betavae-seed2-final.vsm")));
        assertFalse(Files.exists(runs.resolve("checkpoints").resolve("causal-betavae-seed1-final.vsm")),
                "--only dsprites:betavae leaves the causal dataset alone");
    }

    /** The analysis settings reach every run's analysis whole: repeated circuit searches included. */
    @Test
    void eachRunIsAnalysedWithTheGivenSettingsAndItsOwnSeed(@TempDir Path runs) {
        Reproduction.Settings settings = new Reproduction.Settings(Architecture.mlp(1, 16, 16, 4, 32), 2, 2, 8, 1e-3,
                List.of(3L, 4L), ModelAnalysis.Settings.quick(0).withModularityRepeats(2), 16, runs, 2, 50,
                Set.of("dsprites:betavae"));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Reproduction.trainOnly(settings, quiet, null);
        List<Reproduction.Run> analysed = Reproduction.run(settings, true, quiet, null);
        assertEquals(List.of(3L, 4L), analysed.stream().map(Reproduction.Run::seed).toList());
        for (Reproduction.Run run : analysed) {
            assertEquals(run.seed(), run.ces().seed(), "the job's seed, not the settings' 0");
            assertEquals(2, run.modularity().bootstrapReplicates(), run.modularity().toString());
        }
        assertRunFileHoldsEveryInterval(runs.resolve("dsprites-betavae-seed3.json"));
    }

    /** Each run leaves a JSON file with its figures, their intervals, the MIG curve and the whole analysis. */
    private static void assertRunFileHoldsEveryInterval(Path file) {
        assertTrue(Files.exists(file), "the run's JSON is written to the runs folder");
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(file.toFile());
        } catch (java.io.IOException e) {
            throw new AssertionError(file + " is not JSON", e);
        }
        JsonNode run = json.path("run");
        assertEquals(3, run.path("seed").asInt());
        for (String estimate : List.of("ces", "specificity", "modularity")) {
            JsonNode node = run.path(estimate);
            assertTrue(node.path("lower").isNumber() && node.path("upper").isNumber(), estimate + ": " + node);
        }
        assertTrue(run.path("migCurve").size() > 0 && run.path("readoutAccuracy").size() == 5, run.toString());
        assertTrue(run.path("finalLosses").has("kl") && run.path("hyperparameters").has("beta"), run.toString());
        assertTrue(json.path("analysis").path("report").path("model_ces").isObject(), "the whole analysis is kept");
    }

    /** The FactorVAE row came from a discriminator learning at a tenth of the VAE's rate. */
    @Test
    void factorVaesDiscriminatorLearnsAtTheVaesRate() {
        org.vaescope.core.vae.VariantConfig config = Reproduction.variantConfig(org.vaescope.core.vae.Variant.FACTOR_VAE,
                1e-3);
        assertEquals(1e-3, config.get("discriminatorLearningRate"));
        assertFalse(Reproduction.variantConfig(org.vaescope.core.vae.Variant.BETA_VAE, 1e-3).hyperparameters()
                .containsKey("discriminatorLearningRate"));
    }
}
