package org.vaescope.core.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CircuitsTest {

    private static final AnalysisSettings DEFAULTS = AnalysisSettings.defaults();

    /** Units × 3 factors; factor k owns units [2k, 2k+1] with responses 1.0 and 0.6, others get 0.1. */
    private static double[][] blockDiagonal(int unitsPerFactor, int factors) {
        double[][] a = new double[unitsPerFactor * factors][factors];
        for (int u = 0; u < a.length; u++) {
            for (int k = 0; k < factors; k++) {
                a[u][k] = u / unitsPerFactor == k ? (u % unitsPerFactor == 0 ? 1.0 : 0.6) : 0.1;
            }
        }
        return a;
    }

    @Test
    void plantedBlockDiagonalCircuitsAreRecoveredExactlyWithModularityOne() {
        UnitEffects effects = UnitEffects.of(List.of("enc1", "dec1"),
                List.of(blockDiagonal(2, 3), blockDiagonal(3, 3)), List.of("a", "b", "c"), 20, 4L);
        CircuitSet circuits = Circuits.find(effects, DEFAULTS);
        assertArrayEquals(new int[] {0, 1}, circuits.units("a", "enc1"));
        assertArrayEquals(new int[] {2, 3}, circuits.units("b", "enc1"));
        assertArrayEquals(new int[] {4, 5}, circuits.units("c", "enc1"));
        assertArrayEquals(new int[] {3, 4, 5}, circuits.units("b", "dec1"));
        assertEquals(Set.of(new UnitRef("enc1", 4), new UnitRef("enc1", 5), new UnitRef("dec1", 6),
                new UnitRef("dec1", 7), new UnitRef("dec1", 8)), circuits.members("c"));
        assertEquals(1.0, Circuits.modularity(circuits));
    }

    @Test
    void identicalCircuitsForAllFactorsGiveModularityZero() {
        double[][] a = {{1, 1, 1}, {0.8, 0.9, 0.7}, {0, 0, 0}};
        UnitEffects effects = UnitEffects.of(List.of("h"), List.<double[][]>of(a), List.of("a", "b", "c"), 5, 0L);
        assertEquals(0.0, Circuits.modularity(Circuits.find(effects, DEFAULTS)));
    }

    @Test
    void halfOverlapCaseMatchesTheHandComputedJaccard() {
        // C_a = {h1:0, h1:1, h2:0}, C_b = {h1:1, h1:2, h2:0}: |∩| = 2, |∪| = 4, J = 1/2.
        // C_c = {h1:3} is disjoint from both: J(a,c) = J(b,c) = 0.
        // modularity = 1 − (1/2 + 0 + 0) / 3 = 5/6.
        double[][] h1 = {{1, 0, 0}, {1, 1, 0}, {0, 1, 0}, {0, 0, 1}};
        double[][] h2 = {{1, 1, 0}};
        UnitEffects effects = UnitEffects.of(List.of("h1", "h2"), List.of(h1, h2), List.of("a", "b", "c"), 5, 0L);
        CircuitSet circuits = Circuits.find(effects, DEFAULTS);
        assertEquals(0.5, Circuits.jaccard(circuits.members("a"), circuits.members("b")), 1e-15);
        assertEquals(0.0, Circuits.jaccard(circuits.members("a"), circuits.members("c")));
        // h2 has no circuit for c: its peak is 0
        assertEquals(0, circuits.units("c", "h2").length);
        assertEquals(5.0 / 6.0, Circuits.modularity(circuits), 1e-15);
    }

    @Test
    void circuitThresholdIncludesExactlyHalfTheMaximum() {
        double[][] a = {{1.0}, {0.5}, {0.49}, {0.0}};
        assertArrayEquals(new int[] {0, 1}, Circuits.circuitAtHook(a, 0, 0.5, 0.01));
        assertArrayEquals(new int[] {0}, Circuits.circuitAtHook(a, 0, 0.6, 0.01));
    }

    @Test
    void hooksWithoutResponseToAFactorHaveNoCircuit() {
        double[][] a = {{0.005}, {0.004}};
        assertEquals(0, Circuits.circuitAtHook(a, 0, 0.5, 0.01).length);
        assertArrayEquals(new int[] {0, 1}, Circuits.circuitAtHook(a, 0, 0.5, 0.001));
    }

    @Test
    void jaccardOfTwoEmptySetsIsZeroOverlap() {
        assertEquals(0.0, Circuits.jaccard(Set.of(), Set.of()));
        // two factors without any circuit share no unit: modularity 1
        double[][] silent = {{0, 0}, {0, 0}};
        UnitEffects effects = UnitEffects.of(List.of("h"), List.<double[][]>of(silent), List.of("a", "b"), 5, 0L);
        assertEquals(1.0, Circuits.modularity(Circuits.find(effects, DEFAULTS)));
    }

    @Test
    void modularityIsUndefinedForASingleFactor() {
        double[][] a = {{1}, {0.2}};
        UnitEffects effects = UnitEffects.of(List.of("h"), List.<double[][]>of(a), List.of("a"), 5, 0L);
        assertTrue(Double.isNaN(Circuits.modularity(Circuits.find(effects, DEFAULTS))));
    }
}
