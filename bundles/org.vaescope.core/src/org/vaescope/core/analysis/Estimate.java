package org.vaescope.core.analysis;

import java.util.Locale;

import org.vaescope.core.internal.analysis.JsonWriter;

/**
 * A reported value with its provenance and a percentile bootstrap interval.
 *
 * @param value the point estimate (NaN when undefined, e.g. a mean over an empty set)
 * @param lower lower end of the bootstrap interval (NaN when there is no interval)
 * @param upper upper end of the bootstrap interval (NaN when there is no interval)
 * @param confidence nominal coverage of the interval, e.g. 0.95
 * @param sampleCount samples behind the value (inputs, pairs or intervention draws)
 * @param seed seed of the measurement that produced the effects
 * @param bootstrapReplicates defined (finite) replicates behind the interval: fewer than requested
 *        when the statistic was undefined on some resamples; 0 when the effects carried no
 *        per-sample terms, so no interval could be computed
 * @param bootstrapSeed seed of the bootstrap resampling
 */
public record Estimate(double value, double lower, double upper, double confidence, int sampleCount, long seed,
        int bootstrapReplicates, long bootstrapSeed) {

    /** A value without an interval (the inputs had no per-sample terms). */
    public static Estimate withoutInterval(double value, int sampleCount, long seed) {
        return new Estimate(value, Double.NaN, Double.NaN, Double.NaN, sampleCount, seed, 0, 0L);
    }

    /** Whether a finite interval is available: never for an undefined value, whatever its resamples gave. */
    public boolean hasInterval() {
        return Double.isFinite(value) && bootstrapReplicates > 0 && Double.isFinite(lower) && Double.isFinite(upper);
    }

    /** Whether {@code x} lies in the closed interval (false without an interval). */
    public boolean intervalContains(double x) {
        return hasInterval() && lower <= x && x <= upper;
    }

    /** Width of the interval (NaN without one). */
    public double intervalWidth() {
        return upper - lower;
    }

    /** Writes this estimate as a JSON object. */
    void writeJson(JsonWriter json) {
        json.beginObject()
                .member("value", value)
                .member("lower", lower)
                .member("upper", upper)
                .member("confidence", confidence)
                .member("n", sampleCount)
                .member("seed", seed)
                .member("bootstrap_replicates", bootstrapReplicates)
                .member("bootstrap_seed", bootstrapSeed)
                .endObject();
    }

    /** E.g. {@code 0.5123 [0.4810, 0.5400]}, {@code 0.5123 [no interval]} or {@code undefined}. */
    public String formatted() {
        if (!Double.isFinite(value)) {
            return format(value);
        }
        String interval = hasInterval()
                ? String.format(Locale.ROOT, "[%.4f, %.4f]", lower, upper)
                : "[no interval]";
        return format(value) + " " + interval;
    }

    static String format(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.4f", x) : "undefined";
    }
}
