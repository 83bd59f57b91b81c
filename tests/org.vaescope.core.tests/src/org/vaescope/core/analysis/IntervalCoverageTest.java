package org.vaescope.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The bootstrap intervals mean what they say: on simulated effects with a known true value, the
 * nominal 95 % intervals cover it in 90–99 % of 200 independent repetitions (binomial noise of 200
 * draws at 95 % is ±1.5 points).
 */
class IntervalCoverageTest {

    private static final int REPETITIONS = 200;
    private static final int INPUTS = 100;

    /**
     * Two active latents whose per-input output effects are exponential with means 2 and 4: the
     * true model CES (mean over active latents of the mean effect) is 3.
     */
    @Test
    void modelCesIntervalsCoverTheTrueValue() {
        int covered = 0;
        for (int repetition = 0; repetition < REPETITIONS; repetition++) {
            Estimate ces = LatentMetrics.compute(simulated(repetition), AnalysisSettings.defaults(),
                    BootstrapSettings.defaults(10_000 + repetition)).modelCes();
            if (ces.intervalContains(3.0)) {
                covered++;
            }
        }
        double coverage = covered / (double) REPETITIONS;
        assertTrue(coverage >= 0.90 && coverage <= 0.99, "coverage " + coverage);
    }

    /**
     * Model specificity {@code Σ_i max_k E[i,k] / Σ_i Σ_k E[i,k]}, a ratio with a maximum of noisy
     * means in it, so biased; its interval is the percentile one. Latent 0's two strongest factor
     * effects are close (1.0 and 0.8), latent 1 has one (1.0 of 1.5): the true value is
     * (1.0 + 1.0) / (1.9 + 1.5) = 0.588. Measured: 0.94 at 100 inputs (0.97 at 50, 0.935 at 200);
     * with an exact tie between the two strongest effects (0.6 and 0.6) it drops to 0.90.
     */
    @Test
    void modelSpecificityIntervalsCoverTheTrueValue() {
        double[][] factorMeans = {{1.0, 0.8, 0.1}, {0.2, 0.3, 1.0}};
        int covered = 0;
        for (int repetition = 0; repetition < REPETITIONS; repetition++) {
            Estimate specificity = LatentMetrics.compute(simulated(repetition, factorMeans),
                    AnalysisSettings.defaults(), BootstrapSettings.defaults(10_000 + repetition)).modelSpecificity();
            if (specificity.intervalContains(2.0 / 3.4)) {
                covered++;
            }
        }
        double coverage = covered / (double) REPETITIONS;
        assertTrue(coverage >= 0.90 && coverage <= 0.99, "coverage " + coverage);
    }

    /**
     * The count of monosemantic units, cross-fitted, with each half resampled within itself: 40 units
     * whose dominant factor takes 0.35 … 0.85 of their response (evenly spaced, so 20 reach 0.6), the
     * rest spread over four other factors, exponential per-pair terms, 20 pairs per factor. Measured:
     * 0.97 (0.995 at 50 pairs and 1.0 at 200, where few units sit near the cut and the interval of a
     * count is conservative). Units that move on a few pairs only are outside this: docs/analysis.md.
     */
    @Test
    void monosemanticCountIntervalsCoverTheTrueCount() {
        int covered = 0;
        for (int repetition = 0; repetition < REPETITIONS; repetition++) {
            Estimate count = UnitClassification.counts(spreadShares(repetition), AnalysisSettings.defaults(),
                    BootstrapSettings.defaults(40_000 + repetition)).get(0).monosemantic();
            if (count.intervalContains(SPREAD_UNITS / 2)) {
                covered++;
            }
        }
        double coverage = covered / (double) REPETITIONS;
        assertTrue(coverage >= 0.90 && coverage <= 0.99, "coverage " + coverage);
    }

