package org.vaescope.core.internal.analysis;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;

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
