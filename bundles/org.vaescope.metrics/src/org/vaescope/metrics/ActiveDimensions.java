package org.vaescope.metrics;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.vaescope.metrics.internal.learn.Stats;

/**
 * Active code dimensions: those whose standard deviation over the data is at least
 * {@code threshold} (0.05, the FactorVAE score's pruning rule in disentanglement_lib); the rest
 * have collapsed to the prior and carry nothing. Score = number of active dimensions.
 */
public final class ActiveDimensions {

    /** disentanglement_lib's pruning threshold on the standard deviation. */
    public static final double DEFAULT_THRESHOLD = 0.05;

    /** The declaration read by the suite, the command line, the script language and the IDE. */
    public static final MetricDescriptor DESCRIPTOR = new MetricDescriptor("active_dims", "ActiveDims",
            "number of code dimensions whose standard deviation over the data reaches the threshold",
            List.of(new MetricDescriptor.Parameter("numTrain", "samples", "10000"),
                    new MetricDescriptor.Parameter("threshold", "smallest standard deviation of an active code",
                            "0.05")),
            (sampler, config, seed) -> compute(Samples.fromSampler(sampler, config.mig().numTrain(),
                    new SplittableRandom(seed)), DEFAULT_THRESHOLD),
            (data, config, seed) -> compute(Samples.subset(data, config.mig().numTrain(), seed), DEFAULT_THRESHOLD));

    /**
     * @param active number of active dimensions
     * @param standardDeviations standard deviation of every code dimension (ddof 1)
     * @param threshold the threshold used
     */
    public record Result(int active, double[] standardDeviations, double threshold) implements MetricResult {
        @Override
        public String metricName() {
            return "ActiveDims";
        }

        @Override
        public double score() {
            return active;
        }

        @Override
        public Map<String, Object> toMap() {
            return Samples.map("metric", metricName(), "score", active, "standard_deviations", standardDeviations,
                    "threshold", threshold);
        }
    }

    private ActiveDimensions() {
    }

    /** The active dimensions of {@code data}'s codes. */
    public static Result compute(CodesAndFactors data, double threshold) {
        double[] std = new double[data.numCodes()];
        int active = 0;
        for (int j = 0; j < std.length; j++) {
            std[j] = Math.sqrt(Stats.variance(data.codeColumn(j), 1));
            if (std[j] >= threshold) active++;
        }
        return new Result(active, std, threshold);
    }
}
