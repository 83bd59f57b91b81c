package org.vaescope.core.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Which entries of a measured factor-effect matrix M are evidence about an edge of the implied
 * factor graph, and M with the others set aside (paper spec section 5: an edge k → l needs an
 * intervention on k's latents "with no intervention on l's latents", read by a read-out that sees
 * l). Two kinds of entry are no evidence either way and are listed instead of drawn or hidden:
 * <ul>
 * <li><b>confounded</b> pairs (k, l): k's carrier latents also carry l, so shifting them intervenes
 * on l's latents; an entangled latent moving two factors is not one factor causing the other;</li>
 * <li><b>unreadable</b> factors l: their read-out does not see them in the model's reconstructions
 * (accuracy above chance below {@value #READABLE_FLOOR}), so a change of r_l is noise.</li>
 * </ul>
 */
public final class ImpliedEffectEvidence {

    /** Least accuracy above chance, (acc − chance) / (1 − chance), on reconstructions for a read-out to count. */
    public static final double READABLE_FLOOR = 0.1;

    private ImpliedEffectEvidence() {
    }

    /** Per factor, whether its read-out is blind on reconstructions: (acc − chance) / (1 − chance) below the floor. */
    public static boolean[] unreadable(double[] reconstructionAccuracy, double[] chanceAccuracy) {
        boolean[] unreadable = new boolean[reconstructionAccuracy.length];
        for (int k = 0; k < unreadable.length; k++) {
            double chance = chanceAccuracy[k];
            unreadable[k] = (reconstructionAccuracy[k] - chance) / (1 - chance) < READABLE_FLOOR;
        }
        return unreadable;
    }

    /**
     * Which factor pairs (k, l) are confounded: k's carrier latents include a latent that carries l
     * — one of l's carriers, or an active latent with {@code E[i,l] ≥ circuitFraction · max_active
     * E[j,l]} (the rule that links latents to factors in the circuit graph).
     */
    public static boolean[][] confounded(FactorEffectMatrix effects, LatentEffects latents, AnalysisSettings settings) {
        int factors = effects.factors().size();
        boolean[] active = LatentMetrics.activeLatents(latents, settings.activeKlThreshold());
        boolean[][] confounded = new boolean[factors][factors];
        for (int l = 0; l < factors; l++) {
            double peak = peakActiveEffect(latents, active, l);
            boolean linkable = peak >= settings.minCircuitPeak();
            for (int k = 0; k < factors; k++) {
                confounded[k][l] = k != l && effects.sharedCarrier(k, l);
                for (int i : effects.carriers()[k]) {
                    confounded[k][l] |= k != l && linkable && active[i]
                            && latents.factorEffect(i, l) >= settings.circuitFraction() * peak;
                }
            }
        }
        return confounded;
    }

    private static double peakActiveEffect(LatentEffects latents, boolean[] active, int factor) {
        double peak = 0;
        for (int i = 0; i < active.length; i++) {
            peak = active[i] ? Math.max(peak, latents.factorEffect(i, factor)) : peak;
        }
        return peak;
    }

    /** The confounded pairs as {@code k -> l}. */
    public static List<String> confoundedPairs(List<String> factors, boolean[][] confounded) {
        List<String> pairs = new ArrayList<>();
        for (int k = 0; k < factors.size(); k++) {
            for (int l = 0; l < factors.size(); l++) {
                if (k != l && confounded[k][l]) {
                    pairs.add(factors.get(k) + " -> " + factors.get(l));
                }
            }
        }
        return pairs;
    }

    /**
     * M with only the evidence kept: the per-input terms of confounded pairs and of columns of
     * unreadable factors (other than k = l) set to 0; the carriers and seed stay.
     */
    public static FactorEffectMatrix evidence(FactorEffectMatrix effects, boolean[][] confounded,
            boolean[] unreadable) {
        double[][][] kept = new double[effects.perSample().length][][];
        for (int b = 0; b < kept.length; b++) {
            double[][] sample = effects.perSample()[b];
            kept[b] = new double[sample.length][];
            for (int k = 0; k < sample.length; k++) {
                kept[b][k] = sample[k].clone();
                for (int l = 0; l < sample[k].length; l++) {
                    boolean setAside = k != l && (confounded[k][l] || unreadable[l]);
                    kept[b][k][l] = setAside ? 0 : sample[k][l];
                }
            }
        }
        return FactorEffectMatrix.measured(effects.factors(), kept, effects.carriers(), effects.seed());
    }
}
