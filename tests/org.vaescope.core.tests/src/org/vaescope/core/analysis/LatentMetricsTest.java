package org.vaescope.core.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class LatentMetricsTest {

    private static final List<String> FACTORS = List.of("a", "b", "c");
    private static final double[] O = {2.0, 4.0, 100.0, 50.0};
    private static final double[][] E = {
            {0.8, 0.2, 0.0},
            {0.1, 0.1, 0.2},
            {0.9, 0.0, 0.0},
            {0.0, 0.0, 0.0},
    };
    // latent 2 inactive (below), latent 3 inactive (exactly at the threshold)
    private static final double[] KL = {0.5, 0.02, 0.005, 0.01};

    private static LatentEffects effects() {
        return LatentEffects.of(O, E, KL, FACTORS, 64, 8L);
    }

    @Test
    void modelCesAveragesOnlyActiveLatents() {
        assertArrayEquals(new boolean[] {true, true, false, false}, LatentMetrics.activeLatents(effects(), 0.01));
        assertEquals(3.0, LatentMetrics.modelCes(effects(), 0.01));
        assertEquals(4.0, LatentMetrics.latentCes(effects(), 1));
        assertEquals((2.0 + 4.0 + 50.0) / 3, LatentMetrics.modelCes(effects(), 0.009), 1e-12);
    }

    @Test
    void factorCesIsTheLargestFactorEffectOverLatents() {
        assertArrayEquals(new double[] {0.9, 0.2, 0.2}, LatentMetrics.factorCes(effects()));
    }

    /**
     * Ten latents with the same true effect 0.1 on factor a, measured with uniform noise on 40 inputs: the
     * largest of the ten means is biased upward; choosing the latent on half the inputs and
     * estimating it on the other half is not.
     */
    @Test
    void factorCesChosenOnHalfTheInputsAndEstimatedOnTheOtherIsUnbiased() {
        double split = 0;
        double sameInputs = 0;
        int repetitions = 200;
        for (int r = 0; r < repetitions; r++) {
            LatentEffects effects = equalNoisyEffects(40, 10, new java.util.SplittableRandom(r));
            split += LatentMetrics.factorCesEstimates(effects, BootstrapSettings.none()).get(0)
                    .value() / repetitions;
            sameInputs += LatentMetrics.factorCes(effects)[0] / repetitions;
        }
        // the largest of 10 means with standard error 0.058/√40 lies about 1.54 standard errors above 0.1
        assertEquals(0.1, split, 0.005, "split estimate");
        assertTrue(sameInputs > 0.108, "the maximum on the same inputs is biased: " + sameInputs);
    }

    @Test
    void factorCesIsTheChosenLatentsEffectOnTheOddInputs() {
        // even inputs choose latent 0 for factor a; odd inputs measure it at 0.2 (latent 1 there: 1.0)
        double[][][] e = {{{0.8}, {0.1}}, {{0.2}, {1.0}}, {{0.8}, {0.1}}, {{0.2}, {1.0}}};
        double[][] ones = {{1, 1}, {1, 1}, {1, 1}, {1, 1}};
        LatentEffects effects = LatentEffects.fromSamples(new LatentEffects.PerSample(ones, e, ones), List.of("a"), 1);

        Estimate ces = LatentMetrics.factorCesEstimates(effects, BootstrapSettings.defaults(1)).get(0);

        assertEquals(0.2, ces.value(), 1e-12);
        assertEquals(2, ces.sampleCount());
        assertArrayEquals(new int[] {1}, LatentMetrics.strongestLatents(effects), "on all inputs latent 1 wins, 0.55 to 0.5");
    }

    private static LatentEffects equalNoisyEffects(int n, int latents, java.util.SplittableRandom random) {
        double[][] o = new double[n][latents];
        double[][][] e = new double[n][latents][1];
        double[][] kl = new double[n][latents];
        for (int x = 0; x < n; x++) {
            for (int i = 0; i < latents; i++) {
                o[x][i] = 1;
                kl[x][i] = 1;
                e[x][i][0] = 0.2 * random.nextDouble();
            }
        }
        return LatentEffects.fromSamples(new LatentEffects.PerSample(o, e, kl), List.of("a"), 1);
    }

    @Test
    void specificityOfLatentsAndTheWeightedModelValue() {
        assertEquals(0.8, LatentMetrics.latentSpecificity(effects(), 0), 1e-15);
        assertEquals(0.5, LatentMetrics.latentSpecificity(effects(), 1), 1e-15);
        assertTrue(Double.isNaN(LatentMetrics.latentSpecificity(effects(), 3)));
        // weights Σ_k E: 1.0 and 0.4 → (1.0·0.8 + 0.4·0.5) / 1.4 = 1/1.4; the unweighted mean would be 0.65
        assertEquals(1.0 / 1.4, LatentMetrics.modelSpecificity(effects(), 0.01), 1e-12);
    }

    @Test
    void noActiveLatentLeavesTheModelValuesUndefined() {
        assertTrue(Double.isNaN(LatentMetrics.modelCes(effects(), 1.0)));
        assertTrue(Double.isNaN(LatentMetrics.modelSpecificity(effects(), 1.0)));
    }

    @Test
    void computeBundlesTheValuesWithProvenance() {
        LatentMetrics.Result result = LatentMetrics.compute(effects(), AnalysisSettings.defaults(),
                BootstrapSettings.defaults(3));
        assertEquals(3.0, result.modelCes().value());
        assertEquals(1.0 / 1.4, result.modelSpecificity().value(), 1e-12);
        assertEquals(0.9, result.factorCes("a").value());
        assertEquals(2, result.activeCount());
        assertEquals(64, result.modelCes().sampleCount());
        assertEquals(8L, result.modelCes().seed());
        assertFalse(result.modelCes().hasInterval(), "no per-sample terms, so no interval");
    }
}
