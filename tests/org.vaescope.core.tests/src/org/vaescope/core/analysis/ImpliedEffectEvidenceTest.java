package org.vaescope.core.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The rules that set entries of M aside as no evidence about an edge. */
class ImpliedEffectEvidenceTest {

    private static LatentEffects latentsWithFactorEffects(double[][] e) {
        return LatentEffects.fromSamples(new LatentEffects.PerSample(new double[][] {{1, 1}, {1, 1}},
                new double[][][] {e, e}, new double[][] {{1, 1}, {1, 1}}), List.of("a", "b"), 1);
    }

    /**
     * Latent 0 carries a (E = 0.9) and also moves b (0.8, above half of b's best 1.0): shifting it
     * intervenes on b's latents, so a → b is confounded; latent 1 carries b and barely moves a.
     */
    @Test
    void aCarrierThatAlsoCarriesTheOtherFactorConfoundsThePair() {
        double[][] e = {{0.9, 0.8}, {0.1, 1.0}};
        FactorEffectMatrix effects = FactorEffectMatrix.measured(List.of("a", "b"), new double[][][] {e},
                new int[][] {{0}, {1}}, 1);

        boolean[][] confounded = ImpliedEffectEvidence.confounded(effects, latentsWithFactorEffects(e),
                AnalysisSettings.defaults());

        assertArrayEquals(new boolean[] {false, true}, confounded[0]);
        assertArrayEquals(new boolean[] {false, false}, confounded[1]);
    }

    @Test
    void aSharedCarrierConfoundsBothDirectionsAndThePairsAreListed() {
        double[][] e = {{0.9, 0.1}, {0.1, 0.9}};
        FactorEffectMatrix effects = FactorEffectMatrix.measured(List.of("a", "b"), new double[][][] {e},
                new int[][] {{0}, {0}}, 1);

        boolean[][] confounded = ImpliedEffectEvidence.confounded(effects, latentsWithFactorEffects(e),
                AnalysisSettings.defaults());

        assertEquals(List.of("a -> b", "b -> a"), ImpliedEffectEvidence.confoundedPairs(List.of("a", "b"), confounded));
    }

    @Test
    void aReadOutLessThanATenthAboveChanceOnReconstructionsIsUnreadable() {
        // chance 0.25: 0.3 is 0.067 above chance, 0.4 is 0.2 above chance
        assertArrayEquals(new boolean[] {true, false},
                ImpliedEffectEvidence.unreadable(new double[] {0.3, 0.4}, new double[] {0.25, 0.25}));
    }

    @Test
    void evidenceKeepsTheDiagonalAndSetsAsideConfoundedPairsAndColumnsOfUnreadableFactors() {
        double[][][] perSample = {{{0.9, 0.5, 0.3}, {0.4, 0.8, 0.2}, {0.6, 0.7, 0.5}}};
        FactorEffectMatrix effects = FactorEffectMatrix.measured(List.of("a", "b", "c"), perSample,
                new int[][] {{0}, {1}, {2}}, 7);
        boolean[][] confounded = {{false, false, true}, {false, false, false}, {false, false, false}};

        FactorEffectMatrix kept = ImpliedEffectEvidence.evidence(effects, confounded, new boolean[] {false, true, false});

        assertArrayEquals(new double[] {0.9, 0.0, 0.0}, kept.effect()[0], "a -> b unreadable, a -> c confounded");
        assertArrayEquals(new double[] {0.4, 0.8, 0.2}, kept.effect()[1], "b's own effect stays");
        assertArrayEquals(new double[] {0.6, 0.0, 0.5}, kept.effect()[2]);
        assertEquals(0.5, effects.effect()[0][1], "the measured matrix is not modified");
        assertArrayEquals(effects.carriers()[2], kept.carriers()[2]);
        assertEquals(7, kept.seed());
    }
}
