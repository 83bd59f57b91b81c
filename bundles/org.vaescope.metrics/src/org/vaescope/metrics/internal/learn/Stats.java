package org.vaescope.metrics.internal.learn;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Small numerical helpers shared by the metric implementations. */
public final class Stats {

    private Stats() {
    }

    /** Index of the largest value (the first one on ties). */
    public static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) best = i;
        }
        return best;
    }

    /** Arithmetic mean (NaN for an empty array). */
    public static double mean(double[] x) {
        double s = 0.0;
        for (double v : x) s += v;
        return s / x.length;
    }

    /** Variance with {@code ddof} delta degrees of freedom (numpy {@code np.var(x, ddof=...)}). */
    public static double variance(double[] x, int ddof) {
        double m = mean(x);
        double s = 0.0;
        for (double v : x) s += (v - m) * (v - m);
        return s / (x.length - ddof);
    }

    /** Percentile with numpy's default linear interpolation; {@code q} in [0, 100]. */
    public static double percentile(double[] x, double q) {
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        double position = q / 100.0 * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        double fraction = position - below;
        return sorted[below] + (sorted[above] - sorted[below]) * fraction;
    }

    /** Column {@code j} of a row-major matrix. */
    public static double[] column(double[][] rows, int j) {
        double[] c = new double[rows.length];
        for (int i = 0; i < rows.length; i++) c[i] = rows[i][j];
        return c;
    }

    /** Column {@code j} of a row-major integer matrix. */
    public static int[] column(int[][] rows, int j) {
        int[] c = new int[rows.length];
        for (int i = 0; i < rows.length; i++) c[i] = rows[i][j];
        return c;
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher–Yates). */
    public static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Fraction of positions where {@code predicted[i] == actual[i]}. */
    public static double accuracy(int[] predicted, int[] actual) {
        int hits = 0;
        for (int i = 0; i < actual.length; i++) {
            if (predicted[i] == actual[i]) hits++;
        }
        return (double) hits / actual.length;
    }

    /**
     * Area under the ROC curve of {@code scores} for the positives marked in {@code positive}
     * (Mann–Whitney statistic, ties counted one half). NaN when either class is absent.
     */
    public static double rocAuc(double[] scores, boolean[] positive) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double positiveRankSum = 0.0;
        long numPositive = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) j++;
            double averageRank = (i + j) / 2.0 + 1.0;
            for (int t = i; t <= j; t++) {
                if (positive[order[t]]) {
                    positiveRankSum += averageRank;
                    numPositive++;
                }
            }
            i = j + 1;
        }
        long numNegative = n - numPositive;
        if (numPositive == 0 || numNegative == 0) {
            return Double.NaN;
        }
        return (positiveRankSum - numPositive * (numPositive + 1) / 2.0) / ((double) numPositive * numNegative);
    }

    /**
     * Solves {@code A x = b} for a symmetric positive definite {@code A} by Cholesky
     * decomposition ({@code A} and {@code b} are not modified).
     */
    public static double[] solveSpd(double[][] a, double[] b) {
        int p = b.length;
        double[][] l = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) s -= l[i][k] * l[j][k];
                if (i == j) {
                    if (s <= 0) {
                        throw new ArithmeticException("matrix is not positive definite");
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        double[] y = new double[p];
        for (int i = 0; i < p; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) s -= l[i][k] * y[k];
            y[i] = s / l[i][i];
        }
        double[] x = new double[p];
        for (int i = p - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < p; k++) s -= l[k][i] * x[k];
            x[i] = s / l[i][i];
        }
        return x;
    }
}
