package org.vaescope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.vaescope.core.analysis.AnalysisSettings;
import org.vaescope.core.analysis.BootstrapSettings;
import org.vaescope.core.pipeline.ModelAnalysis;
import org.vaescope.core.pipeline.Reproduction;
import org.vaescope.core.readout.ReadoutSettings;
import org.vaescope.core.vae.Architecture;

/**
 * {@code reproduce [--steps N] [--seeds 1,2,3] [--size 32] [--samples N] [--lr L] [--curve-every N]
 * [--runs DIR] [--train yes|no] [--out FILE.md]}: the paper's comparison of VAE, beta-VAE and FactorVAE
 * on dSprites with the negative and positive controls, scaled to 2 CPU cores, one JSON per run in
 * {@code DIR} (resumable), the summary written as Markdown. {@code --train no} only tabulates the runs
 * already in {@code DIR}.
 */
final class ReproduceCommand {

    private static final Set<String> OPTIONS = Set.of("steps", "seeds", "size", "samples", "out", "lr", "curve-every",
            "runs", "train");

    private ReproduceCommand() {
    }

    static int run(String[] argv, PrintStream out) throws IOException, Args.UsageException {
        Args args = Args.parse(argv, OPTIONS);
        int steps = (int) args.longOption("steps", 1500);
        int size = (int) args.longOption("size", 32);
        int samples = (int) args.longOption("samples", 100);
        List<Long> seeds = parseSeeds(args.option("seeds", "1,2,3"));
        Path target = Path.of(args.option("out", "docs/results.md"));
        Path runDirectory = Path.of(args.option("runs", "docs/reproduction"));
        double learningRate = args.doubleOption("lr", 1e-3);
        int curveEvery = (int) args.longOption("curve-every", Math.max(1, steps / 4));
        boolean train = !args.option("train", "yes").equals("no");
        Architecture architecture = Architecture.mlp(1, size, size, 10, 256, 256);
        ModelAnalysis.Settings analysis = new ModelAnalysis.Settings(samples, samples, 1, 10 * samples, 5 * samples,
                List.of(), ReadoutSettings.defaults(0), AnalysisSettings.defaults(), BootstrapSettings.defaults(0), 64,
                0);
        Reproduction.Settings settings = new Reproduction.Settings(architecture, steps, 64, learningRate, seeds,
                analysis, size, runDirectory, curveEvery, 2_000);
        out.printf(Locale.ROOT, "reproducing at %dx%d: %d models, %d steps each, runs in %s%n", size, size,
                Reproduction.plan(seeds).size(), steps, runDirectory);
        long start = System.nanoTime();
        List<Reproduction.Run> runs = train ? Reproduction.run(settings, out, null) : Reproduction.collect(settings);
        double minutes = (System.nanoTime() - start) / 6e10;
        String command = "./vaescope reproduce " + String.join(" ", argv);
        String markdown = ResultsDocument.render(command.strip(), settings, size, runs, minutes);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.writeString(target, markdown);
        out.print(Reproduction.table(runs));
        for (Map.Entry<String, Boolean> holds : Reproduction.orderingHolds(runs).entrySet()) {
            out.printf("paper's ordering by %s: %s%n", holds.getKey(), holds.getValue() ? "holds" : "does not hold");
        }
        out.println("written to " + target);
        return VaescopeCli.OK;
    }

    private static List<Long> parseSeeds(String text) throws Args.UsageException {
        try {
            return Arrays.stream(text.split(",")).map(String::trim).map(Long::parseLong).toList();
        } catch (NumberFormatException e) {
            throw new Args.UsageException("--seeds needs comma-separated whole numbers, got '" + text + "'");
        }
    }
}
