package org.vaescope.core.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void theReportsReadOutTableGivesEachAccuracyAboveChanceAndMarksTheUnreadable() {
        String table = ImpliedEffectEvidence.readoutTable(List.of("shape", "posX"), new double[] {0.48, 0.96},
                new double[] {0.40, 0.90}, new double[] {1.0 / 3, 1.0 / 32});
        String[] lines = table.split("\\R");
        assertEquals(4, lines.length, table);
        assertTrue(lines[2].matches("shape\\s+0\\.480\\s+0\\.400\\s+0\\.333\\s+0\\.100\\s*"),
                "(0.40 − 1/3) / (2/3) = 0.100 is not below the floor: " + lines[2]);
        assertTrue(lines[3].matches("posX\\s+0\\.960\\s+0\\.900\\s+0\\.031\\s+0\\.897\\s*"), lines[3]);
        String blind = ImpliedEffectEvidence.readoutTable(List.of("orientation"), new double[] {0.06},
                new double[] {0.03}, new double[] {0.025});
        assertTrue(blind.strip().endsWith("0.005  unreadable"), blind);
    }

    private static final double[][] NO_CROSSTALK = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};

    @Test
    void evidenceKeepsTheDiagonalAndSetsAsideConfoundedPairsAndColumnsOfUnreadableFactors() {
        double[][][] perSample = {{{0.9, 0.5, 0.3}, {0.4, 0.8, 0.2}, {0.6, 0.7, 0.5}}};
        FactorEffectMatrix effects = FactorEffectMatrix.measured(List.of("a", "b", "c"), perSample,
                new int[][] {{0}, {1}, {2}}, 7);
        boolean[][] confounded = {{false, false, true}, {false, false, false}, {false, false, false}};

        FactorEffectMatrix kept = ImpliedEffectEvidence.evidence(effects, confounded, new boolean[] {false, true, false},
                new boolean[3], NO_CROSSTALK);

        assertArrayEquals(new double[] {0.9, 0.0, 0.0}, kept.effect()[0], "a -> b unreadable, a -> c confounded");
        assertArrayEquals(new double[] {0.4, 0.8, 0.2}, kept.effect()[1], "b's own effect stays");
        assertArrayEquals(new double[] {0.6, 0.0, 0.5}, kept.effect()[2]);
        assertEquals(0.5, effects.effect()[0][1], "the measured matrix is not modified");
        assertArrayEquals(effects.carriers()[2], kept.carriers()[2]);
        assertEquals(7, kept.seed());
    }

    /**
     * Per input, m[k,l] − ρ[k,l]·m[k,k]: the read-out of b moves 0.2 per unit of a on pairs that differ only
     * in a, so a shift that moves a by 0.5 (input 1) or 0.9 (input 2) owes b 0.10 or 0.18 of crosstalk.
     */
    @Test
    void anEntryIsReadNetOfTheReadOutsCrosstalkInputByInput() {
        double[][][] perSample = {{{0.5, 0.15}, {0.0, 0.7}}, {{0.9, 0.30}, {0.1, 0.7}}};
        FactorEffectMatrix effects = FactorEffectMatrix.measured(List.of("a", "b"), perSample,
                new int[][] {{0}, {1}}, 3);

        FactorEffectMatrix kept = ImpliedEffectEvidence.evidence(effects, new boolean[2][2], new boolean[2],
                new boolean[2], new double[][] {{1, 0.2}, {0.5, 1}});

        assertEquals(0.05, kept.perSample()[0][0][1], 1e-12);
        assertEquals(0.12, kept.perSample()[1][0][1], 1e-12);
        assertEquals(0.085, kept.effect(0, 1), 1e-12, "the mean of the net terms");
        assertEquals(0.1 / 2 - 0.5 * 0.7, kept.effect(1, 0), 1e-12, "net evidence may be negative");
        assertEquals(0.7, kept.effect(0, 0), 1e-12, "the diagonal stays as measured");
        assertEquals(List.of(), FactorGraphAnalysis.impliedGraph(kept, 0.1).edges(),
                "0.225 measured, 0.085 beyond the crosstalk: no edge at 0.1");
    }

    /**
     * a's carrier (latent 0) moves a by 0.05 only: no latent carries a, so shifting latent 0 is no
     * intervention on a. c shares latent 1 with b, which moves b (0.9) more than c (0.4): the shift is
     * b's intervention, tested on b's row. b keeps its row. An unreadable factor has no row either, and
     * its noisy read-out claims no latent: d shares latent 1 and "moves" by 0.95, yet b keeps its row.
     */
    @Test
    void aFactorWhoseCarrierDoesNotMoveItOrIsAnotherFactorsHasNoInterventionOfItsOwn() {
        double[][] m = {{0.05, 0.3, 0.0, 0.0}, {0.0, 0.9, 0.4, 0.95}, {0.0, 0.9, 0.4, 0.95}, {0.0, 0.9, 0.4, 0.95}};
        FactorEffectMatrix effects = FactorEffectMatrix.measured(List.of("a", "b", "c", "d"), new double[][][] {m},
                new int[][] {{0}, {1}, {1}, {1}}, 1);
        double[][] e = {{0.05, 0.3, 0.0, 0.0}, {0.0, 0.9, 0.4, 0.95}};
        LatentEffects latents = LatentEffects.fromSamples(new LatentEffects.PerSample(new double[][] {{1, 1}},
                new double[][][] {e}, new double[][] {{1, 1}}), List.of("a", "b", "c", "d"), 1);
        boolean[] unreadable = {false, false, false, true};

        boolean[] without = ImpliedEffectEvidence.withoutOwnIntervention(effects, latents, unreadable, 0.1);

        assertArrayEquals(new boolean[] {true, false, true, true}, without);
        assertEquals(List.of("a", "c", "d"), ImpliedEffectEvidence.named(effects.factors(), without));
        FactorEffectMatrix kept = ImpliedEffectEvidence.evidence(effects, new boolean[4][4], unreadable, without,
                new double[][] {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}});
        assertEquals(0, kept.effect(0, 1), "a -> b set aside although M = 0.3");
    }

    @Test
    void theSummarySaysHowManyPairsWereTestedAndWhyTheOthersWereSetAsideInTheRulesOrder() {
        List<ImpliedEffectEvidence.Entry> pairs = List.of(ImpliedEffectEvidence.Entry.CONFOUNDED,
                ImpliedEffectEvidence.Entry.TESTED, ImpliedEffectEvidence.Entry.CAUSE_WITHOUT_OWN_INTERVENTION,
                ImpliedEffectEvidence.Entry.CONFOUNDED, ImpliedEffectEvidence.Entry.EFFECT_UNREADABLE);

        assertEquals("1 of 5 factor pairs tested; set aside: 1 effect unreadable, 2 confounded, 1 cause without an "
                + "intervention of its own.", ImpliedEffectEvidence.testedSummary(pairs));
        assertEquals("2 of 2 factor pairs tested.", ImpliedEffectEvidence.testedSummary(
                List.of(ImpliedEffectEvidence.Entry.TESTED, ImpliedEffectEvidence.Entry.TESTED)));
        assertEquals("No factor pair could be tested (1 effect unreadable): the empty graph says nothing about the "
                + "model.", ImpliedEffectEvidence.testedSummary(List.of(ImpliedEffectEvidence.Entry.EFFECT_UNREADABLE)));
        assertEquals("", ImpliedEffectEvidence.testedSummary(List.of()));
    }
}
