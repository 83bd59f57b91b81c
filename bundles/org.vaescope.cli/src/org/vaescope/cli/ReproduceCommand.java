package org.vaescope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.vaescope.core.analysis.AnalysisSettings;
import org.vaescope.core.analysis.BootstrapSettings;
import org.vaescope.core.data.DSpritesDataset;
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
 * {@code reproduce [--steps N] [--seeds 1,2,3] [--size 32] [--samples N] [--out FILE.md]}: the paper's
 * comparison of VAE, beta-VAE and FactorVAE on dSprites, scaled to 2 CPU cores, written as Markdown.
 */
@Command(name = "reproduce", description = "train and analyse VAE, beta-VAE and FactorVAE on dSprites; write the table")
final class ReproduceCommand implements Callable<Integer> {

    @ParentCommand
    VaescopeCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--steps", defaultValue = "1500", paramLabel = "N", description = "training steps per model")
    long stepsOption;

    @Option(names = "--seeds", defaultValue = "1,2,3", split = ",", paramLabel = "S,S", description = "training seeds")
    List<Long> seeds;

    @Option(names = "--size", defaultValue = "32", paramLabel = "PIXELS", description = "image side of dSprites")
    long sizeOption;

    @Option(names = "--samples", defaultValue = "100", paramLabel = "N", description = "analysis samples")
    long samplesOption;

    @Option(names = "--out", defaultValue = "docs/results.md", paramLabel = "FILE.md", description = "the results document")
    Path target;

    @Override
    public Integer call() throws IOException {
        PrintStream out = cli.out();
        int steps = Counts.positive(spec, "--steps", stepsOption, Counts.MAX_STEPS);
        int size = Counts.positive(spec, "--size", sizeOption, Counts.MAX_IMAGE_SIDE);
        int samples = Counts.positive(spec, "--samples", samplesOption, Counts.MAX_SAMPLES / 10);
        OutputChecks.requireWritableFile(target);
        Architecture architecture = Architecture.mlp(1, size, size, 10, 256, 256);
        ModelAnalysis.Settings analysis = new ModelAnalysis.Settings(samples, samples, 1, 10 * samples, 5 * samples,
                List.of(), ReadoutSettings.defaults(0), AnalysisSettings.defaults(), BootstrapSettings.defaults(0), 64,
                0);
        Reproduction.Settings settings = new Reproduction.Settings(architecture, steps, 64, 1e-3, seeds, analysis);
        out.printf(Locale.ROOT, "reproducing on dSprites %dx%d: %d variants x %d seeds, %d steps each%n", size, size,
                Reproduction.VARIANTS.size(), seeds.size(), steps);
        long start = System.nanoTime();
        List<Reproduction.Run> runs = Reproduction.run(new DSpritesDataset(size), settings, out, null);
        double minutes = (System.nanoTime() - start) / 6e10;
        String command = "./vaescope " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
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

}
