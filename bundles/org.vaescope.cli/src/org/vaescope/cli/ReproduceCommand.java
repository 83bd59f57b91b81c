package org.vaescope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.vaescope.core.analysis.AnalysisSettings;
import org.vaescope.core.analysis.BootstrapSettings;
import org.vaescope.core.pipeline.ModelAnalysis;
import org.vaescope.core.pipeline.Reproduction;
import org.vaescope.core.readout.ReadoutSettings;
import org.vaescope.core.vae.Architecture;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code reproduce [--steps N] [--max-steps N] [--seeds 1,2,3] [--size 32] [--samples N] [--modularity-repeats R]
 * [--lr L] [--curve-every N] [--runs DIR] [--train yes|no] [--out FILE.md]}: the paper's comparison of VAE,
 * beta-VAE and FactorVAE on dSprites with the negative and positive controls, scaled to 2 CPU cores, one
 * JSON per run in {@code DIR} (resumable), the summary written as Markdown. {@code --train no} only tabulates the runs
 * already in {@code DIR}.
 */
@Command(name = "reproduce", description = "train and analyse VAE, beta-VAE and FactorVAE on dSprites (and the v3 "
        + "variants beta-TC-VAE, DIP-VAE-II, VQ-VAE for three seeds; every variant on the causal dataset for the "
        + "first seed); write the table")
final class ReproduceCommand implements Callable<Integer> {

    @ParentCommand
    VaescopeCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--steps", defaultValue = "1500", paramLabel = "N", description = "training steps per model")
    long stepsOption;

    @Option(names = "--max-steps", paramLabel = "N", description = "train a model whose MIG curve has not settled "
            + "after --steps on, up to N steps, until it settles (default: --steps, no more)")
    Long maxStepsOption;

    @Option(names = "--seeds", defaultValue = "1,2,3", split = ",", paramLabel = "S,S", description = "training seeds")
    List<Long> seeds;

    @Option(names = "--size", defaultValue = "32", paramLabel = "PIXELS", description = "image side of dSprites")
    long sizeOption;

    @Option(names = "--samples", defaultValue = "100", paramLabel = "N", description = "analysis samples")
    long samplesOption;

    @Option(names = "--modularity-repeats", defaultValue = "0", paramLabel = "R", description = "repeat each model's "
            + "circuit search R more times (at least 2) to give its circuit modularity an interval (default 0)")
    long modularityRepeatsOption;

    @Option(names = "--out", defaultValue = "docs/results.md", paramLabel = "FILE.md", description = "the results document")
    Path target;

    @Option(names = "--runs", defaultValue = "docs/reproduction", paramLabel = "DIR",
            description = "one JSON per run, read back to resume")
    Path runDirectory;

    @Option(names = "--lr", defaultValue = "1e-3", paramLabel = "L", description = "learning rate of every model")
    double learningRate;

    @Option(names = "--curve-every", paramLabel = "N", description = "steps between MIG-curve points (default steps/4)")
    Long curveEveryOption;

    @Option(names = "--train", defaultValue = "yes", paramLabel = "yes|no|only|analyse",
            description = "no: only tabulate the runs already in --runs; only: train the models, analyse none; "
                    + "analyse: analyse the models trained so far, train none")
    String trainOption;

    @Option(names = "--only", split = ",", paramLabel = "DATASET:VARIANT",
            description = "train or analyse only these jobs, e.g. dsprites:betavae,causal:betavae (a second process "
                    + "on the same --runs takes the jobs the first has not claimed)")
    List<String> onlyOption = List.of();

    @Option(names = "--architecture", defaultValue = "conv", paramLabel = "conv|mlp",
            description = "the spec's convolutional VAE (default), or an MLP of --hidden widths. An MLP learns "
                    + "a folded code for position on dSprites (MIG stays near 0.02), the convolutional one an "
                    + "axis-aligned one")
    String architectureOption;

    @Option(names = "--hidden", defaultValue = "256,256", split = ",", paramLabel = "W,W",
            description = "hidden layer widths of the MLP encoder (the decoder mirrors them)")
    List<Integer> hidden;

    /**
     * Read-outs for the reproduction: unpooled 32×32 images, a wider hidden layer and more images
     * than the interactive default, which pools to 16×16 and cannot see orientation there.
     */
    private static final ReadoutSettings READOUTS = new ReadoutSettings(10_000, 2_000, 256, 15, 64, 3e-3, 32, 0);

