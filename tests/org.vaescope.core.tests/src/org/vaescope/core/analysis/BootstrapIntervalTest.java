package org.vaescope.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class BootstrapIntervalTest {

    private static final List<String> FACTORS = List.of("a", "b");

    /** n inputs, 3 latents; latent 2 has tiny KL (inactive). Noisy effects around fixed means. */
    private static LatentEffects noisyLatents(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] o = new double[n][3];
        double[][][] e = new double[n][3][2];
        double[][] kl = new double[n][3];
        for (int x = 0; x < n; x++) {
            o[x] = new double[] {2 + random.nextDouble(), 4 + 2 * random.nextDouble(), 0.01 * random.nextDouble()};
            e[x][0] = new double[] {0.6 + 0.2 * random.nextDouble(), 0.1 * random.nextDouble()};
            e[x][1] = new double[] {0.2 * random.nextDouble(), 0.3 + 0.4 * random.nextDouble()};
            e[x][2] = new double[] {0.001 * random.nextDouble(), 0.001 * random.nextDouble()};
            kl[x] = new double[] {1 + random.nextDouble(), 0.5 + random.nextDouble(), 0.001 * random.nextDouble()};
        }
        return LatentEffects.fromSamples(new LatentEffects.PerSample(o, e, kl), FACTORS, seed);
    }

    @Test
    void intervalContainsThePointEstimate() {
        LatentMetrics.Result result = LatentMetrics.compute(noisyLatents(100, 1), AnalysisSettings.defaults(),
                BootstrapSettings.defaults(7));
        for (Estimate estimate : List.of(result.modelCes(), result.modelSpecificity(), result.factorCes().get(0),
                result.factorCes().get(1))) {
            assertTrue(estimate.hasInterval(), estimate.toString());
            assertTrue(estimate.intervalContains(estimate.value()), estimate.toString());
            assertEquals(200, estimate.bootstrapReplicates());
            assertEquals(0.95, estimate.confidence());
        }
        assertEquals(100, result.modelCes().sampleCount());
        assertEquals(50, result.factorCes().get(0).sampleCount(), "CES_k is estimated on the half that did not choose");
    }

    @Test
    void intervalShrinksWithTheSampleCount() {
        Estimate small = LatentMetrics.compute(noisyLatents(40, 2), AnalysisSettings.defaults(),
                BootstrapSettings.defaults(7)).modelCes();
        Estimate large = LatentMetrics.compute(noisyLatents(640, 2), AnalysisSettings.defaults(),
                BootstrapSettings.defaults(7)).modelCes();
        // width ∝ 1/√n: 16 times the samples → about a quarter of the width
        assertTrue(large.intervalWidth() < 0.5 * small.intervalWidth(),
                "small n " + small.formatted() + ", large n " + large.formatted());
    }

    @Test
    void sameSeedGivesTheSameIntervalAndAnotherSeedAnother() {
        LatentEffects effects = noisyLatents(80, 3);
        Estimate first = LatentMetrics.compute(effects, AnalysisSettings.defaults(), BootstrapSettings.defaults(5))
                .modelCes();
        Estimate again = LatentMetrics.compute(effects, AnalysisSettings.defaults(), BootstrapSettings.defaults(5))
                .modelCes();
        Estimate other = LatentMetrics.compute(effects, AnalysisSettings.defaults(), BootstrapSettings.defaults(6))
                .modelCes();
        assertEquals(first, again);
        assertNotEquals(first.lower(), other.lower());
    }

    @Test
    void unitPairTermsGiveIntervalsForUnitCounts() {
        SplittableRandom random = new SplittableRandom(4);
        int n = 30;
        List<double[][][]> terms = new ArrayList<>();
        for (int units : new int[] {4, 6}) {
            double[][][] t = new double[2][n][units];
            for (int k = 0; k < 2; k++) {
                for (int p = 0; p < n; p++) {
                    for (int u = 0; u < units; u++) {
                        boolean owned = u % 2 == k;
                        t[k][p][u] = (owned ? 1.0 : 0.05) * (0.5 + random.nextDouble());
                    }
                }
            }
            terms.add(t);
        }
        UnitEffects effects = UnitEffects.fromPairTerms(List.of("enc1", "dec1"), FACTORS, terms, 12L);
        UnitClassification.HookUnitCounts counts = UnitClassification
                .counts(effects, AnalysisSettings.defaults(), BootstrapSettings.defaults(8)).get(1);
        assertEquals(6, counts.monosemantic().value());
        assertTrue(counts.monosemantic().intervalContains(6));
        // the resample keeps the shape and stays near the means
        UnitEffects replicate = effects.resample(new SplittableRandom(1));
        assertEquals(6, replicate.unitCount(1));
        assertEquals(effects.response(0, 0, 0), replicate.response(0, 0, 0), 0.3);
    }

    @Test
    void aggregatesThatDisagreeWithTheirTermsAreRejected() {
        LatentEffects.PerSample samples = new LatentEffects.PerSample(new double[][] {{1.0}, {3.0}},
                new double[][][] {{{0.1}}, {{0.1}}}, new double[][] {{1.0}, {1.0}});
        AnalysisInputException e = assertThrows(AnalysisInputException.class, () -> new LatentEffects(
                new double[] {5.0}, new double[][] {{0.1}}, new double[] {1.0}, List.of("a"), 2, 0L, samples));
        assertTrue(e.getMessage().contains("O[0]"), e.getMessage());
        LatentEffects consistent = new LatentEffects(new double[] {2.0}, new double[][] {{0.1}}, new double[] {1.0},
                List.of("a"), 2, 0L, samples);
        assertTrue(consistent.hasSamples());
    }

    /** A replicate of the halves draws each half's pairs from that half only: no pair crosses over. */
    @Test
    void halvesAreResampledWithinThemselves() {
        int pairs = 5;
        double[][][] terms = new double[FACTORS.size()][pairs][];
        for (double[][] factor : terms) {
            for (int p = 0; p < pairs; p++) {
                factor[p] = new double[] {p < 3 ? 1.0 : 3.0};
            }
        }
        UnitEffects effects = UnitEffects.fromPairTerms(List.of("h"), FACTORS, List.<double[][][]>of(terms), 0L);
        for (int b = 0; b < 20; b++) {
            UnitEffects.Halves replicate = effects.resampleHalves(new SplittableRandom(b));
            assertEquals(3, replicate.firstCount());
            assertEquals(1.0, replicate.first().get(0)[0][0], 1e-12);
            assertEquals(3.0, replicate.second().get(0)[0][1], 1e-12);
            assertEquals(1.8, replicate.combined(0)[0][0], 1e-12);
        }
        assertEquals(effects.response(0, 0, 1), effects.halves().combined(0)[0][1], 1e-12);
    }

    @Test
    void resamplingWithoutTermsIsRejected() {
        UnitEffects effects = UnitEffects.of(List.of("h"), List.<double[][]>of(new double[][] {{1, 0}}), FACTORS, 3,
                0L);
        assertThrows(AnalysisInputException.class, () -> effects.resample(new SplittableRandom(0)));
        assertThrows(AnalysisInputException.class, () -> effects.resampleHalves(new SplittableRandom(0)));
        assertTrue(effects.halves() == null);
    }
}
