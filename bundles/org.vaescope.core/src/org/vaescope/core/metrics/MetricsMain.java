package org.vaescope.core.metrics;

/**
 * The array metrics in one call, with default settings, as JSON (the command line's
 * {@code vaescope metrics} reads the arrays from files and adds options).
 */
public final class MetricsMain {

    private MetricsMain() {
    }

    /** Runs the array metrics with default settings and returns their JSON. */
    public static String runOnArrays(double[][] codes, int[][] factors, long seed) {
        return DisentanglementSuite.runOnArrays(new CodesAndFactors(codes, factors),
                DisentanglementSuite.Config.defaults(), seed).toJson();
    }
}
