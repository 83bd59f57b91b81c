package org.vaescope.core.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.vaescope.core.internal.analysis.JsonWriter;

/**
 * Factor circuits, VAEScope's definition (issue 14, replacing the spec's thresholded response
 * sets): the circuit of factor k at hook point L is the smallest set of L's units that carries k's
 * effect on the decoded image, checked by ablation.
 * <p>
 * On P pairs (x_t, x_s) that differ in k only, with o(·) the decoded image σ(logits):
 * <pre>
 *   restored(S) = 1 − Σ_b ‖o(x_t; h_S ← h_S(x_s)) − o(x_t; h_L ← h_L(x_s))‖² / Σ_b ‖o(x_t) − o(x_t; h_L ← h_L(x_s))‖²
 * </pre>
 * the share of the whole hook point's patch effect that patching S alone reproduces (1 = the same
 * image as patching all of L, 0 = no change). It is a ratio of sums of squares, so it stays
 * defined when signed changes average to 0. L's units are ranked by attribution patching (the
 * first-order estimate of how far patching the unit moves o(x_t) towards o(x_s)); the circuit is the
 * shortest ranked prefix with restored ≥ φ ({@link AnalysisSettings#circuitRestore()}), found by
 * bisection (restored is taken to grow with the prefix). L has no circuit for k when its whole patch
 * moves the image by less than {@value #NEGLIGIBLE_SHARE} of k's own effect Σ_b ‖o(x_s) − o(x_t)‖².
 * <p>
 * The ablation check: the circuit's units are replaced by their mean over the targets, in both
 * inputs of every pair, and the effect that remains is
 * <pre>
 *   remaining(S) = Σ_b ‖o_abl(x_s) − o_abl(x_t)‖² / Σ_b ‖o(x_s) − o(x_t)‖²;
 * </pre>
 * the same for R random sets of as many units of L outside the circuit ({@link AnalysisSettings#ablationSets()},
 * seeded). The verdict is {@link Verdict#NECESSARY} when removing the circuit leaves at most
 * {@value #MOST} of the effect while removing as many other units leaves more on average, and the
 * circuit's remainder lies below the random sets' mean by more than {@value #SPREADS} of their
 * standard deviations (a circuit that removes barely more than any set of its size is not singled out).
 *
 * @param circuits the unit sets
 * @param hookCircuits {@code hookCircuits.get(k).get(h)}: the evidence behind the circuit of factor k at hook h
 * @param restore φ used
 * @param pairs pairs per factor
 * @param seed seed of the pairs and of the random ablation sets
 * @param repeats the modularity of circuits found again on independent pair sets, for
 *        {@link #modularity()}'s interval; null when the search was not repeated
 */
