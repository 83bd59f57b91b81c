package org.vaescope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.vaescope.metrics.CodesAndFactors;
import org.vaescope.metrics.DisentanglementSuite;
import org.vaescope.metrics.FactorDiscretizer;
import org.vaescope.metrics.Metrics;

/**
 * {@code metrics --codes FILE --factors FILE [--seed S] [--train N --test M] [--bin-factors B]
 * [--out FILE]}: scores any model's codes (N×d) against their factors (N×k) with every metric of
 * {@link Metrics#ALL} that accepts arrays. Factors are used as given, as disentanglement_lib does:
 * each column must hold whole numbers (class labels). {@code --bin-factors B} instead discretises
 * every column into B equal-width bins (for continuous factors); the output says so.
 */
final class MetricsCommand {

    private static final Set<String> OPTIONS = Set.of("codes", "factors", "seed", "train", "test", "bin-factors",
            "out");

    private MetricsCommand() {
    }

    static int run(String[] argv, PrintStream out) throws IOException, Args.UsageException {
        Args args = Args.parse(argv, OPTIONS);
        double[][] codes = MatrixFiles.read(args.required("codes"));
        double[][] factorValues = MatrixFiles.read(args.required("factors"));
        if (codes.length != factorValues.length) {
            throw new IOException("codes have " + codes.length + " rows but factors have " + factorValues.length);
        }
        String factorFile = args.required("factors");
        long bins = args.longOption("bin-factors", 0);
        int[][] factors = bins > 0 ? binned(factorValues, (int) bins, out) : classes(factorValues, factorFile);
        DisentanglementSuite.Config config = DisentanglementSuite.Config.defaults();
        if (args.option("train", null) != null || args.option("test", null) != null) {
            config = DisentanglementSuite.Config.withSampleCounts((int) args.longOption("train", 10_000),
                    (int) args.longOption("test", 5_000));
        }
        String json = DisentanglementSuite.runOnArrays(new CodesAndFactors(codes, factors), config,
                args.longOption("seed", 0)).toJson();
        String target = args.option("out", null);
        if (target == null) {
            out.println(json);
        } else {
            Files.writeString(Path.of(target), json + System.lineSeparator());
            out.println("metrics written to " + target);
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
    private static int[][] classes(double[][] values, String file) throws IOException {
        int[][] classes = new int[values.length][];
        for (int i = 0; i < values.length; i++) {
            classes[i] = new int[values[i].length];
            for (int j = 0; j < values[i].length; j++) {
                double v = values[i][j];
                if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                    throw new IOException(file + ": row " + (i + 1) + ", column " + (j + 1) + " (1-based) is " + v
                            + "; factors must be class labels (whole numbers), or pass --bin-factors B to "
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
