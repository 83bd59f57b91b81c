package org.vaescope.core.interpreter;

import org.vaescope.core.interpreter.run.StepResult;
import org.vaescope.core.interpreter.run.OutputFile;
import org.vaescope.core.interpreter.run.ScriptRunOptions;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaescope.core.analysis.AnalysisSettings;
import org.vaescope.core.analysis.BootstrapSettings;
import org.vaescope.core.data.Datasets;
import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.hooks.HookPoint;
import org.vaescope.core.vae.VaeHooks;
import org.vaescope.core.progress.ProgressMonitor;
import org.vaescope.core.pipeline.ModelAnalysis;
import org.vaescope.core.readout.ReadoutSettings;
import org.vaescope.script.source.Diagnostic;
import org.vaescope.script.diagnostics.ScriptCheck;
import org.vaescope.script.ScriptLanguage;
import org.vaescope.core.store.ModelFile;
import org.vaescope.core.training.Trainer;
import org.vaescope.core.training.TrainingConfig;
import org.vaescope.core.training.TrainingListener;
import org.vaescope.core.training.TrainingResult;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.Variant;
import org.vaescope.core.vae.VaeModel;

/**
 * Runs every example script and small scripts on tiny MLP VAEs (16×16 images, trained for a few dozen
 * steps here) with tiny sample counts, and checks outputs, the sandbox, determinism and cancellation.
 */
class ScriptRunnerTest {

    private static final int SIDE = 16;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path folder;
    private static VaeModel dspritesModel;

    /** Tiny analysis settings: few read-out and metric samples, a short bootstrap. */
    private static ScriptRunOptions options() {
        ModelAnalysis.Settings tiny = new ModelAnalysis.Settings(20, 20, 1, 60, 40, List.of(),
                new ReadoutSettings(200, 60, 16, 2, 32, 3e-3, 16, 1), AnalysisSettings.defaults(),
                new BootstrapSettings(10, 0.9, 1), 32, 1, 0);
        return new ScriptRunOptions(true, 20, 32, null, tiny);
    }

    @BeforeAll
    static void trainTinyModels() throws IOException {
        Files.createDirectories(folder.resolve("models"));
        dspritesModel = train("dsprites", Variant.VAE, "vae-dsprites.vsm");
        Files.copy(folder.resolve("models/vae-dsprites.vsm"), folder.resolve("models/factorvae-dsprites.vsm"));
        train("dsprites", Variant.BETA_VAE, "betavae-dsprites.vsm");
        train("causal", Variant.VAE, "vae-causal.vsm");
    }

    private static VaeModel train(String dataset, Variant variant, String file) throws IOException {
        FactorDataset data = Datasets.create(dataset, Map.of("size", Integer.toString(SIDE)));
        TrainingConfig config = TrainingConfig.builder(variant).architecture(Architecture.mlp(1, SIDE, SIDE, 4, 40, 40))
                .steps(25).batchSize(16).learningRate(1e-3).seed(3).build();
        TrainingResult result = Trainer.train(config, data, TrainingListener.NONE, ProgressMonitor.NONE);
        ModelFile.save(folder.resolve("models").resolve(file), result.model(), result.metadata());
        return result.model();
    }