public record FactorCircuits(CircuitSet circuits, List<List<HookCircuit>> hookCircuits, double restore, int pairs,
        long seed, Repeats repeats) {

    /** Circuits whose search was not repeated. */
    public FactorCircuits(CircuitSet circuits, List<List<HookCircuit>> hookCircuits, double restore, int pairs,
            long seed) {
        this(circuits, hookCircuits, restore, pairs, seed, null);
    }

    /**
     * Circuit modularity of the circuits found on independent pair sets (new pairs, new check pairs,
     * new ablation sets), each set as large as the first.
     *
     * @param modularity one value per repeated search (at least two)
     * @param confidence nominal coverage of the interval they give, e.g. 0.95
     * @param seed seed of the repeated searches
     */
    public record Repeats(double[] modularity, double confidence, long seed) {

        public Repeats {
            if (modularity.length < 2) {
                throw Checks.fail("a modularity interval needs at least two repeated circuit searches, got "
                        + modularity.length);
            }
            if (!Arrays.stream(modularity).allMatch(Double::isFinite)) {
                throw Checks.fail("a repeated circuit search gave an undefined modularity: "
                        + Arrays.toString(modularity));
            }
            modularity = modularity.clone();
        }

        /**
         * The interval {@code v ± t · s} for the mean over pair sets of the modularity the search
         * finds, around one more search's value v: s is the repeats' standard deviation and t the
         * Student quantile with (repeats − 1) degrees of freedom, since (v − mean) / s is so distributed
         * when the values are independent and roughly normal.
         */
        double[] around(double value) {
            double sd = new StandardDeviation().evaluate(modularity);
            double t = new TDistribution(null, modularity.length - 1).inverseCumulativeProbability((1 + confidence) / 2);
            return new double[] {value - t * sd, value + t * sd};
        }
    }

    /** These circuits, their modularity given an interval by the repeated searches. */
    public FactorCircuits withRepeats(Repeats repeated) {
        return new FactorCircuits(circuits, hookCircuits, restore, pairs, seed, repeated);
    }

    /** A hook point whose whole patch moves the image by less than this share of the factor's effect has no circuit. */
    public static final double NEGLIGIBLE_SHARE = 0.01;
    /** "Most of the effect": the verdict's cut on the remaining fraction. */
    public static final double MOST = 0.5;
    /** How many of the random sets' standard deviations a necessary circuit's remainder lies below their mean. */
    public static final double SPREADS = 2;

    /** What the ablation check says of one circuit. */
    public enum Verdict {
        /** Removing the circuit removes most of the effect; removing as many other units does not. */
        NECESSARY("necessary"),
        /** Removing the circuit removes most of the effect, but so does removing as many other units. */
        NOT_SPECIFIC("not specific"),
        /** More than half of the effect survives the circuit's removal (other paths carry it too). */
        NOT_NECESSARY("not necessary"),
        /** No circuit, fewer than two random sets (R &lt; 2) or fewer other units than the circuit has. */
        UNTESTED("untested");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The verdict for a circuit's remaining fraction and the random sets' mean and sd (NaN when untested). */
        public static Verdict of(double circuitRemaining, double randomRemainingMean, double randomRemainingSd) {
            if (!Double.isFinite(circuitRemaining) || !Double.isFinite(randomRemainingMean)
                    || !Double.isFinite(randomRemainingSd)) {
                return UNTESTED;
            }
            if (circuitRemaining > MOST) {
                return NOT_NECESSARY;
            }
            boolean singledOut = randomRemainingMean - circuitRemaining > SPREADS * randomRemainingSd;
            return randomRemainingMean > MOST && singledOut ? NECESSARY : NOT_SPECIFIC;
        }
    }

    /**
     * The circuit of one factor at one hook point and its checks.
     *
     * @param units units of the hook point
     * @param size units in the circuit
     * @param effectShare Σ‖o(x_t) − o(x_t; h_L ← h_L(x_s))‖² over k's effect Σ‖o(x_s) − o(x_t)‖²: how much of
     *        k's effect passes the hook point (1 for a hook every path goes through); NaN when k has no effect
     * @param restored restored(circuit) on the check's pairs, not those that chose the circuit (so it may fall
     *        below φ); NaN without a circuit
     * @param ablatedRemaining remaining(circuit); NaN without a circuit
     * @param randomRemainingMean mean remaining(S) over the random sets; NaN without them
     * @param randomRemainingSd their standard deviation (n − 1); NaN with fewer than two
     * @param randomSets random sets ablated
     */
    public record HookCircuit(int units, int size, double effectShare, double restored, double ablatedRemaining,
            double randomRemainingMean, double randomRemainingSd, int randomSets) {

        /** A hook point without a circuit for the factor. */
        public static HookCircuit none(int units, double effectShare) {
            return new HookCircuit(units, 0, effectShare, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }

        public Verdict verdict() {
            return size == 0 ? Verdict.UNTESTED : Verdict.of(ablatedRemaining, randomRemainingMean, randomRemainingSd);
        }
    }

    /** Validates the shape and copies the lists. */
    public FactorCircuits {
        List<List<HookCircuit>> copy = new ArrayList<>();
        if (hookCircuits.size() != circuits.factors().size()) {
            throw Checks.fail("FactorCircuits has checks for " + hookCircuits.size() + " factors, expected "
                    + circuits.factors().size());
        }
        for (int k = 0; k < hookCircuits.size(); k++) {
            List<HookCircuit> perHook = hookCircuits.get(k);
            if (perHook.size() != circuits.hooks().size()) {
                throw Checks.fail("FactorCircuits checks of factor '" + circuits.factors().get(k) + "' cover "
                        + perHook.size() + " hook points, expected " + circuits.hooks().size());
            }
            for (int h = 0; h < perHook.size(); h++) {
                int size = circuits.units().get(k).get(h).length;
                if (perHook.get(h).size() != size) {
                    throw Checks.fail("FactorCircuits check of factor '" + circuits.factors().get(k) + "' at '"
                            + circuits.hooks().get(h) + "' has size " + perHook.get(h).size() + ", the circuit " + size);
                }
            }
            copy.add(List.copyOf(perHook));
        }
        hookCircuits = List.copyOf(copy);
    }

    /** Units of all analysed hook points. */
    public int analysedUnits() {
        return hookCircuits.isEmpty() ? 0 : hookCircuits.get(0).stream().mapToInt(HookCircuit::units).sum();
    }

    /** Size of factor k's circuit over all hook points as a fraction of the analysed units. */
    public double sizeFraction(int factor) {
        int all = analysedUnits();
        return all == 0 ? Double.NaN : (double) circuits.size(factor) / all;
    }

    /**
     * Circuit modularity ({@link Circuits#modularity(CircuitSet)}) of these circuits, with its sample
     * count and seed; with {@link #repeats}, the interval of {@link Repeats#around} (its replicate
     * count is the number of repeats, its bootstrap seed theirs), else none: a bootstrap replicate
     * would repeat the whole patching search.
     */
    public Estimate modularity() {
        double value = Circuits.modularity(circuits);
        int samples = pairs * circuits.factors().size();
        if (repeats == null || !Double.isFinite(value)) {
            return Estimate.withoutInterval(value, samples, seed);
        }
        double[] interval = repeats.around(value);
        return new Estimate(value, interval[0], interval[1], repeats.confidence(), samples, seed,
                repeats.modularity().length, repeats.seed());
    }

    /** One line per factor: size, share of the analysed units and the ablation verdicts per hook point. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < circuits.factors().size(); k++) {
            text.append(String.format(Locale.ROOT, "%s: %d of %d units (%.1f%%)", circuits.factors().get(k),
                    circuits.size(k), analysedUnits(), 100 * sizeFraction(k)));
            String separator = "; ";
            for (int h = 0; h < circuits.hooks().size(); h++) {
                HookCircuit c = hookCircuits.get(k).get(h);
                if (c.size() > 0) {
                    text.append(separator).append(hookText(circuits.hooks().get(h), c));
                    separator = ", ";
                }
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static String hookText(String hook, HookCircuit c) {
        return String.format(Locale.ROOT, "%s %d/%d restores %.2f, ablated leaves %.2f (random %s) %s", hook, c.size(),
                c.units(), c.restored(), c.ablatedRemaining(), c.randomSets() == 0 ? "-"
                        : String.format(Locale.ROOT, "%.2f±%.2f", c.randomRemainingMean(), c.randomRemainingSd()),
                c.verdict().label());
    }

    /** Writes the circuits as a JSON object: settings, then per factor its size and per hook point its units and checks. */
    void writeJson(JsonWriter json) {
        json.beginObject()
                .member("restore_fraction", restore)
                .member("pairs", pairs)
                .member("seed", seed)
                .member("analysed_units", analysedUnits())
                .member("most", MOST);
        json.name("modularity_repeats");
        if (repeats == null) {
            json.nullValue();
        } else {
            json.beginArray();
            for (double m : repeats.modularity()) {
                json.value(m);
            }
            json.endArray();
        }
        json.name("factors").beginArray();
        for (int k = 0; k < circuits.factors().size(); k++) {
            json.beginObject().member("factor", circuits.factors().get(k))
                    .member("size", circuits.size(k))
                    .member("size_fraction", sizeFraction(k));
            json.name("hooks").beginArray();
            for (int h = 0; h < circuits.hooks().size(); h++) {
                writeHook(json, circuits.hooks().get(h), circuits.units().get(k).get(h), hookCircuits.get(k).get(h));
            }
            json.endArray().endObject();
        }
        json.endArray().endObject();
    }

    private static void writeHook(JsonWriter json, String hook, int[] members, HookCircuit c) {
        json.beginObject().member("hook", hook).member("units", c.units()).member("size", c.size());
        json.name("members").beginArray();
        for (int u : members) {
            json.value(u);
        }
        json.endArray()
                .member("effect_share", c.effectShare())
                .member("fraction_restored", c.restored())
                .member("ablated_remaining", c.ablatedRemaining())
                .member("random_remaining_mean", c.randomRemainingMean())
                .member("random_remaining_sd", c.randomRemainingSd())
                .member("random_sets", c.randomSets())
                .member("verdict", c.verdict().label())
                .endObject();
    }
}
