package org.vaescope.core.interventions;

/**
 * One activation patch (or ablation) of a unit set on n pairs: the measured values of the target
 * (base) inputs, the source (changed) inputs and the patched runs, pair by pair.
 * <p>
 * The aggregate {@link #fractionRestored()} is the ratio of means E[m(patched) − m(x_t)] /
 * E[m(x_s) − m(x_t)] (stable when single pairs barely differ); per-pair fractions are in
 * {@link #pairFractions()}. For an ablation the "source" values are the clean values, so the
 * fraction is undefined and {@link #meanEffect()} is the quantity of interest.
 */
public final class PatchResult {

    private final String hook;
    private final int[] units;
    private final String measure;
    private final double[] targetValues;
    private final double[] sourceValues;
    private final double[] patchedValues;
    private final long seed;

    public PatchResult(String hook, int[] units, String measure, double[] targetValues, double[] sourceValues,
            double[] patchedValues, long seed) {
        this.hook = hook;
        this.units = units.clone();
        this.measure = measure;
        this.targetValues = targetValues.clone();
        this.sourceValues = sourceValues.clone();
        this.patchedValues = patchedValues.clone();
        this.seed = seed;
    }

    public String hook() {
        return hook;
    }

    public int[] units() {
        return units.clone();
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

    /** m(patched) per pair. */
    public double[] patchedValues() {
        return patchedValues.clone();
    }

    /** E[m(patched) − m(x_t)]. */
    public double meanEffect() {
        return mean(patchedValues) - mean(targetValues);
    }

    /** E[m(x_s) − m(x_t)]. */
    public double meanSourceChange() {
        return mean(sourceValues) - mean(targetValues);
    }

    /** E[m(patched) − m(x_t)] / E[m(x_s) − m(x_t)], NaN when undefined. */
    public double fractionRestored() {
        return FractionRestored.of(meanEffect(), meanSourceChange());
    }

    /** True when |E[m(x_s) − m(x_t)]| &lt; {@link FractionRestored#THRESHOLD}. */
    public boolean fractionUndefined() {
        return FractionRestored.isUndefined(meanSourceChange());
    }

    /** The fraction restored of each pair (NaN where undefined). */
    public double[] pairFractions() {
        double[] f = new double[targetValues.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = FractionRestored.of(patchedValues[i] - targetValues[i], sourceValues[i] - targetValues[i]);
        }
        return f;
    }

    /** Number of pairs with an undefined fraction. */
    public int undefinedPairs() {
        int count = 0;
        for (double f : pairFractions()) {
            count += Double.isNaN(f) ? 1 : 0;
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

    static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return v.length == 0 ? Double.NaN : sum / v.length;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "patch %s%s on %s: effect %.6g, fraction restored %s (n=%d, seed=%d)",
                hook, java.util.Arrays.toString(units), measure, meanEffect(),
                fractionUndefined() ? "undefined" : String.format(java.util.Locale.ROOT, "%.4f", fractionRestored()),
                sampleCount(), seed);
    }
}