    /**
     * Each unit's cross-fitted dominant share has an interval that covers its true share, on the
     * units of {@link #monosemanticCountIntervalsCoverTheTrueCount} at 50 pairs per factor, pooled
     * over units and repetitions. A unit whose class the interval settles is rarely on the wrong side
     * of 0.6 (expected before measuring: at most 5 % of settled units, as each side of a 95 % interval
     * errs 2.5 % at the cut and less away from it), and most units are settled. Measured (coverage,
     * settled, wrong of settled): 20 pairs 0.879, 60 %, 1.2 %; 50 pairs 0.912, 73 %, 0.3 %; 200 pairs
     * 0.935, 86 %, 0.1 %. The percentile interval of a ratio of ten skewed means per half is short.
     */
    @Test
    void unitShareIntervalsCoverTheTrueShareAndSettledClassesAreRight() {
        Decisions d = decisions(BootstrapSettings.DEFAULT_REPLICATES);
        double coverage = d.covered() / (double) (REPETITIONS * SPREAD_UNITS);
        assertTrue(coverage >= 0.90 && coverage <= 0.99, "coverage " + coverage);
        assertTrue(d.wrong() <= 0.05 * d.settled(),
                d.wrong() + " of " + d.settled() + " settled units on the wrong side");
        assertTrue(d.settled() >= 0.5 * REPETITIONS * SPREAD_UNITS, d.settled() + " settled units");
    }

    /**
     * The same units at the quick settings' 50 bootstrap replicates (the IDE's default and
     * {@code --quick}): the 2.5 % quantiles rest on one or two replicates, yet settled classes stay
     * right. Measured: coverage 0.886, 75 % settled, 0.5 % of them on the wrong side.
     */
    @Test
    void settledClassesStayRightAtTheQuickSettingsFiftyReplicates() {
        Decisions d = decisions(50);
        assertTrue(d.wrong() <= 0.05 * d.settled(),
                d.wrong() + " of " + d.settled() + " settled units on the wrong side");
        assertTrue(d.settled() >= 0.5 * REPETITIONS * SPREAD_UNITS, d.settled() + " settled units");
    }

    /** Over units and repetitions: intervals covering the true share, settled units, those on the wrong side. */
    private record Decisions(int covered, int settled, int wrong) {
    }

    /** The classes of {@link #spreadShares} units at 50 pairs per factor, B bootstrap replicates. */
    private static Decisions decisions(int replicates) {
        int covered = 0;
        int settled = 0;
        int wrong = 0;
        for (int repetition = 0; repetition < REPETITIONS; repetition++) {
            UnitClassification.HookUnitCounts counts = UnitClassification.counts(spreadShares(repetition, 50),
                    AnalysisSettings.defaults(), new BootstrapSettings(replicates, 0.95, 40_000 + repetition))
                    .get(0);
            for (int u = 0; u < SPREAD_UNITS; u++) {
                Estimate share = counts.shares().get(u);
                covered += share.intervalContains(spreadShare(u)) ? 1 : 0;
                if (!counts.undecided(u)) {
                    settled++;
                    wrong += (share.value() >= 0.6) != (spreadShare(u) >= 0.6) ? 1 : 0;
                }
            }
        }
        return new Decisions(covered, settled, wrong);
    }

    private static final int SPREAD_UNITS = 40;

    /** Dominant share of unit u in {@link #spreadShares}: 0.35 … 0.85, evenly spaced. */
    private static double spreadShare(int u) {
        return 0.35 + 0.5 * u / (SPREAD_UNITS - 1);
    }

    /**
     * 40 units whose dominant factor takes {@link #spreadShare} of their response (so 20 reach 0.6),
     * the rest spread over four other factors; exponential per-pair terms, 20 pairs per factor.
     */
    private static UnitEffects spreadShares(long seed) {
        return spreadShares(seed, 20);
    }

    private static UnitEffects spreadShares(long seed, int pairs) {
        SplittableRandom random = new SplittableRandom(30_000 + seed);
        double[][][] terms = new double[5][pairs][SPREAD_UNITS];
        for (int u = 0; u < SPREAD_UNITS; u++) {
            for (int k = 0; k < 5; k++) {
                double mean = k == 0 ? spreadShare(u) : (1 - spreadShare(u)) / 4;
                for (int p = 0; p < pairs; p++) {
                    terms[k][p][u] = exponential(random, mean);
                }
            }
        }
        return UnitEffects.fromPairTerms(List.of("h"), List.of("a", "b", "c", "d", "e"),
                List.<double[][][]>of(terms), seed);
    }

