package org.vaescope.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.vaescope.metrics.CodesAndFactors;
import org.vaescope.metrics.DisentanglementSuite;
import org.vaescope.metrics.FactorDiscretizer;
import org.vaescope.metrics.Metrics;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code metrics --codes FILE --factors FILE [--seed S] [--train N --test M] [--bin-factors B]
 * [--out FILE]}: scores any model's codes (N×d) against their factors (N×k) with every metric of
 * {@link Metrics#ALL} that accepts arrays. Factors are used as given, as disentanglement_lib does:
 * each column must hold whole numbers (class labels). {@code --bin-factors B} instead discretises
 * every column into B equal-width bins (for continuous factors); the output says so.
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

    @Option(names = "--bin-factors", paramLabel = "B",
            description = "discretise every factor column into B equal-width bins (for continuous factors); "
                    + "by default factors are used as given and must be class labels")
    Long bins;

    @Option(names = "--exact-splits", description = "DCI's boosted trees try every split point, as scikit-learn"
            + " does (about 6.5 times slower at the default sizes); by default each feature offers at most 128"
            + " candidate thresholds, which moved DCI by up to 0.043 from scikit-learn's on the golden cases")
    boolean exactSplits;

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
        if (exactSplits) {
            config = config.withExactSplitSearch();
        }
        if (target != null) {
            OutputChecks.requireWritableFile(target);
        }
        MatrixFiles.Matrix codes = MatrixFiles.read(codesFile);
        MatrixFiles.Matrix factorValues = MatrixFiles.read(factorsFile);
        if (codes.rows() != factorValues.rows()) {
            throw new InputException(factorsFile + ": has " + factorValues.rows() + " rows but the codes "
                    + codesFile + " have " + codes.rows() + " — give one factor row per code row");
        }
        int[][] factors = bins != null ? binned(factorValues.values(), Counts.positive(spec, "--bin-factors", bins, 10_000),
                cli.out()) : classes(factorValues);
        CodesAndFactors data = new CodesAndFactors(codes.values(), factors);
        if (data.constantFactors().length == data.numFactors()) {
            // constant factors are left out and listed in the output; with no other there is nothing to score
            throw new InputException(factorsFile + ": every factor column holds a single value in all " + data.size()
                    + " rows — the metrics need at least one factor that varies");
        }
        String json = DisentanglementSuite.runOnArrays(data, config, seed).toJson();
        if (target == null) {
            cli.out().println(json);
        } else {
            Files.writeString(target, json + System.lineSeparator());
            cli.out().println("metrics written to " + target);
        }
        return VaescopeCli.OK;
    }

    private static int[][] binned(double[][] values, int bins, PrintStream out) {
        out.println("factors discretised into " + bins + " equal-width bins per column (--bin-factors)");
        int[][] classes = new int[values.length][];
        for (int j = 0; j < values[0].length; j++) {
            int[] column = FactorDiscretizer.histogram(column(values, j), bins);
            for (int i = 0; i < values.length; i++) {
                if (classes[i] == null) classes[i] = new int[values[0].length];
                classes[i][j] = column[i];
            }
        }
        return classes;
    }

    /** The factor values as class labels; a non-integer value is an error naming its place. */
    private static int[][] classes(MatrixFiles.Matrix factors) throws IOException {
        double[][] values = factors.values();
        int[][] classes = new int[values.length][];
        for (int i = 0; i < values.length; i++) {
            classes[i] = new int[values[i].length];
            for (int j = 0; j < values[i].length; j++) {
                double v = values[i][j];
                if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                    throw new IOException(factors.place(i, j) + " is " + v
                            + " — factors must be class labels (whole numbers); pass --bin-factors B to "
                            + "discretise continuous factors into B bins");
                }
                classes[i][j] = (int) v;
            }
        }
        return classes;
    }

    private static double[] column(double[][] values, int j) {
        double[] column = new double[values.length];
        for (int i = 0; i < values.length; i++) column[i] = values[i][j];
        return column;
    }
}