    private static Path script(String name, String text) throws IOException {
        Path file = folder.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static String header(String dataset) {
        return "vaescope 1\nmodel \"models/vae-dsprites.vsm\"\ndataset " + dataset + "\nsamples 12\nseed 5\n";
    }

    // ---- the examples -----------------------------------------------------------------------------

    @Test
    void everyExampleRunsAndWritesSaneOutputs() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("vaescope.examples")))) {
            examples = files.filter(p -> p.toString().endsWith(ScriptLanguage.FILE_EXTENSION)).sorted().toList();
        }
        assertTrue(examples.size() >= 6, "examples: " + examples);
        for (Path example : examples) {
            String text = Files.readString(example).replace("(size=32)", "(size=" + SIDE + ")")
                    .replaceAll("samples \\d+", "samples 12");
            Path copy = script(example.getFileName().toString(), text);
            Path out = folder.resolve("out-" + example.getFileName());
            ScriptRunResult result = ScriptRunner.run(copy, out, null, options());
            assertEquals(ScriptRunResult.Status.COMPLETED, result.status(),
                    example.getFileName() + ": " + result.error() + " " + result.errors());
            assertFalse(result.outputs().isEmpty(), example + " writes outputs");
            for (OutputFile file : result.outputs()) {
                checkOutput(file, result);
            }
            for (StepResult step : result.steps()) {
                checkNumbers(step);
            }
        }
    }

    private static void checkOutput(OutputFile output, ScriptRunResult result) throws IOException {
        Path file = output.file();
        assertTrue(Files.isRegularFile(file) && Files.size(file) > 0, file + " exists");
        assertTrue(file.startsWith(result.outputFolder()), file + " is inside the output folder");
        assertEquals(Files.size(file), output.size());
        String name = file.getFileName().toString();
        switch (output.kind()) {
            case IMAGES -> {
                byte[] bytes = Files.readAllBytes(file);
                assertArrayEquals(PNG_SIGNATURE, java.util.Arrays.copyOf(bytes, 8), name + " is a PNG");
            }
            case REPORT_JSON -> {
                JsonNode json = JSON.readTree(file.toFile());
                assertEquals("vaescope-run", json.path("format").asText());
                assertEquals(1, json.path("version").asInt());
                JsonNode steps = json.path("steps");
                assertFalse(steps.isEmpty(), name + " has steps");
                for (JsonNode step : steps) {
                    assertTrue(step.path("line").asInt() >= 1);
                    for (JsonNode value : step.path("numbers")) {
                        assertTrue(value.isNull() || value.isNumber() && Double.isFinite(value.asDouble()),
                                name + ": " + step);
                    }
                }
            }
            case GRAPH_JSON -> {
                JsonNode json = JSON.readTree(file.toFile());
                assertEquals("vaescope-circuit-graph", json.path("format").asText());
                assertFalse(json.path("nodes").isEmpty());
            }
            case GRAPH_DOT -> assertTrue(Files.readString(file).startsWith("digraph"), name);
            case REPORT_HTML -> {
                String html = Files.readString(file);
                assertTrue(html.startsWith("<!DOCTYPE html>") && html.strip().endsWith("</html>"), name);
                assertTrue(html.contains("line "), name + " lists the steps");
            }
            case TABLE_CSV -> checkCsv(file, result);
        }
    }

    private static void checkCsv(Path file, ScriptRunResult result) throws IOException {
        List<String> lines = Files.readAllLines(file);
        boolean compare = result.steps().stream().map(StepResult::model).filter(m -> m != null).distinct().count() > 1;
        if (compare) {
            assertEquals("line,statement,quantity,vae,betavae,factorvae", lines.get(0));
            long numbers = result.steps().stream().filter(s -> "vae".equals(s.model()))
                    .mapToLong(s -> s.numbers().size()).sum();
            assertEquals(numbers + 1, lines.size(), "one row per quantity");
        } else {
            assertTrue(lines.get(0).startsWith("hook,unit,class,dominant_factor,share,share_lower,share_upper,undecided,A["),
                    lines.get(0));
            assertTrue(lines.get(0).endsWith(",circuits"));
            Set<String> optIn = Set.of(dspritesModel.inputHook(), dspritesModel.outputHook(), VaeHooks.LATENT_Z,
                    VaeHooks.LATENT_LOGVAR);
            int units = dspritesModel.hookPoints().stream().filter(h -> !optIn.contains(h.name()))
                    .mapToInt(HookPoint::units).sum();
            assertEquals(units + 1, lines.size(), "one row per unit of every analysed hook point");
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.split(",", -1);
                assertTrue(List.of("dead", "monosemantic", "polysemantic").contains(fields[2]), line);
                assertEquals(fields[2].equals("dead"), fields[4].isEmpty(), "a share for every live unit: " + line);
                assertTrue(List.of("true", "false").contains(fields[7]), line);
            }
        }
    }

    /** Each number finite (or NaN where a ratio is undefined) and inside its range. */
    private static void checkNumbers(StepResult step) {
        for (Map.Entry<String, Double> n : step.numbers().entrySet()) {
            String key = n.getKey();
            double v = n.getValue();
            boolean ratio = key.matches("fraction_restored|share_mediated|rank_agreement|precision.*|recall.*|f1.*");
            assertTrue(Double.isFinite(v) || (ratio && Double.isNaN(v)), step.line() + " " + key + " = " + v);
            if (key.matches("(specificity|modularity|precision|recall|f1|score|mig|circuit_fraction).*")) {
                assertTrue(Double.isNaN(v) || v >= -1e-9 && v <= 1 + 1e-9, step.source() + ": " + key + " = " + v);
            }
            if (key.matches("(ces|O|output_effect|output_change|change|dead|monosemantic|polysemantic|circuit_size|"
                    + "necessary|pairs|samples|edges).*")) {
                assertTrue(v >= 0, step.source() + ": " + key + " = " + v);
            }
        }
    }

    static Path examplesFolder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("examples");
            if (Files.isRegularFile(candidate.resolve("compare-models.vis"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no examples folder above " + Path.of("").toAbsolutePath());
    }

    // ---- errors and the sandbox -------------------------------------------------------------------

    @Test
    void aScriptWithErrorsDoesNotRun() throws IOException {
        Path script = script("errors.vis", header("dsprites(size=16)")
                + "patch encoder.conv2 units all from (shape=heart) into (shape=square)\nmetric mgi\n"
                + "report json \"r.json\"\n");
        Path out = folder.resolve("out-errors");
        ScriptRunResult result = ScriptRunner.run(script, out, null, options());
        assertEquals(ScriptRunResult.Status.CHECK_FAILED, result.status());
        assertEquals(1, result.exitCode());
        List<String> messages = result.errors().stream().map(Diagnostic::message).toList();
        assertTrue(messages.stream().anyMatch(m -> m.contains("unknown hook point 'encoder.conv2'")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("unknown metric 'mgi'")), messages.toString());
        assertTrue(result.steps().isEmpty());
        assertFalse(Files.exists(out), "nothing is written");
    }

    @Test
    void theSandboxRejectsEscapingOutputsAndAbsoluteModels() throws IOException {
        Path escaping = script("escape.vis", header("dsprites(size=16)") + "report json \"../escaped.json\"\n");
        ScriptRunResult result = ScriptRunner.run(escaping, folder.resolve("out-escape"), null, options());
        assertEquals(ScriptRunResult.Status.CHECK_FAILED, result.status());
        assertTrue(result.errors().get(0).message().contains("'../escaped.json'"), result.errors().toString());
        assertFalse(Files.exists(folder.resolve("escaped.json")));

        String absolute = folder.resolve("models/vae-dsprites.vsm").toAbsolutePath().toString();
        Path absoluteModel = script("absolute.vis", "model \"" + absolute + "\"\ndataset dsprites(size=16)\n"
                + "metric ces\n");
        result = ScriptRunner.run(absoluteModel, folder.resolve("out-absolute"), null, options());
        assertEquals(ScriptRunResult.Status.CHECK_FAILED, result.status());
        assertTrue(result.errors().get(0).message().contains("absolute path '" + absolute + "'"),
                result.errors().toString());
    }

    @Test
    void aMissingModelOrAMismatchedDatasetIsRefusedBeforeRunningNamingIt() throws IOException {
        Path missing = script("missing.vis", "model \"models/none.vsm\"\ndataset dsprites(size=16)\nmetric ces\n");
        ScriptRunResult result = ScriptRunner.run(missing, folder.resolve("out-missing"), null, options());
        assertEquals(ScriptRunResult.Status.CHECK_FAILED, result.status());
        assertTrue(result.steps().isEmpty());
        assertTrue(result.errors().stream().anyMatch(d -> d.line() == 1
                && d.message().equals("model 'models/none.vsm' cannot be loaded: no such file — check the path")),
                result.errors().toString());

        Path mismatch = script("mismatch.vis", header("dsprites(size=32)") + "metric ces\n");
        result = ScriptRunner.run(mismatch, folder.resolve("out-mismatch"), null, options());
        assertEquals(ScriptRunResult.Status.CHECK_FAILED, result.status());
        assertTrue(result.steps().isEmpty());
        assertTrue(result.errors().stream().anyMatch(d -> d.message().contains("the dataset's images are 32×32 grey")
                && d.message().contains("expects 16×16 grey")), result.errors().toString());
    }

    @Test
    void latentSummariesNameOnlyFactorsWhoseReadOutSeesThemInTheModelsReconstructions() throws IOException {
        Path script = script("readable.vis", header("dsprites(size=16)") + "perturb latent all by 1\nset latent 0 to 2\n");
        FactorDataset dsprites = Datasets.create("dsprites", Map.of("size", "16"));
        for (StepResult step : ScriptRunner.run(script, folder.resolve("out-readable"), null, options()).steps()) {
            List<String> unreadable = new ArrayList<>();
            for (org.vaescope.core.data.Factor factor : dsprites.factors()) {
                Double accuracy = step.numbers().get("readout_accuracy_on_reconstructions[" + factor.name() + "]");
                double chance = 1.0 / factor.values().length;
                if (accuracy != null && (accuracy - chance) / (1 - chance)
                        < org.vaescope.core.analysis.ImpliedEffectEvidence.READABLE_FLOOR) {
                    unreadable.add(factor.name());
                }
            }
            assertFalse(unreadable.isEmpty(), "a model trained 25 steps draws blobs: " + step.summary());
            assertTrue(step.summary().contains("not readable on this model's reconstructions (their read-outs move by "
                    + "noise): " + String.join(", ", unreadable)), step.summary());
            for (String factor : unreadable) {
                assertFalse(step.summary().contains("mainly " + factor + " ")
                        || step.summary().contains("change " + factor + " "), factor + " named: " + step.summary());
            }
        }
    }

    // ---- determinism and cancellation -------------------------------------------------------------

    @Test
    void aQuickRunCapsTraversalSteps() throws IOException {
        Path script = script("long-traversal.vis", header("dsprites(size=16)")
                + "traverse latent 0 range -2..2 steps 40\n");
        StepResult quick = ScriptRunner.run(script, folder.resolve("out-quick-traversal"), null, options()).steps().get(0);
        assertEquals((double) ScriptRunOptions.QUICK_TRAVERSAL_STEPS, quick.numbers().get("steps"));
        StepResult full = ScriptRunner.run(script, folder.resolve("out-full-traversal"), null, options().withQuick(false))
                .steps().get(0);
        assertEquals(40.0, full.numbers().get("steps"));
    }

    @Test
    void theSameSeedGivesByteIdenticalJsonAndAnotherSeedDoesNot() throws IOException {
        String body = "vary factor shape from square to heart\nperturb latent all by -1..1\n"
                + "patch encoder.fc1 units 0..9 from (shape=heart) into (shape=square) measure latent 0\n"
                + "ablate decoder.fc1 units all mode resample\nmetric specificity\nmetric mig\n"
                + "report json \"r.json\"\ngraph json \"g.json\"\ntable csv \"u.csv\"\n";
        Path script = script("seeded.vis", header("dsprites(size=16)") + body);
        ScriptRunner.run(script, folder.resolve("out-seed-a"), null, options());
        ScriptRunner.run(script, folder.resolve("out-seed-b"), null, options());
        for (String file : List.of("r.json", "g.json", "u.csv")) {
            assertArrayEquals(Files.readAllBytes(folder.resolve("out-seed-a").resolve(file)),
                    Files.readAllBytes(folder.resolve("out-seed-b").resolve(file)), file);
        }
        Path reseeded = script("reseeded.vis", header("dsprites(size=16)").replace("seed 5", "seed 6") + body);
        ScriptRunner.run(reseeded, folder.resolve("out-seed-c"), null, options());
        assertNotEquals(Files.readString(folder.resolve("out-seed-a/r.json")),
                Files.readString(folder.resolve("out-seed-c/r.json")).replace("\"seed\":6", "\"seed\":5"));
    }

    @Test
    void cancellingStopsTheRunBeforeTheNextStatement() throws IOException {
        Path script = script("cancel.vis", header("dsprites(size=16)")
                + "vary factor shape\nreport json \"first.json\"\nperturb latent all by 1\nreport json \"second.json\"\n");
        List<String> seen = new ArrayList<>();
        ProgressMonitor cancelAfterFirstReport = new ProgressMonitor() {
            @Override
            public void worked(int done, int total, String what) {
                seen.add(what);
            }

            @Override
            public boolean isCanceled() {
                return Files.exists(folder.resolve("out-cancel/first.json"));
            }
        };
        assertThrows(CancellationException.class,
                () -> ScriptRunner.run(script, folder.resolve("out-cancel"), cancelAfterFirstReport, options()));
        assertTrue(Files.exists(folder.resolve("out-cancel/first.json")));
        assertFalse(Files.exists(folder.resolve("out-cancel/second.json")));
        assertTrue(seen.get(0).startsWith("line 6: vary factor"), seen.toString());
        assertTrue(seen.stream().noneMatch(s -> s.contains("perturb")), seen.toString());
    }

    // ---- the environment and the command line -----------------------------------------------------

    @Test
    void theEnvironmentKnowsTheModelAndTheDatasetOnceTheModelFileExists() throws IOException {
        String text = header("causal(size=16)") + "ablate encoder.fc3 units 0..50\nvary factor colour\n";
        Path script = script("environment.vis", text);
        List<String> messages = ScriptCheck.check(script, folder.resolve("out-env"),
                ScriptEnvironments.forScript(script, folder.resolve("out-env"))).diagnostics().stream()
                .map(Diagnostic::message).toList();
        assertTrue(messages.contains("unknown hook point 'encoder.fc3'; did you mean 'encoder.fc1'?")
                || messages.stream().anyMatch(m -> m.startsWith("unknown hook point 'encoder.fc3'")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("unknown factor 'colour'")), messages.toString());

        Path noModel = script("no-model.vis", text.replace("models/vae-dsprites.vsm", "models/absent.vsm"));
        List<String> languageOnly = ScriptCheck.check(noModel, folder.resolve("out-env"),
                ScriptEnvironments.forScript(noModel, folder.resolve("out-env"))).diagnostics().stream()
                .map(Diagnostic::message).toList();
        assertTrue(languageOnly.stream().noneMatch(m -> m.contains("hook point")), languageOnly.toString());
        assertTrue(languageOnly.stream().anyMatch(m -> m.startsWith("unknown factor 'colour'")),
                "the causal factors are known from the generator: " + languageOnly);
    }

}
