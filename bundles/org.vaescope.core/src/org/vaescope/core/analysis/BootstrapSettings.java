package org.vaescope.core.analysis;

/**
 * Settings of the percentile bootstrap that gives every reported value its interval.
 *
 * @param replicates resamples B (0 disables intervals)
 * @param confidence nominal coverage, in (0, 1)
 * @param seed seed of the resampling; the same seed gives the same intervals
 */
public record BootstrapSettings(int replicates, double confidence, long seed) {

    /** Default number of replicates B. */
    public static final int DEFAULT_REPLICATES = 200;
    /** Default coverage. */
    public static final double DEFAULT_CONFIDENCE = 0.95;

    /** Validates the settings. */
    public BootstrapSettings {
        if (replicates < 0) {
            throw new AnalysisInputException("bootstrap replicates must be >= 0, was " + replicates);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new AnalysisInputException("bootstrap confidence must lie in (0, 1), was " + confidence);
        }
    }

    /** B = 200, 95 % intervals, the given seed. */
    public static BootstrapSettings defaults(long seed) {
        return new BootstrapSettings(DEFAULT_REPLICATES, DEFAULT_CONFIDENCE, seed);
    }

    /** No intervals (point estimates only). */
    public static BootstrapSettings none() {
        return new BootstrapSettings(0, DEFAULT_CONFIDENCE, 0L);
    }
}
