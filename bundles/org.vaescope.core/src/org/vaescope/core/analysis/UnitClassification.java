package org.vaescope.core.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Mono- versus polysemantic units, VAEScope definition (paper spec section 5), from the unit
 * response matrix A of {@link UnitEffects}: the spec's rule {@code max_k A[u,k] ≥ 0.6 Σ_k A[u,k]},
 * read on a {@link #crossFittedShare cross-fitted share} when the effects keep per-pair terms.
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
        if (dead(responses, deadThreshold)) {
            return UnitClass.DEAD;
        }
        double max = Arrays.stream(responses).max().orElse(0);
        return max >= monosemanticRatio * sum(responses) ? UnitClass.MONOSEMANTIC : UnitClass.POLYSEMANTIC;
    }

    private static boolean dead(double[] responses, double deadThreshold) {
        return sum(responses) < deadThreshold;
    }

    private static double sum(double[] responses) {
        double sum = 0;
        for (double a : responses) {
            sum += a;
        }
        return sum;
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

    /**
     * The share of a unit's response that goes to its dominant factor, the factor chosen on one half
     * of the pairs and its share measured on the other, averaged over both ways round. The in-sample
     * share {@code max_k a_k / Σ_k a_k} is a maximum of noisy means, biased upward: on 20 pairs per
     * factor it made units monosemantic that are not, and put the count outside its own bootstrap
     * interval. NaN when neither half responds.
     */
    public static double crossFittedShare(double[] firstHalf, double[] secondHalf) {
        double one = shareOf(secondHalf, dominantFactor(firstHalf));
        double other = shareOf(firstHalf, dominantFactor(secondHalf));
        if (Double.isNaN(one)) {
            return other;
        }
        return Double.isNaN(other) ? one : (one + other) / 2;
    }

    private static double shareOf(double[] responses, int factor) {
        double sum = sum(responses);
        return sum > 0 ? responses[factor] / sum : Double.NaN;
    }

    /**
     * Class and dominant factor of every unit at one hook point. With per-pair terms a unit that is
     * not dead is monosemantic when its {@link #crossFittedShare cross-fitted share} reaches the
     * ratio; without them, by {@link #classify} on the means. The dominant factor is the argmax over
     * all pairs. (For every hook point, {@link #classifyAll} splits the pairs once.)
     */
    public static HookClasses classifyHook(UnitEffects effects, int hook, AnalysisSettings settings) {
        return classes(effects, effects.halves(), hook, settings);
    }

    /** {@link #classifyHook} for every hook point, in layer order. */
    public static List<HookClasses> classifyAll(UnitEffects effects, AnalysisSettings settings) {
        UnitEffects.Halves halves = effects.halves();
        return perHook(effects.hookCount(), h -> classes(effects, halves, h, settings));
    }

    private static List<HookClasses> perHook(int hooks, IntFunction<HookClasses> classes) {
        List<HookClasses> all = new ArrayList<>();
        for (int h = 0; h < hooks; h++) {
            all.add(classes.apply(h));
        }
        return all;
    }

    private static HookClasses classes(UnitEffects effects, UnitEffects.Halves halves, int hook,
            AnalysisSettings settings) {
        return halves == null ? inSampleClasses(effects.hooks().get(hook), effects.responseView(hook), settings)
                : crossFittedClasses(effects.hooks().get(hook), halves, hook, settings);
    }

    private static HookClasses inSampleClasses(String hook, double[][] a, AnalysisSettings settings) {
        UnitClass[] classes = new UnitClass[a.length];
        int[] dominant = new int[a.length];
        double[] shares = new double[a.length];
        for (int u = 0; u < a.length; u++) {
            classes[u] = classify(a[u], settings.deadThreshold(), settings.monosemanticRatio());
            dominant[u] = classes[u] == UnitClass.DEAD ? -1 : dominantFactor(a[u]);
            shares[u] = classes[u] == UnitClass.DEAD ? Double.NaN : shareOf(a[u], dominant[u]);
        }
        return new HookClasses(hook, classes, dominant, shares);
    }

    private static HookClasses crossFittedClasses(String hook, UnitEffects.Halves halves, int h,
            AnalysisSettings settings) {
        double[][] a = halves.combined(h);
        UnitClass[] classes = new UnitClass[a.length];
        int[] dominant = new int[a.length];
        double[] shares = new double[a.length];
        for (int u = 0; u < a.length; u++) {
            if (dead(a[u], settings.deadThreshold())) {
                classes[u] = UnitClass.DEAD;
                dominant[u] = -1;
                shares[u] = Double.NaN;
                continue;
            }
            shares[u] = crossFittedShare(halves.first().get(h)[u], halves.second().get(h)[u]);
            classes[u] = reaches(shares[u], settings.monosemanticRatio()) ? UnitClass.MONOSEMANTIC
                    : UnitClass.POLYSEMANTIC;
            dominant[u] = dominantFactor(a[u]);
        }
        return new HookClasses(hook, classes, dominant, shares);
    }

    /**
     * Counts of dead, monosemantic and polysemantic units per hook point, and each unit's dominant
     * share, each with a bootstrap interval over resampled pairs (when the effects keep per-pair
     * terms); a replicate resamples each half of the pairs within itself
     * ({@link UnitEffects#resampleHalves}). A unit is undecided when its share's interval does not
     * lie on the same side of the monosemantic ratio as its point.
     */
    public static List<HookUnitCounts> counts(UnitEffects effects, AnalysisSettings settings,
            BootstrapSettings bootstrap) {
        List<String> hooks = effects.hooks();
        List<Estimate> estimates = Estimates.of(statistics(classifyAll(effects, settings)),
                effects.canSplit() ? random -> statistics(crossFittedAll(hooks, effects.resampleHalves(random),
                        settings)) : null,
                effects.sampleCount(), effects.seed(), bootstrap);
        List<HookUnitCounts> counts = new ArrayList<>();
        int share = 3 * effects.hookCount();
        for (int h = 0; h < effects.hookCount(); h++) {
            List<Estimate> shares = estimates.subList(share, share + effects.unitCount(h));
            share += shares.size();
            counts.add(new HookUnitCounts(hooks.get(h), effects.unitCount(h), estimates.get(3 * h),
                    estimates.get(3 * h + 1), estimates.get(3 * h + 2), List.copyOf(shares),
                    settings.monosemanticRatio()));
        }
        return counts;
    }

    /**
     * Whether a unit's class is unsettled: its share's interval reaches across the ratio, or lies
     * wholly on the other side of it than the point. False for dead units and shares without an interval.
     */
    static boolean undecided(Estimate share, double ratio) {
        return share.hasInterval() && (reaches(share.value(), ratio) ? !reaches(share.lower(), ratio)
                : reaches(share.upper(), ratio));
    }

    /** The monosemantic rule on a share: it reaches the ratio. */
    private static boolean reaches(double share, double ratio) {
        return share >= ratio;
    }

    private static List<HookClasses> crossFittedAll(List<String> hooks, UnitEffects.Halves halves,
            AnalysisSettings settings) {
        return perHook(hooks.size(), h -> crossFittedClasses(hooks.get(h), halves, h, settings));
    }

    /**
     * Classes of the units at one hook point.
     *
     * @param hook hook point name
     * @param classes class of each unit
     * @param dominantFactors index of the factor with the largest response per unit, -1 for dead units
     * @param shares the share of each unit's response that its dominant factor takes, the quantity
     *        the monosemantic ratio cuts ({@link #crossFittedShare cross-fitted} when the effects
     *        keep per-pair terms); NaN for dead units
     */
    public record HookClasses(String hook, UnitClass[] classes, int[] dominantFactors, double[] shares) {

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
     * @param shares each unit's dominant share ({@link HookClasses#shares}) with its interval
     * @param monosemanticRatio the share at which a unit becomes monosemantic
     */
    public record HookUnitCounts(String hook, int units, Estimate dead, Estimate monosemantic,
            Estimate polysemantic, List<Estimate> shares, double monosemanticRatio) {

        /** Whether the pairs leave the unit's class unsettled ({@link #counts}). */
        public boolean undecided(int unit) {
            return UnitClassification.undecided(shares.get(unit), monosemanticRatio);
        }

        /** Units whose class the pairs leave unsettled. */
        public int undecidedCount() {
            return (int) IntStream.range(0, units).filter(this::undecided).count();
        }

        /** Monosemantic units whose class the pairs leave unsettled. */
        public int undecidedMonosemanticCount() {
            return (int) IntStream.range(0, units)
                    .filter(u -> undecided(u) && reaches(shares.get(u).value(), monosemanticRatio)).count();
        }

        /** Whether the shares have intervals, so that {@link #undecided} says something. */
        public boolean sharesHaveIntervals() {
            return shares.stream().anyMatch(Estimate::hasInterval);
        }
    }

    /** The three counts of every hook point, then every unit's share, hook by hook. */
    private static double[] statistics(List<HookClasses> hooks) {
        int units = hooks.stream().mapToInt(h -> h.classes().length).sum();
        double[] stats = new double[3 * hooks.size() + units];
        int share = 3 * hooks.size();
        for (int h = 0; h < hooks.size(); h++) {
            HookClasses classes = hooks.get(h);
            stats[3 * h] = classes.count(UnitClass.DEAD);
            stats[3 * h + 1] = classes.count(UnitClass.MONOSEMANTIC);
            stats[3 * h + 2] = classes.count(UnitClass.POLYSEMANTIC);
            System.arraycopy(classes.shares(), 0, stats, share, classes.shares().length);
            share += classes.shares().length;
        }
        return stats;
    }
}