    /**
     * Circuit modularity's interval from repeated circuit searches ({@link FactorCircuits.Repeats}):
     * the first search's value and 7 repeats drawn from one normal distribution; the interval should
     * cover its mean in 95 % of 2,000 repetitions (binomial sd 0.5 points). A z quantile in place of
     * Student's would cover 90 %, a standard error in place of the standard deviation far less.
     */
    @Test
    void modularityIntervalsFromRepeatedSearchesCoverTheMeanOverPairSets() {
        SplittableRandom random = new SplittableRandom(50);
        int repetitions = 2_000;
        int covered = 0;
        for (int repetition = 0; repetition < repetitions; repetition++) {
            double first = 0.63 + 0.01 * gaussian(random);
            double[] repeats = new double[7];
            for (int r = 0; r < repeats.length; r++) {
                repeats[r] = 0.63 + 0.01 * gaussian(random);
            }
            double[] interval = new FactorCircuits.Repeats(repeats, 0.95, repetition).around(first);
            covered += interval[0] <= 0.63 && 0.63 <= interval[1] ? 1 : 0;
        }
        double coverage = covered / (double) repetitions;
        System.out.printf("[measured] modularity interval from 7 repeats covers the mean in %.4f%n", coverage);
        assertTrue(coverage >= 0.935 && coverage <= 0.965, "coverage " + coverage);
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** A statistic undefined on every other resample rests on half the replicates, and says so. */
    @Test
    void undefinedReplicatesAreNotCounted() {
        int[] call = {0};
        Estimate estimate = Estimates.of(new double[] {1.0},
                random -> new double[] {call[0]++ % 2 == 0 ? Double.NaN : random.nextDouble()}, 10, 1,
                new BootstrapSettings(200, 0.95, 3)).get(0);
        assertEquals(100, estimate.bootstrapReplicates());
        assertTrue(estimate.hasInterval(), estimate.toString());
    }

    /**
     * Precision of a graph without edges is undefined; a few resamples that happen to draw an edge
     * define it, but their values are no interval for it.
     */
    @Test
    void anUndefinedValueHasNoInterval() {
        Estimate estimate = Estimates.of(new double[] {Double.NaN}, random -> new double[] {random.nextDouble()}, 10,
                1, new BootstrapSettings(200, 0.95, 3)).get(0);
        assertTrue(!estimate.hasInterval() && Double.isNaN(estimate.lower()), estimate.toString());
        assertEquals("undefined", estimate.formatted());
        Estimate readBack = new Estimate(Double.NaN, 0, 0, 0.95, 50, 1, 5, 0);
        assertTrue(!readBack.hasInterval(), "an analysis file written before this rule");
    }

    private static LatentEffects simulated(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] output = new double[INPUTS][2];
        double[][][] factor = new double[INPUTS][2][2];
        double[][] kl = new double[INPUTS][2];
        for (int x = 0; x < INPUTS; x++) {
            output[x] = new double[] {exponential(random, 2), exponential(random, 4)};
            factor[x][0] = new double[] {random.nextDouble(), 0.1 * random.nextDouble()};
            factor[x][1] = new double[] {0.1 * random.nextDouble(), random.nextDouble()};
            kl[x] = new double[] {1 + random.nextDouble(), 1 + random.nextDouble()};
        }
        return LatentEffects.fromSamples(new LatentEffects.PerSample(output, factor, kl), List.of("a", "b"), seed);
    }

    /** Active latents whose per-input factor effects are exponential with means {@code factorMeans[i][k]}. */
    private static LatentEffects simulated(long seed, double[][] factorMeans) {
        SplittableRandom random = new SplittableRandom(seed);
        int latents = factorMeans.length;
        int factors = factorMeans[0].length;
        double[][] output = new double[INPUTS][latents];
        double[][][] factor = new double[INPUTS][latents][factors];
        double[][] kl = new double[INPUTS][latents];
        for (int x = 0; x < INPUTS; x++) {
            for (int i = 0; i < latents; i++) {
                output[x][i] = exponential(random, 1);
                kl[x][i] = 1 + random.nextDouble();
                for (int k = 0; k < factors; k++) {
                    factor[x][i][k] = exponential(random, factorMeans[i][k]);
                }
            }
        }
        List<String> names = java.util.stream.IntStream.range(0, factors).mapToObj(k -> "f" + k).toList();
        return LatentEffects.fromSamples(new LatentEffects.PerSample(output, factor, kl), names, seed);
    }

    static double exponential(SplittableRandom random, double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }
}
