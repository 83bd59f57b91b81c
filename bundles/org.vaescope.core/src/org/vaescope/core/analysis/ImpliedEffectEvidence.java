package org.vaescope.core.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which entries of a measured factor-effect matrix M are evidence about an edge of the implied
 * factor graph, and M with the others set aside (paper spec section 5: an edge k → l needs an
 * intervention on k's latents "with no intervention on l's latents", read by a read-out that sees
 * l). Two kinds of entry are no evidence either way and are listed instead of drawn or hidden:
 * <ul>
 * <li><b>confounded</b> pairs (k, l): k's carrier latents also carry l, so shifting them intervenes
 * on l's latents; an entangled latent moving two factors is not one factor causing the other;</li>
 * <li><b>unreadable</b> factors l: their read-out does not see them in the model's reconstructions
 * (accuracy above chance below {@value #READABLE_FLOOR}), so a change of r_l is noise;</li>
 * <li>factors k <b>without an intervention of their own</b>: k is unreadable (whether the shift moved
 * k cannot be seen), shifting k's carriers does not move k's read-out by the edge threshold (M[k,k]
 * below it: no latent carries k), or k's carrier is also the carrier of a readable factor j that it
 * moves more (the shift is an intervention on j, tested on j's row).</li>
 * </ul>
 * The entries kept are read net of the read-outs' <b>crosstalk</b>: a read-out of l is not blind to
 * every other factor (a scale classifier answers a little to where the sprite is), so an intervention
 * that moves k by M[k,k] moves r_l by about ρ[k,l]·M[k,k] in a model without the edge k → l, ρ measured
 * on reconstructions of dataset pairs that differ only in k
 * ({@link org.vaescope.core.interventions.FactorInterventions#readoutCrosstalk}). The evidence for
 * k → l is M[k,l] − ρ[k,l]·M[k,k], per input, so its bootstrap interval follows (ρ is held fixed).
 */
public final class ImpliedEffectEvidence {

    /** Least accuracy above chance, (acc − chance) / (1 − chance), on reconstructions for a read-out to count. */
    public static final double READABLE_FLOOR = 0.1;

    private ImpliedEffectEvidence() {
    }

    /**
     * What an off-diagonal entry k → l of M is to the implied graph: tested, or set aside for the
     * first of these reasons that applies.
     */
    public enum Entry {
        TESTED("tested"), EFFECT_UNREADABLE("effect unreadable"), CONFOUNDED("confounded"),
        CAUSE_WITHOUT_OWN_INTERVENTION("cause without an intervention of its own");

        private final String label;

        Entry(String label) {
            this.label = label;
        }

        /** How reports and views name the entry's kind. */
        public String label() {
            return label;
        }

        /** The one rule every reader of an implied graph's entries applies (analysis, reproduction, tables). */
        public static Entry of(boolean effectUnreadable, boolean confounded, boolean causeWithoutOwnIntervention) {
            return effectUnreadable ? EFFECT_UNREADABLE
                    : confounded ? CONFOUNDED : causeWithoutOwnIntervention ? CAUSE_WITHOUT_OWN_INTERVENTION : TESTED;
        }
    }

    /** Per factor, whether its read-out is blind on reconstructions: its accuracy above chance below the floor. */
    public static boolean[] unreadable(double[] reconstructionAccuracy, double[] chanceAccuracy) {
        boolean[] unreadable = new boolean[reconstructionAccuracy.length];
        for (int k = 0; k < unreadable.length; k++) {
            unreadable[k] = unreadable(reconstructionAccuracy[k], chanceAccuracy[k]);
        }
        return unreadable;
    }

    /** Whether one read-out is blind on reconstructions: its accuracy above chance below the floor. */
    public static boolean unreadable(double reconstructionAccuracy, double chanceAccuracy) {
        return aboveChance(reconstructionAccuracy, chanceAccuracy) < READABLE_FLOOR;
    }

    /** Accuracy with chance subtracted, (acc − chance) / (1 − chance): 0 at chance, 1 when every class is right. */
    public static double aboveChance(double accuracy, double chance) {
        return (accuracy - chance) / (1 - chance);
    }

    /**
     * The read-outs as a report's table: per factor, the held-out accuracy on dataset images, the
     * accuracy on the model's reconstructions, chance, and the latter above chance, marked unreadable
     * below the floor. (Arrays in factor order.)
     */
    public static String readoutTable(List<String> factors, double[] images, double[] reconstructions,
            double[] chance) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "read-outs (accuracy on held-out images"
                + " and on the model's reconstructions; above chance = (acc - chance) / (1 - chance) on"
                + " reconstructions, below %s: unreadable, no edge is tested into or out of it)%n", READABLE_FLOOR));
        text.append(String.format(Locale.ROOT, "%-14s %8s %16s %8s %13s%n", "factor", "images", "reconstructions",
                "chance", "above chance"));
        for (int k = 0; k < factors.size(); k++) {
            text.append(String.format(Locale.ROOT, "%-14s %8.3f %16.3f %8.3f %13.3f%s%n", factors.get(k), images[k],
                    reconstructions[k], chance[k], aboveChance(reconstructions[k], chance[k]),
                    unreadable(reconstructions[k], chance[k]) ? "  unreadable" : ""));
        }
        return text.toString();
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
     * Per factor k, whether shifting its carriers is no intervention on k: k is unreadable, M[k,k] is
     * below the edge threshold, or a carrier c of k is also a carrier of a readable factor j with
     * E[c,j] &gt; E[c,k] (an unreadable read-out's change is noise and claims no latent).
     */
    public static boolean[] withoutOwnIntervention(FactorEffectMatrix effects, LatentEffects latents,
            boolean[] unreadable, double threshold) {
        int factors = effects.factors().size();
        boolean[] without = new boolean[factors];
        for (int k = 0; k < factors; k++) {
            without[k] = unreadable[k] || effects.effect(k, k) < threshold
                    || carrierMovesAnotherFactorMore(effects, latents, unreadable, k);
        }
        return without;
    }

    private static boolean carrierMovesAnotherFactorMore(FactorEffectMatrix effects, LatentEffects latents,
            boolean[] unreadable, int k) {
        for (int j = 0; j < effects.factors().size(); j++) {
            if (j == k || unreadable[j] || !effects.sharedCarrier(k, j)) {
                continue;
            }
            for (int c : effects.carriers()[k]) {
                if (Arrays.stream(effects.carriers()[j]).anyMatch(i -> i == c)
                        && latents.factorEffect(c, j) > latents.factorEffect(c, k)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * How many of the implied graph's factor pairs were tested and why the others were set aside, as
     * reports and views say it ("" without pairs): an empty graph with no tested pair says nothing.
     */
    public static String testedSummary(Collection<Entry> pairs) {
        if (pairs.isEmpty()) {
            return "";
        }
        Map<Entry, Long> kinds = new EnumMap<>(Entry.class);
        pairs.forEach(entry -> kinds.merge(entry, 1L, Long::sum));
        long tested = kinds.getOrDefault(Entry.TESTED, 0L);
        String aside = kinds.entrySet().stream().filter(e -> e.getKey() != Entry.TESTED)
                .map(e -> e.getValue() + " " + e.getKey().label()).collect(Collectors.joining(", "));
        if (tested == 0) {
            return "No factor pair could be tested (" + aside + "): the empty graph says nothing about the model.";
        }
        return tested + " of " + pairs.size() + " factor pairs tested" + (aside.isEmpty() ? "." : "; set aside: " + aside
                + ".");
    }

    /** The names of the factors whose flag is set, in factor order. */
    public static List<String> named(List<String> factors, boolean[] flags) {
        List<String> named = new ArrayList<>();
        for (int k = 0; k < flags.length; k++) {
            if (flags[k]) {
                named.add(factors.get(k));
            }
        }
        return named;
    }

    /**
     * The evidence M keeps about edges: per input, the diagonal as measured; an entry k → l set
     * aside (confounded pair, unreadable l, k without an intervention of its own) is 0; every other
     * is {@code m[k,l] − ρ[k,l]·m[k,k]}, the effect beyond the read-outs' crosstalk. Carriers and
     * seed stay.
     *
     * @param crosstalk K × K read-out crosstalk ρ (see the class comment)
     */
    public static FactorEffectMatrix evidence(FactorEffectMatrix effects, boolean[][] confounded,
            boolean[] unreadable, boolean[] withoutOwnIntervention, double[][] crosstalk) {
        double[][][] kept = new double[effects.perSample().length][][];
        for (int b = 0; b < kept.length; b++) {
            double[][] sample = effects.perSample()[b];
            kept[b] = new double[sample.length][];
            for (int k = 0; k < sample.length; k++) {
                kept[b][k] = sample[k].clone();
                for (int l = 0; l < sample[k].length; l++) {
                    if (k == l) {
                        continue;
                    }
                    if (Entry.of(unreadable[l], confounded[k][l], withoutOwnIntervention[k]) != Entry.TESTED) {
                        kept[b][k][l] = 0;
                    } else {
                        kept[b][k][l] = sample[k][l] - crosstalk[k][l] * sample[k][k];
                    }
                }
            }
        }
        return FactorEffectMatrix.measured(effects.factors(), kept, effects.carriers(), effects.seed());
    }
}
