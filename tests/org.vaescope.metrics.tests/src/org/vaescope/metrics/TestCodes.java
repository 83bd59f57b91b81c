package org.vaescope.metrics;

import java.util.SplittableRandom;

/** Synthetic codes with known structure for the metric tests. */
final class TestCodes {

    private TestCodes() {
    }

    /** Every combination of classes of {@code sizes}, {@code repeats} times (a full factorial design). */
    static int[][] grid(int[] sizes, int repeats) {
        int combinations = 1;
        for (int s : sizes) combinations *= s;
        int[][] rows = new int[combinations * repeats][sizes.length];
        for (int r = 0; r < repeats; r++) {
            for (int c = 0; c < combinations; c++) {
                int rest = c;
                for (int k = sizes.length - 1; k >= 0; k--) {
                    rows[r * combinations + c][k] = rest % sizes[k];
                    rest /= sizes[k];
                }
            }
        }
        return rows;
    }

    /** {@code n} uniform independent factor vectors. */
    static int[][] uniformFactors(int[] sizes, int n, SplittableRandom rng) {
        int[][] f = new int[n][sizes.length];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < sizes.length; k++) f[i][k] = rng.nextInt(sizes[k]);
        }
        return f;
    }

    /** Code k = class index of factor k + N(0, noise²). */
    static double[][] identity(int[][] factors, double noise, SplittableRandom rng) {
        double[][] z = new double[factors.length][factors[0].length];
        for (int i = 0; i < factors.length; i++) {
            for (int k = 0; k < factors[0].length; k++) z[i][k] = factors[i][k] + noise * rng.nextGaussian();
        }
        return z;
    }

    /**
     * Three factors scaled to [0, 1], then rotated by 45° in the (0, 1) plane and by 45° in the
     * (1, 2) plane: every code mixes at least two factors.
     */
    static double[][] rotated(int[][] factors, int[] sizes, double noise, SplittableRandom rng) {
        double c = Math.sqrt(0.5);
        double[][] first = {{c, -c, 0}, {c, c, 0}, {0, 0, 1}};
        double[][] second = {{1, 0, 0}, {0, c, -c}, {0, c, c}};
        double[][] m = multiply(second, first);
        double[][] z = new double[factors.length][3];
        for (int i = 0; i < factors.length; i++) {
            double[] u = new double[3];
            for (int k = 0; k < 3; k++) u[k] = (double) factors[i][k] / (sizes[k] - 1);
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) z[i][j] += m[j][k] * u[k];
                z[i][j] += noise * rng.nextGaussian();
            }
        }
        return z;
    }

    /** Standard normal codes, independent of everything. */
    static double[][] noise(int n, int d, SplittableRandom rng) {
        double[][] z = new double[n][d];
        for (double[] row : z) {
            for (int j = 0; j < d; j++) row[j] = rng.nextGaussian();
        }
        return z;
    }

    /** The rows of {@code codes} in a random order (destroys their link to the factors). */
    static double[][] shuffledRows(double[][] codes, SplittableRandom rng) {
        double[][] s = codes.clone();
        for (int i = s.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            double[] t = s[i];
            s[i] = s[j];
            s[j] = t;
        }
        return s;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b[0].length; j++) {
                for (int k = 0; k < b.length; k++) c[i][j] += a[i][k] * b[k][j];
            }
        }
        return c;
    }
}
