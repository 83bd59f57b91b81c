package org.vaescope.core.metrics;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Command-line entry for the array metrics:
 * {@code MetricsMain CODES.csv FACTORS.csv [SEED]} prints the JSON of
 * {@link DisentanglementSuite#runOnArrays} with default settings. Factor values are converted to
 * classes with {@link FactorDiscretizer#toClasses(double[][], int)} (20 bins).
 */
public final class MetricsMain {

    private MetricsMain() {
    }

    /** Runs the array metrics with default settings and returns their JSON. */
    public static String runOnArrays(double[][] codes, int[][] factors, long seed) {
        return DisentanglementSuite.runOnArrays(new CodesAndFactors(codes, factors),
                DisentanglementSuite.Config.defaults(), seed).toJson();
    }

    /** Reads codes and factors from CSV files and prints the metrics as JSON. */
    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: MetricsMain CODES.csv FACTORS.csv [SEED]");
            System.exit(2);
        }
        double[][] codes = CodesCsv.read(Path.of(args[0])).values();
        int[][] factors = FactorDiscretizer.toClasses(CodesCsv.read(Path.of(args[1])).values(),
                FactorDiscretizer.DEFAULT_BINS);
        long seed = args.length == 3 ? Long.parseLong(args[2]) : 0L;
        System.out.println(runOnArrays(codes, factors, seed));
    }
}
