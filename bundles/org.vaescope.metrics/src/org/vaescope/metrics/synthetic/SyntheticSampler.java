package org.vaescope.metrics.synthetic;

import java.util.SplittableRandom;

import org.vaescope.metrics.RepresentationSampler;

/**
 * A synthetic {@link RepresentationSampler} for tests and benchmarks: factors are uniform and
 * independent; the code is {@code z = M u + σ ε} with {@code u_k = class_k / (size_k − 1)} (in
 * [0, 1]), a fixed mixing matrix M (d × K) and standard normal noise ε drawn from the generator
 * passed to {@link #represent}.
 */
public final class SyntheticSampler implements RepresentationSampler {

    private final int[] factorSizes;
    private final double[][] mixing;
    private final double noiseStd;

    /**
     * @param factorSizes classes per factor
     * @param mixing d × K mixing matrix
     * @param noiseStd standard deviation σ of the additive noise
     */
    public SyntheticSampler(int[] factorSizes, double[][] mixing, double noiseStd) {
        for (double[] row : mixing) {
            if (row.length != factorSizes.length) {
                throw new IllegalArgumentException("mixing rows need " + factorSizes.length + " columns, got " + row.length);
            }
        }
        this.factorSizes = factorSizes.clone();
        this.mixing = mixing;
        this.noiseStd = noiseStd;
    }

    /** Code k = factor k (scaled to [0, 1]) plus noise, and {@code extraDims} pure-noise dimensions. */
    public static SyntheticSampler identity(int[] factorSizes, int extraDims, double noiseStd) {
        int k = factorSizes.length;
        double[][] m = new double[k + extraDims][k];
        for (int i = 0; i < k; i++) m[i][i] = 1.0;
        return new SyntheticSampler(factorSizes, m, noiseStd);
    }

    /** Codes = a random rotation (orthogonal K × K matrix drawn with {@code seed}) of the factors, plus noise. */
    public static SyntheticSampler rotation(int[] factorSizes, long seed, double noiseStd) {
        return new SyntheticSampler(factorSizes, randomRotation(factorSizes.length, new SplittableRandom(seed)), noiseStd);
    }

    /** Codes that are pure noise (σ = 1) of dimension {@code dims}, ignoring the factors. */
    public static SyntheticSampler noise(int[] factorSizes, int dims) {
        return new SyntheticSampler(factorSizes, new double[dims][factorSizes.length], 1.0);
    }

    /** A random orthogonal matrix (Gram–Schmidt on Gaussian columns, signs fixed so that it is not the identity by chance). */
    public static double[][] randomRotation(int k, SplittableRandom rng) {
        double[][] q = new double[k][k];
        for (int col = 0; col < k; col++) {
            double[] v = new double[k];
            for (int r = 0; r < k; r++) v[r] = rng.nextDouble() * 2 - 1;
            for (int prev = 0; prev < col; prev++) {
                double dot = 0.0;
                for (int r = 0; r < k; r++) dot += v[r] * q[r][prev];
                for (int r = 0; r < k; r++) v[r] -= dot * q[r][prev];
            }
            double norm = 0.0;
            for (double x : v) norm += x * x;
            norm = Math.sqrt(norm);
            for (int r = 0; r < k; r++) q[r][col] = v[r] / norm;
        }
        return q;
    }

    @Override
    public int[] factorSizes() {
        return factorSizes.clone();
    }

    @Override
    public int[][] sampleFactors(int n, SplittableRandom rng) {
        int[][] f = new int[n][factorSizes.length];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < factorSizes.length; k++) f[i][k] = rng.nextInt(factorSizes[k]);
        }
        return f;
    }

    @Override
    public double[][] represent(int[][] factorClasses, SplittableRandom rng) {
        int k = factorSizes.length;
        double[][] z = new double[factorClasses.length][mixing.length];
        double[] u = new double[k];
        for (int i = 0; i < factorClasses.length; i++) {
            for (int f = 0; f < k; f++) {
                u[f] = factorSizes[f] > 1 ? (double) factorClasses[i][f] / (factorSizes[f] - 1) : 0.0;
            }
            for (int j = 0; j < mixing.length; j++) {
                double s = 0.0;
                for (int f = 0; f < k; f++) s += mixing[j][f] * u[f];
                z[i][j] = s + (noiseStd > 0 ? noiseStd * rng.nextGaussian() : 0.0);
            }
        }
        return z;
    }
}
