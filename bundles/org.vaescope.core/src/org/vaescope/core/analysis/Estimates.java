package org.vaescope.core.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.vaescope.core.internal.analysis.Bootstrap;

/** Turns a vector of point statistics and a resampling rule into {@link Estimate}s. */
final class Estimates {

    private Estimates() {
    }

    /**
     * One estimate per entry of {@code point}. When {@code resampled} is null (no per-sample
     * terms) or the settings ask for no replicates, the estimates have no interval; otherwise
     * replicate b computes {@code resampled.apply(random)}, a statistic vector of the same length.
     */
    static List<Estimate> of(double[] point, Function<SplittableRandom, double[]> resampled, int sampleCount,
            long seed, BootstrapSettings bootstrap) {
        List<Estimate> estimates = new ArrayList<>(point.length);
        if (resampled == null || bootstrap.replicates() == 0) {
            for (double value : point) {
                estimates.add(Estimate.withoutInterval(value, sampleCount, seed));
            }
            return estimates;
        }
        double[][] replicates = Bootstrap.replicates(bootstrap.replicates(), bootstrap.seed(), resampled);
        for (int s = 0; s < point.length; s++) {
            if (!Double.isFinite(point[s])) {
                // an undefined value (precision of a graph without edges) gets no interval from the
                // few resamples on which it happened to be defined
                estimates.add(Estimate.withoutInterval(point[s], sampleCount, seed));
                continue;
            }
            double[] column = Bootstrap.column(replicates, s);
            double[] interval = Bootstrap.percentileInterval(column, bootstrap.confidence());
            // undefined replicates (e.g. a ratio over an empty resample) are left out: say how many remain
            estimates.add(new Estimate(point[s], interval[0], interval[1], bootstrap.confidence(), sampleCount, seed,
                    Bootstrap.definedCount(column), bootstrap.seed()));
        }
        return estimates;
    }
}
