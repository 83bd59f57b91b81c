package org.vaescope.core.interventions;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Attribution-patching estimates for every unit, and their check against exact patching: the
 * top-k units by |estimate| patched exactly, with the Spearman rank agreement between estimate and
 * exact effect on those k (and on all units when asked).
 */
public final class AttributionResult {

    /** One checked unit: its estimate and its exact patching effect E[m(patched) − m(x_t)]. */
    public record UnitScore(String hook, int unit, double estimate, double exact) {
    }

    private final List<String> hooks;
    private final Map<String, double[]> estimates;
    private final List<UnitScore> top;
    private final double topAgreement;
    private final double allAgreement;
    private final PatchingSweep exactSweep;
    private final String measure;
    private final int sampleCount;
    private final long seed;
    private final long estimateNanos;

    AttributionResult(List<String> hooks, Map<String, double[]> estimates, List<UnitScore> top, double topAgreement,
            double allAgreement, PatchingSweep exactSweep, String measure, int sampleCount, long seed,
            long estimateNanos) {
        this.hooks = List.copyOf(hooks);
        this.estimates = Collections.unmodifiableMap(estimates);
        this.top = List.copyOf(top);
        this.topAgreement = topAgreement;
        this.allAgreement = allAgreement;
        this.exactSweep = exactSweep;
        this.measure = measure;
        this.sampleCount = sampleCount;
        this.seed = seed;
        this.estimateNanos = estimateNanos;
    }

    public List<String> hooks() {
        return hooks;
    }

    /** E_pairs[∇_h m(x_t) · (h(x_s) − h(x_t))] summed over each unit's elements, for every unit of {@code hook}. */
    public double[] estimates(String hook) {
        double[] e = estimates.get(hook);
        if (e == null) {
            throw new IllegalArgumentException("hook point '" + hook + "' was not attributed (attributed: " + hooks + ")");
        }
        return e.clone();
    }

    /** The top-k units by |estimate| (largest first) with their exact effects; empty if k was 0. */
    public List<UnitScore> top() {
        return top;
    }

    /** Spearman rank agreement of estimate and exact effect over the top k (NaN if k &lt; 2 or a side is constant). */
    public double topAgreement() {
        return topAgreement;
    }

    /** Spearman rank agreement over all units, NaN unless asked for. */
    public double allAgreement() {
        return allAgreement;
    }

    /** The full exact sweep when all units were checked, else null. */
    public PatchingSweep exactSweep() {
        return exactSweep;
    }

    public String measure() {
        return measure;
    }

    /** Number of pairs. */
    public int sampleCount() {
        return sampleCount;
    }

    public long seed() {
        return seed;
    }

    /** Time spent on the estimate alone (forward and backward passes). */
    public long estimateNanos() {
        return estimateNanos;
    }
}
