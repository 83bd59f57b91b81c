package org.vaescope.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vaescope.core.analysis.AnalysisSettings;
import org.vaescope.core.analysis.Circuits;
import org.vaescope.core.analysis.FactorCircuits;
import org.vaescope.core.hooks.StagedModel;
import org.vaescope.core.interventions.CircuitDiscovery;
import org.vaescope.core.interventions.InputManipulation;
import org.vaescope.core.interventions.Pairs;

/**
 * Circuits on a network whose answer is known: bar-code images → h1 (16 ReLU units) → h2 (3 units,
 * read as logits). Factor a reaches the output through h1 units 0 and 1 only (h2[0] = 0.1·(h1[0] +
 * h1[1])), b through units 2..5 (h2[1]); units 6..13 respond to b and unit 14 to a, more strongly
 * than the carriers, but nothing reads them; unit 15 is dead; no unit reads c (the negative
 * control). A response threshold would put unit 14 into a's circuit and units 6..13 into b's.
 */
class CircuitDiscoveryTest {

    private static final List<String> HOOKS = List.of("h1", "h2");
    private static final List<String> FACTORS = List.of("a", "b", "c");
    private static final int PAIRS = 64;
    private static StagedModel model;

    @BeforeAll
    static void buildTheNetwork() {
        double[][] bars = new double[16][];
        double[][] out = new double[3][16];
        for (int u = 0; u < 16; u++) {
            bars[u] = u < 2 ? new double[] {1, 0, 0} : u < 14 ? new double[] {0, u < 6 ? 1 : 2, 0}
                    : u == 14 ? new double[] {3, 0, 0} : new double[] {0, 0, 0};
        }
        out[0][0] = out[0][1] = 0.1;
        for (int u = 2; u < 6; u++) {
            out[1][u] = 0.1;
        }
        model = BarCodes.network(bars, out);
    }

    private static List<Pairs> pairs(long seed) {
        SplittableRandom seeds = new SplittableRandom(seed);
        List<Pairs> pairs = new ArrayList<>();
        for (int k = 0; k < FACTORS.size(); k++) {
            pairs.add(Pairs.differingIn(new BarCodes(), k, PAIRS, seeds.nextLong()));
        }
        return pairs;
    }

    private static FactorCircuits find(long seed) {
        return CircuitDiscovery.find(model, HOOKS, pairs(1), pairs(2), FACTORS, AnalysisSettings.defaults(), seed, null);
    }

    @Test
    void aFactorCarriedByTwoUnitsHasExactlyThoseTwoAsItsCircuit() {
        FactorCircuits circuits = find(7);
        assertArrayEquals(new int[] {0, 1}, circuits.circuits().units("a", "h1"),
                "one of the two restores only ~3/4 of the effect; the unit nothing reads is left out");
        assertArrayEquals(new int[] {0}, circuits.circuits().units("a", "h2"));
        FactorCircuits.HookCircuit a = circuits.hookCircuits().get(0).get(0);
        assertEquals(1.0, a.effectShare(), 1e-6, "every path goes through h1");
        assertTrue(a.restored() >= 0.8 && a.restored() <= 1.0 + 1e-6, "restored " + a.restored());
        assertEquals(3.0 / 19, circuits.sizeFraction(0), 1e-12, "3 of the 19 analysed units");
    }

    @Test
    void ablatingTheCircuitRemovesTheEffectAndAblatingAsManyOtherUnitsDoesNot() {
        FactorCircuits.HookCircuit a = find(7).hookCircuits().get(0).get(0);
        assertEquals(0.0, a.ablatedRemaining(), 1e-9, "h2[0] no longer depends on a");
        assertEquals(10, a.randomSets());
        assertEquals(1.0, a.randomRemainingMean(), 1e-6, "no other unit carries a to the output");
        assertEquals(FactorCircuits.Verdict.NECESSARY, a.verdict());
    }

    @Test
    void aFactorSpreadOverFourUnitsKeepsTheFewestThatRestorePhi() {
        FactorCircuits circuits = find(7);
        int[] b = circuits.circuits().units("b", "h1");
        assertEquals(3, b.length, "3 of 4 equal carriers restore 1 − (1/4)² ≈ 0.94, 2 restore only 0.75");
        for (int u : b) {
            assertTrue(u >= 2 && u < 6, "unit " + u + " does not carry b to the output");
        }
        FactorCircuits.HookCircuit check = circuits.hookCircuits().get(1).get(0);
        assertTrue(check.ablatedRemaining() < 0.1, "the fourth carrier alone is left: " + check.ablatedRemaining());
        assertEquals(FactorCircuits.Verdict.NECESSARY, check.verdict());
    }

    @Test
    void theRestoredFractionIsMeasuredOnTheCheckPairsNotOnThoseThatChoseTheCircuit() {
        FactorCircuits checkedOnTwo = CircuitDiscovery.find(model, HOOKS, pairs(1), pairs(2), FACTORS,
                AnalysisSettings.defaults(), 7, null);
        FactorCircuits checkedOnThree = CircuitDiscovery.find(model, HOOKS, pairs(1), pairs(3), FACTORS,
                AnalysisSettings.defaults(), 7, null);
        assertArrayEquals(checkedOnTwo.circuits().units("b", "h1"), checkedOnThree.circuits().units("b", "h1"),
                "the circuit is chosen on the search's pairs alone");
        double onTwo = checkedOnTwo.hookCircuits().get(1).get(0).restored();
        double onThree = checkedOnThree.hookCircuits().get(1).get(0).restored();
        assertNotEquals(onTwo, onThree, 1e-9, "each check's own pairs give its restored fraction");
        assertEquals(1 - 1.0 / 16, onTwo, 0.05, "3 of 4 equal carriers, on new pairs as on the search's");
        assertEquals(1 - 1.0 / 16, onThree, 0.05);
    }

    @Test
    void aFactorNoUnitCarriesHasAnEmptyCircuitAtEveryHookPoint() {
        FactorCircuits circuits = find(7);
        assertEquals(0, circuits.circuits().size(2));
        for (FactorCircuits.HookCircuit c : circuits.hookCircuits().get(2)) {
            assertEquals(FactorCircuits.Verdict.UNTESTED, c.verdict());
        }
        assertEquals(1.0, Circuits.modularity(circuits.circuits()), 1e-12, "a's and b's circuits share no unit");
    }

    @Test
    void theUnitsAThresholdWouldHaveTakenRespondAtLeastAsStronglyAsTheCarriers() {
        double[][] a = InputManipulation.respond(model, new BarCodes(), HOOKS, PAIRS, 3, PAIRS, null)
                .responses("h1");
        assertTrue(a[14][0] >= a[0][0] * (1 - 1e-6), "unit 14 responds to a: " + a[14][0] + " vs " + a[0][0]);
        assertTrue(a[6][1] >= 0.5 * a[2][1], "units 6..13 respond to b");
    }

    @Test
    void theSameSeedGivesTheSameCircuitsAndChecks() {
        FactorCircuits first = find(7);
        FactorCircuits again = find(7);
        for (int k = 0; k < FACTORS.size(); k++) {
            for (String hook : HOOKS) {
                assertArrayEquals(first.circuits().units(FACTORS.get(k), hook), again.circuits().units(FACTORS.get(k),
                        hook));
            }
            assertEquals(first.hookCircuits().get(k), again.hookCircuits().get(k));
        }
    }
}
