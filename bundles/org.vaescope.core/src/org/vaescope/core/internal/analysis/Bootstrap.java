package org.vaescope.core.internal.analysis;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Percentile bootstrap machinery: resampling counts, replicate statistics and percentile
 * intervals. A statistic may be a vector so that one set of replicates serves several reported
 * values.
 */
public final class Bootstrap {

    private Bootstrap() {
    }

    /**
     * How often each of {@code n} items is drawn when {@code n} items are drawn uniformly with
     * replacement (one bootstrap resample).
     */
    public static int[] resampleCounts(int n, SplittableRandom random) {
        int[] counts = new int[n];
        for (int draw = 0; draw < n; draw++) {
            counts[random.nextInt(n)]++;
        }
        return counts;
    }

    /**
     * Replicate statistics {@code [replicate][statistic]}: replicate b evaluates
     * {@code replicate.apply(random)} with one {@link SplittableRandom} seeded by {@code seed}
     * and used in sequence, so the same seed gives the same replicates.
     */
    public static double[][] replicates(int count, long seed, Function<SplittableRandom, double[]> replicate) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] result = new double[count][];
        for (int b = 0; b < count; b++) {
            result[b] = replicate.apply(random);
        }
        return result;
    }

    /** Column {@code statistic} of a replicate table. */
    public static double[] column(double[][] replicates, int statistic) {
        double[] values = new double[replicates.length];
        for (int b = 0; b < replicates.length; b++) {
            values[b] = replicates[b][statistic];
        }
        return values;
    }

    /**
     * The percentile interval {@code [q(α/2), q(1 − α/2)]}, α = 1 − confidence, of the finite
     * replicate values (non-finite replicates, e.g. an undefined statistic on one resample, are
     * left out). Quantiles interpolate linearly between order statistics. Returns
     * {@code {NaN, NaN}} when no replicate is finite.
     */
    public static double[] percentileInterval(double[] values, double confidence) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (finite.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double alpha = 1.0 - confidence;
        return new double[] {quantile(finite, alpha / 2), quantile(finite, 1 - alpha / 2)};
    }

    /**
     * The bias-corrected and accelerated (BCa, Efron 1987) interval: the percentile interval at the
     * adjusted levels α₁ = Φ(z₀ + (z₀ + z_{α/2}) / (1 − a(z₀ + z_{α/2}))) and α₂ likewise with
     * z_{1−α/2}, where z₀ = Φ⁻¹(share of replicates below the point estimate, ties counted half)
     * corrects the bias of the statistic and a = Σ(θ̄ − θ₍ᵢ₎)³ / (6 (Σ(θ̄ − θ₍ᵢ₎)²)^{3/2}), from the
     * jackknife values θ₍ᵢ₎, its skew. For statistics whose replicates sit on one side of the point
     * estimate (maxima, thresholded counts, ratios) the percentile interval can miss the point
     * itself; BCa moves the interval toward it. The share is kept within [1/(2B), 1 − 1/(2B)].
     * Non-finite replicates and jackknife values are left out; {@code {NaN, NaN}} without any.
     */
    public static double[] bcaInterval(double[] values, double point, double[] jackknife, double confidence) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (finite.length == 0 || !Double.isFinite(point)) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double below = 0;
        for (double v : finite) {
            below += v < point ? 1 : v == point ? 0.5 : 0;
        }
        double half = 0.5 / finite.length;
        double share = Math.min(1 - half, Math.max(half, below / finite.length));
        NormalDistribution normal = new NormalDistribution();
        double z0 = normal.inverseCumulativeProbability(share);
        double a = acceleration(jackknife);
        double alpha = 1.0 - confidence;
        double[] levels = new double[2];
        double[] z = {normal.inverseCumulativeProbability(alpha / 2), normal.inverseCumulativeProbability(1 - alpha / 2)};
        for (int i = 0; i < 2; i++) {
            levels[i] = normal.cumulativeProbability(z0 + (z0 + z[i]) / (1 - a * (z0 + z[i])));
        }
        return new double[] {quantile(finite, levels[0]), quantile(finite, levels[1])};
    }

    /** a = Σ(θ̄ − θ₍ᵢ₎)³ / (6 (Σ(θ̄ − θ₍ᵢ₎)²)^{3/2}) over the finite jackknife values; 0 when they agree. */
    static double acceleration(double[] jackknife) {
        double[] finite = Arrays.stream(jackknife).filter(Double::isFinite).toArray();
        double mean = Arrays.stream(finite).average().orElse(0);
        double squares = 0;
        double cubes = 0;
        for (double v : finite) {
            double d = mean - v;
            squares += d * d;
            cubes += d * d * d;
        }
        return squares == 0 ? 0 : cubes / (6 * Math.pow(squares, 1.5));
    }

    /** Quantile {@code p} of the values, interpolating linearly at position {@code p·(m − 1)}. */
    public static double quantile(double[] values, double p) {
        if (p <= 0) {
            return Arrays.stream(values).min().orElse(Double.NaN);
        }
        return new Percentile().withEstimationType(Percentile.EstimationType.R_7).evaluate(values, 100 * p);
    }

    /** How many replicate values are finite (the replicates an interval actually rests on). */
    public static int definedCount(double[] values) {
        return (int) Arrays.stream(values).filter(Double::isFinite).count();
    }
}