    @Override
    public Integer call() throws IOException {
        PrintStream out = cli.out();
        int steps = Counts.positive(spec, "--steps", stepsOption, Counts.MAX_STEPS);
        int maxSteps = Counts.positive(spec, "--max-steps", maxStepsOption == null ? steps : maxStepsOption,
                Counts.MAX_STEPS);
        if (maxSteps < steps) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "option --max-steps cannot be below --steps (" + steps + "), got " + maxSteps);
        }
        int size = Counts.positive(spec, "--size", sizeOption, Counts.MAX_IMAGE_SIDE);
        int samples = Counts.positive(spec, "--samples", samplesOption, Counts.MAX_SAMPLES / 10);
        int curveEvery = Counts.positive(spec, "--curve-every", curveEveryOption == null ? Math.max(1, steps / 4)
                : curveEveryOption, Counts.MAX_STEPS);
        if (!(learningRate > 0 && Double.isFinite(learningRate))) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "option --lr needs a positive finite number, got " + learningRate);
        }
        if (!List.of("yes", "no", "only", "analyse").contains(trainOption)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "option --train takes yes, no, only or analyse, got " + trainOption);
        }
        for (long width : hidden) {
            Counts.positive(spec, "--hidden", width, Counts.MAX_IMAGE_SIDE * Counts.MAX_IMAGE_SIDE);
        }
        if (!List.of("conv", "mlp").contains(architectureOption)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "option --architecture takes conv or mlp, got " + architectureOption);
        }
        if (architectureOption.equals("conv") && size % 16 != 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "the convolutional VAE halves the image four times: --size must be a multiple of 16, got " + size);
        }
        int modularityRepeats = Counts.modularityRepeats(spec, modularityRepeatsOption);
        OutputChecks.requireWritableFile(target);
        Architecture architecture = architecture(size);
        ModelAnalysis.Settings analysis = new ModelAnalysis.Settings(samples, samples, 1, 10 * samples, 5 * samples,
                List.of(), READOUTS, AnalysisSettings.defaults(), BootstrapSettings.defaults(0), 64,
                0, modularityRepeats);
        Reproduction.Settings settings = new Reproduction.Settings(architecture, steps, maxSteps, 64, learningRate, seeds,
                analysis, size, runDirectory, curveEvery, 2_000, Set.copyOf(onlyOption));
        List<String> kinds = Reproduction.plan(seeds).stream().map(Reproduction.Job::kind).distinct().toList();
        for (String only : onlyOption) {
            if (!kinds.contains(only)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "option --only takes jobs among " + kinds + ", got " + only);
            }
        }
        out.printf(Locale.ROOT, "reproducing at %dx%d: %d models, %d steps each%s, runs in %s%n", size, size,
                Reproduction.jobs(settings).size(), steps, maxSteps == steps ? ""
                        : String.format(Locale.ROOT, " (up to %d until MIG settles)", maxSteps),
                runDirectory);
        long start = System.nanoTime();
        if (trainOption.equals("only")) {
            Reproduction.trainOnly(settings, out, null);
            return VaescopeCli.OK;
        }
        List<Reproduction.Run> runs = trainOption.equals("no") ? Reproduction.collect(settings)
                : Reproduction.run(settings, trainOption.equals("analyse"), out, null);
        double minutes = (System.nanoTime() - start) / 6e10;
        String command = "./vaescope " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        String markdown = ResultsDocument.render(command.strip(), settings, runs, minutes);
        Files.createDirectories(target.toAbsolutePath().getParent());
        String previous = Files.exists(target) ? Files.readString(target) : null;
        Files.writeString(target, ResultsDocument.keepingHandWritten(markdown, previous));
        out.print(Reproduction.table(runs));
        Map<String, Boolean> ordering = Reproduction.orderingHolds(runs);
        if (ordering.isEmpty()) {
            out.println("paper's ordering: not testable, not every variant finished");
        }
        for (Map.Entry<String, Boolean> holds : ordering.entrySet()) {
            out.printf("paper's ordering by %s: %s%n", holds.getKey(), holds.getValue() ? "holds" : "does not hold");
        }
        out.println("written to " + target);
        return VaescopeCli.OK;
    }

    private Architecture architecture(int size) {
        return architectureOption.equals("conv") ? Architecture.conv(1, size, size, 10)
                : Architecture.mlp(1, size, size, 10, hidden.stream().mapToInt(Integer::intValue).toArray());
    }
}
