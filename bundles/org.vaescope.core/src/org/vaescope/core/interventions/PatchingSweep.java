package org.vaescope.core.interventions;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A sweep of single-unit activation patches over every unit of several hook points: for each unit
 * u of hook L, the targets run with h_u(x_t) replaced by h_u(x_s). Exact, not an approximation
 * (batching only stacks independent runs).
 */
public final class PatchingSweep {

    private final List<String> hooks;
    private final Map<String, double[][]> patched;
    private final double[] targetValues;
    private final double[] sourceValues;
    private final String measure;
    private final long seed;
    private final long forwardPasses;
    private final long elapsedNanos;

    PatchingSweep(List<String> hooks, Map<String, double[][]> patched, double[] targetValues, double[] sourceValues,
            String measure, long seed, long forwardPasses, long elapsedNanos) {
        this.hooks = List.copyOf(hooks);
        this.patched = Collections.unmodifiableMap(patched);
        this.targetValues = targetValues.clone();
        this.sourceValues = sourceValues.clone();
        this.measure = measure;
        this.seed = seed;
        this.forwardPasses = forwardPasses;
        this.elapsedNanos = elapsedNanos;
    }

    public List<String> hooks() {
        return hooks;
    }

    /** Description of the measure. */
    public String measure() {
        return measure;
    }

    /** m(x_t) per pair. */
    public double[] targetValues() {
        return targetValues.clone();
    }

    /** m(x_s) per pair. */
    public double[] sourceValues() {
        return sourceValues.clone();
    }

    /** m(patched) of unit u of {@code hook}, per pair: values[u][pair] (a copy). */
    public double[][] patchedValues(String hook) {
        double[][] v = get(hook);
        double[][] c = new double[v.length][];
        for (int i = 0; i < v.length; i++) {
            c[i] = v[i].clone();
        }
        return c;
    }

    /** E[m(patched) − m(x_t)] for every unit of {@code hook}. */
    public double[] meanEffect(String hook) {
        double[][] v = get(hook);
        double target = PatchResult.mean(targetValues);
        double[] effect = new double[v.length];
        for (int u = 0; u < v.length; u++) {
            effect[u] = PatchResult.mean(v[u]) - target;
        }
        return effect;
    }

    /** E[m(patched) − m(x_t)] / E[m(x_s) − m(x_t)] for every unit (all NaN when undefined). */
    public double[] fractionRestored(String hook) {
        double[] effect = meanEffect(hook);
        double denominator = meanSourceChange();
        for (int u = 0; u < effect.length; u++) {
            effect[u] = FractionRestored.of(effect[u], denominator);
        }
        return effect;
    }

    /** E[m(x_s) − m(x_t)]. */
    public double meanSourceChange() {
        return PatchResult.mean(sourceValues) - PatchResult.mean(targetValues);
    }

    /** True when every fraction is undefined (the pairs do not move the measure). */
    public boolean fractionUndefined() {
        return FractionRestored.isUndefined(meanSourceChange());
    }

    /** The single patch of unit u of {@code hook} as a {@link PatchResult}. */
    public PatchResult unit(String hook, int u) {
        return new PatchResult(hook, new int[] {u}, measure, targetValues, sourceValues, get(hook)[u], seed);
    }

    /** Total units patched. */
    public int unitCount() {
        int count = 0;
        for (double[][] v : patched.values()) {
            count += v.length;
        }
        return count;
    }

    /** Number of pairs. */
    public int sampleCount() {
        return targetValues.length;
    }

    public long seed() {
        return seed;
    }

    /** Partial forward passes the sweep ran (about units / units per pass, per chunk of pairs). */
    public long forwardPasses() {
        return forwardPasses;
    }

    public long elapsedNanos() {
        return elapsedNanos;
    }

    private double[][] get(String hook) {
        double[][] v = patched.get(hook);
        if (v == null) {
            throw new IllegalArgumentException("hook point '" + hook + "' was not swept (swept: " + hooks + ")");
        }
        return v;
    }

    @Override
    public String toString() {
        return "patching sweep of " + unitCount() + " units in " + hooks.size() + " hook points on " + measure + " (n="
                + sampleCount() + ", seed=" + seed + ", " + forwardPasses + " passes)";
    }
}
