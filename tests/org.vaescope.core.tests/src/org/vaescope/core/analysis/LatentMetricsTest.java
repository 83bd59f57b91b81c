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
