package org.vaescope.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.vaescope.metrics.CodesAndFactors;
import org.vaescope.metrics.DisentanglementSuite;
import org.vaescope.metrics.FactorDiscretizer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code metrics --codes FILE --factors FILE [--seed S] [--train N --test M] [--out FILE]}: scores
 * any model's codes (N×d) against their factors (N×k) with the array-based disentanglement metrics.
 * Factor columns with more than 20 distinct values are binned into 20 classes.
 */
@Command(name = "metrics", description = "disentanglement metrics of codes (N×d) against factors (N×k) from .npy, .npz[:KEY] or .csv")
final class MetricsCommand implements Callable<Integer> {

    @ParentCommand
    VaescopeCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--codes", required = true, paramLabel = "FILE", description = "the codes, N×d")
    String codesFile;

    @Option(names = "--factors", required = true, paramLabel = "FILE", description = "the factors, N×k")
    String factorsFile;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "random seed (default 0)")
    long seed;

    @Option(names = "--train", paramLabel = "N", description = "training samples of the metrics (default 10000)")
    Long train;

    @Option(names = "--test", paramLabel = "M", description = "test samples of the metrics (default 5000)")
    Long test;

    @Option(names = "--out", paramLabel = "FILE.json", description = "write the JSON here instead of printing it")
    Path target;

    @Override
    public Integer call() throws IOException {
        DisentanglementSuite.Config config = DisentanglementSuite.Config.defaults();
        if (train != null || test != null) {
            config = DisentanglementSuite.Config.withSampleCounts(
                    Counts.positive(spec, "--train", train == null ? 10_000 : train, Counts.MAX_SAMPLES),
                    Counts.positive(spec, "--test", test == null ? 5_000 : test, Counts.MAX_SAMPLES));
        }
        if (target != null) {
            OutputChecks.requireWritableFile(target);
        }
        double[][] codes = MatrixFiles.read(codesFile);
        double[][] factorValues = MatrixFiles.read(factorsFile);
        if (codes.length != factorValues.length) {
            throw new InputException(factorsFile + ": has " + factorValues.length + " rows but the codes "
                    + codesFile + " have " + codes.length + " — give one factor row per code row");
        }
        int[][] factors = FactorDiscretizer.toClasses(factorValues, FactorDiscretizer.DEFAULT_BINS);
        String json = DisentanglementSuite.runOnArrays(new CodesAndFactors(codes, factors), config, seed).toJson();
        if (target == null) {
            cli.out().println(json);
        } else {
            Files.writeString(target, json + System.lineSeparator());
            cli.out().println("metrics written to " + target);
        }
        return VaescopeCli.OK;
    }
}
