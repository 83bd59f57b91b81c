package org.vaescope.core.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Mono- versus polysemantic units, VAEScope definition (paper spec section 5), from the unit
 * response matrix A of {@link UnitEffects}.
 */
public final class UnitClassification {

    private UnitClassification() {
    }

    /**
     * Class of a unit with responses {@code a_k = A[u,k]}: DEAD if {@code Σ_k a_k < deadThreshold}
     * (default 0.01); else MONOSEMANTIC if {@code max_k a_k ≥ monosemanticRatio · Σ_k a_k}
     * (default 0.6); else POLYSEMANTIC.
     */
    public static UnitClass classify(double[] responses, double deadThreshold, double monosemanticRatio) {
        double sum = 0;
        double max = 0;
        for (double a : responses) {
            sum += a;
            max = Math.max(max, a);
        }
        if (sum < deadThreshold) {
            return UnitClass.DEAD;
        }
        return max >= monosemanticRatio * sum ? UnitClass.MONOSEMANTIC : UnitClass.POLYSEMANTIC;
    }

    /** {@code argmax_k a_k}, the lowest index on ties; -1 for an empty array. */
    public static int dominantFactor(double[] responses) {
        int best = -1;
        for (int k = 0; k < responses.length; k++) {
            if (best < 0 || responses[k] > responses[best]) {
                best = k;
            }
        }
        return best;
    }

    /** Class and dominant factor of every unit at one hook point. */
    public static HookClasses classifyHook(UnitEffects effects, int hook, AnalysisSettings settings) {
        double[][] a = effects.responseView(hook);
        UnitClass[] classes = new UnitClass[a.length];
        int[] dominant = new int[a.length];
        for (int u = 0; u < a.length; u++) {
            classes[u] = classify(a[u], settings.deadThreshold(), settings.monosemanticRatio());
            dominant[u] = classes[u] == UnitClass.DEAD ? -1 : dominantFactor(a[u]);
        }
        return new HookClasses(effects.hooks().get(hook), classes, dominant);
    }

    /** {@link #classifyHook} for every hook point, in layer order. */
    public static List<HookClasses> classifyAll(UnitEffects effects, AnalysisSettings settings) {
        List<HookClasses> all = new ArrayList<>();
        for (int h = 0; h < effects.hookCount(); h++) {
            all.add(classifyHook(effects, h, settings));
        }
        return all;
    }

    /**
     * Counts of dead, monosemantic and polysemantic units per hook point, each with a bootstrap
     * interval over resampled pairs (when the effects keep per-pair terms).
     */
    public static List<HookUnitCounts> counts(UnitEffects effects, AnalysisSettings settings,
            BootstrapSettings bootstrap) {
        List<Estimate> estimates = Estimates.of(countStatistics(effects, settings),
                effects.hasSamples() ? random -> countStatistics(effects.resample(random), settings) : null,
                effects.sampleCount(), effects.seed(), bootstrap);
        List<HookUnitCounts> counts = new ArrayList<>();
        for (int h = 0; h < effects.hookCount(); h++) {
            counts.add(new HookUnitCounts(effects.hooks().get(h), effects.unitCount(h), estimates.get(3 * h),
                    estimates.get(3 * h + 1), estimates.get(3 * h + 2)));
        }
        return counts;
    }

    /**
     * Classes of the units at one hook point.
     *
     * @param hook hook point name
     * @param classes class of each unit
     * @param dominantFactors index of the factor with the largest response per unit, -1 for dead units
     */
    public record HookClasses(String hook, UnitClass[] classes, int[] dominantFactors) {

        /** Units of the given class. */
        public int count(UnitClass unitClass) {
            int count = 0;
            for (UnitClass c : classes) {
                count += c == unitClass ? 1 : 0;
            }
            return count;
        }
    }

    /**
     * Unit counts at one hook point.
     *
     * @param hook hook point name
     * @param units number of units
     * @param dead dead units
     * @param monosemantic monosemantic units
     * @param polysemantic polysemantic units
     */
    public record HookUnitCounts(String hook, int units, Estimate dead, Estimate monosemantic,
            Estimate polysemantic) {
    }

    private static double[] countStatistics(UnitEffects effects, AnalysisSettings settings) {
        double[] stats = new double[3 * effects.hookCount()];
        for (int h = 0; h < effects.hookCount(); h++) {
            HookClasses classes = classifyHook(effects, h, settings);
            stats[3 * h] = classes.count(UnitClass.DEAD);
            stats[3 * h + 1] = classes.count(UnitClass.MONOSEMANTIC);
            stats[3 * h + 2] = classes.count(UnitClass.POLYSEMANTIC);
        }
        return stats;
    }
}
