package org.vaescope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.vaescope.core.data.Datasets;
import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.interpreter.run.ScriptRunOptions;
import org.vaescope.core.interpreter.ScriptRunResult;
import org.vaescope.script.ScriptLanguage;
import org.vaescope.script.parser.ScriptParser;
import org.vaescope.script.ast.Statement;
import org.vaescope.core.store.ModelFile;
import org.vaescope.core.progress.ProgressMonitor;
import org.vaescope.core.training.Trainer;
import org.vaescope.core.training.TrainingConfig;
import org.vaescope.core.training.TrainingListener;
import org.vaescope.core.training.TrainingResult;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.Variant;
import org.vaescope.core.vae.VariantConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code examples [--steps N] [--out DIR] [--dir EXAMPLES] [--quick]}: trains the example models that
 * are missing and runs every example script. A model named {@code models/VARIANT-DATASET.vsm}
 * ({@code vae-dsprites.vsm}, {@code factorvae-causal.vsm}, ...) is an MLP VAE (hidden layers 256, 256;
 * 10 latents) of that variant trained for N steps (default {@value #DEFAULT_STEPS}) with seed 1 on the
 * 32×32 built-in dataset. Outputs go to {@code DIR/NAME-out} (default: beside each script).
 */
@Command(name = "examples", description = "train the missing example models (examples/models/) and run every example")
final class ExamplesCommand implements Callable<Integer> {

    static final int DEFAULT_STEPS = 1000;
    private static final int IMAGE_SIDE = 32;
    private static final int LATENTS = 10;
    private static final long SEED = 1;

    @ParentCommand
    VaescopeCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--steps", defaultValue = "" + DEFAULT_STEPS, paramLabel = "N",
            description = "training steps of a missing model (default " + DEFAULT_STEPS + ")")
    long stepsOption;

    @Option(names = "--out", paramLabel = "DIR", description = "put each script's outputs in DIR/NAME-out")
    Path outOption;

    @Option(names = "--dir", paramLabel = "EXAMPLES", description = "the examples folder (default: examples/ here or above)")
    Path dir;

    @Option(names = "--quick", description = "cap every sample and step count of the scripts")
    boolean quick;

    @Override
    public Integer call() throws IOException {
        PrintStream out = cli.out();
        PrintStream err = cli.err();
        int steps = Counts.positive(spec, "--steps", stepsOption, Counts.MAX_STEPS);
        Path folder = dir == null ? findExamples() : dir;
        List<Path> scripts = scripts(folder);
        if (scripts.isEmpty()) {
            err.println(folder + ": no " + ScriptLanguage.FILE_EXTENSION + " scripts here — give the examples folder with --dir");
            return VaescopeCli.FAILED;
        }
        for (Path model : models(folder, scripts)) {
            if (!Files.isRegularFile(model)) {
                train(model, steps, out);
            }
        }
        int failures = 0;
        List<String> timings = new ArrayList<>();
        for (Path script : scripts) {
            String name = script.getFileName().toString().replaceFirst("\\.vis$", "");
            Path output = outOption == null ? null : outOption.resolve(name + "-out");
            out.println("== " + script.getFileName());
            long start = System.nanoTime();
            ScriptRunResult result = RunCommand.runScript(script, output, ScriptRunOptions.defaults().withQuick(quick),
                    out);
            int code = RunCommand.report(result, out, err);
            double seconds = (System.nanoTime() - start) / 1e9;
            failures += code == 0 ? 0 : 1;
            timings.add(String.format(Locale.ROOT, "  %-28s %-10s %7.1f s", script.getFileName(),
                    result.status().name().toLowerCase(Locale.ROOT), seconds));
        }
        out.println();
        out.println("examples:");
        timings.forEach(out::println);
        return failures == 0 ? VaescopeCli.OK : VaescopeCli.FAILED;
    }

    /** The examples folder: {@code examples/} in the working directory or one of its parents. */
    Path findExamples() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("examples");
            if (Files.isDirectory(candidate) && !scriptsOrEmpty(candidate).isEmpty()) {
                return candidate;
            }
        }
        throw new ParameterException(spec.commandLine(), "no examples folder with " + ScriptLanguage.FILE_EXTENSION
                + " scripts here or above; give it with --dir");
    }

    private static List<Path> scriptsOrEmpty(Path folder) {
        try {
            return scripts(folder);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<Path> scripts(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(ScriptLanguage.FILE_EXTENSION)).sorted().toList();
        }
    }

    /** The model files the scripts name, resolved in the examples folder. */
    private static Set<Path> models(Path folder, List<Path> scripts) throws IOException {
        Set<Path> models = new LinkedHashSet<>();
        for (Path script : scripts) {
            for (Statement.Model m : ScriptParser.parse(Files.readString(script)).script().models()) {
                models.add(folder.resolve(m.path().value()).normalize());
            }
        }
        return models;
    }

    /** Trains {@code VARIANT-DATASET.vsm} as the class comment describes. */
    static void train(Path file, int steps, PrintStream out) throws IOException {
        String name = file.getFileName().toString().replaceFirst("\\.vsm$", "");
        int dash = name.lastIndexOf('-');
        if (dash <= 0 || !Datasets.GENERATORS.contains(name.substring(dash + 1))) {
            throw new IllegalArgumentException("no recipe for example model '" + file.getFileName()
                    + "': name it VARIANT-DATASET.vsm with DATASET one of " + Datasets.GENERATORS);
        }
        Variant variant = Variant.parse(name.substring(0, dash));
        String datasetName = name.substring(dash + 1);
        FactorDataset dataset = Datasets.create(datasetName, Map.of("size", Integer.toString(IMAGE_SIDE)));
        VariantConfig config = VariantConfig.of(variant);
        if (variant == Variant.FACTOR_VAE) {
            // a smaller discriminator than the paper's 6 x 1000 keeps the example training to a minute
            config = config.with("discriminatorLayers", 3).with("discriminatorUnits", 256);
        }
        TrainingConfig training = TrainingConfig.builder(config)
                .architecture(Architecture.mlp(dataset.channels(), IMAGE_SIDE, IMAGE_SIDE, LATENTS,
                        Architecture.MLP_WIDTHS))
                .steps(steps).batchSize(64).learningRate(1e-3).seed(SEED).progressEvery(Math.max(1, steps / 10)).build();
        out.printf(Locale.ROOT, "training %s: %s on %s(size=%d), MLP, %d steps, seed %d%n", file.getFileName(),
                variant.displayName(), datasetName, IMAGE_SIDE, steps, SEED);
        long start = System.nanoTime();
        TrainingResult result = Trainer.train(training, dataset, new TrainingListener() {
            @Override
            public void progress(org.vaescope.core.training.TrainingProgress progress) {
                out.printf(Locale.ROOT, "  step %d/%d: loss %.2f (%.0f steps/s)%n", progress.step(),
                        progress.totalSteps(), progress.losses().getOrDefault("loss", Double.NaN),
                        progress.stepsPerSecond());
            }
        }, ProgressMonitor.NONE);
        Files.createDirectories(file.toAbsolutePath().getParent());
        ModelFile.save(file, result.model(), result.metadata());
        out.printf(Locale.ROOT, "  saved %s (%.1f s)%n", file, (System.nanoTime() - start) / 1e9);
    }
}
