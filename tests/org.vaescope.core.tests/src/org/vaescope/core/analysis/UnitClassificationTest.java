package org.vaescope.core.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class UnitClassificationTest {

    private static final AnalysisSettings DEFAULTS = AnalysisSettings.defaults();

    private static UnitClass classify(double... responses) {
        return UnitClassification.classify(responses, DEFAULTS.deadThreshold(), DEFAULTS.monosemanticRatio());
    }

    @Test
    void unitsMonosemanticByConstructionAreClassifiedMonosemantic() {
        assertEquals(UnitClass.MONOSEMANTIC, classify(1.0, 0.0, 0.0));
        assertEquals(UnitClass.MONOSEMANTIC, classify(0.0, 2.5, 0.1));
        assertEquals(UnitClass.MONOSEMANTIC, classify(0.0, 0.0, 0.02));
    }

    @Test
    void ratioExactlyAtThresholdIsMonosemanticAndJustBelowIsPolysemantic() {
        assertEquals(UnitClass.MONOSEMANTIC, classify(0.6, 0.4));
        assertEquals(UnitClass.MONOSEMANTIC, classify(3.0, 1.0, 1.0));
        assertEquals(UnitClass.POLYSEMANTIC, classify(0.59, 0.41));
        assertEquals(UnitClass.POLYSEMANTIC, classify(2.99, 1.0, 1.01));
    }

    @Test
    void deadBelowTheSumThresholdOnly() {
        assertEquals(UnitClass.DEAD, classify(0.004, 0.004, 0.0));
        assertEquals(UnitClass.DEAD, classify(0.0, 0.0, 0.0));
        // a sum of exactly 0.01 is not below the threshold
        assertEquals(UnitClass.MONOSEMANTIC, classify(0.01, 0.0));
        assertEquals(UnitClass.POLYSEMANTIC, classify(0.005, 0.005));
    }

    @Test
    void evenlySpreadUnitsArePolysemantic() {
        assertEquals(UnitClass.POLYSEMANTIC, classify(0.3, 0.3, 0.4));
        assertEquals(UnitClass.POLYSEMANTIC, classify(1, 1, 1, 1));
    }

    @Test
    void thresholdsAreParameters() {
        assertEquals(UnitClass.MONOSEMANTIC, UnitClassification.classify(new double[] {0.5, 0.5}, 0.01, 0.5));
        assertEquals(UnitClass.DEAD, UnitClassification.classify(new double[] {0.5, 0.5}, 2.0, 0.6));
    }

    @Test
    void hookClassificationGivesClassesDominantFactorsAndCounts() {
        double[][] hookA = {
                {1.0, 0.0, 0.0},
                {0.0, 0.0, 0.7},
                {0.6, 0.4, 0.0},
                {0.3, 0.3, 0.4},
                {0.001, 0.002, 0.0},
        };
        double[][] hookB = {{0.0, 0.2, 0.0}, {0.2, 0.2, 0.2}};
        UnitEffects effects = UnitEffects.of(List.of("enc1", "enc2"), List.of(hookA, hookB), List.of("a", "b", "c"),
                10, 1L);
        UnitClassification.HookClasses first = UnitClassification.classifyHook(effects, 0, DEFAULTS);
        assertArrayEquals(new UnitClass[] {UnitClass.MONOSEMANTIC, UnitClass.MONOSEMANTIC, UnitClass.MONOSEMANTIC,
                UnitClass.POLYSEMANTIC, UnitClass.DEAD}, first.classes());
        assertArrayEquals(new int[] {0, 2, 0, 2, -1}, first.dominantFactors());
        List<UnitClassification.HookUnitCounts> counts = UnitClassification.counts(effects, DEFAULTS,
                BootstrapSettings.defaults(3));
        assertEquals(1, counts.get(0).dead().value());
        assertEquals(3, counts.get(0).monosemantic().value());
        assertEquals(1, counts.get(0).polysemantic().value());
        assertEquals(5, counts.get(0).units());
        assertEquals("enc2", counts.get(1).hook());
        assertEquals(1, counts.get(1).monosemantic().value());
        assertEquals(1, counts.get(1).polysemantic().value());
        // no per-pair terms: no interval, but the provenance is there
        assertTrue(!counts.get(1).dead().hasInterval());
        assertEquals(10, counts.get(1).dead().sampleCount());
        assertEquals(1L, counts.get(1).dead().seed());
    }

    @Test
    void dominantFactorTakesTheLowestIndexOnTies() {
        assertEquals(1, UnitClassification.dominantFactor(new double[] {0.1, 0.5, 0.5}));
    }

    @Test
    void badResponsesAreRejectedWithTheirPlace() {
        double[][] negative = {{0.1, 0.2}, {0.3, -0.1}};
        AnalysisInputException e = assertThrows(AnalysisInputException.class,
                () -> UnitEffects.of(List.of("enc1"), List.<double[][]>of(negative), List.of("a", "b"), 5, 0L));
        assertTrue(e.getMessage().contains("enc1") && e.getMessage().contains("[1][1]"), e.getMessage());
        double[][] ragged = {{0.1, 0.2}, {0.3}};
        e = assertThrows(AnalysisInputException.class,
                () -> UnitEffects.of(List.of("enc1"), List.<double[][]>of(ragged), List.of("a", "b"), 5, 0L));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        e = assertThrows(AnalysisInputException.class,
                () -> UnitEffects.of(List.of("h", "h"), List.of(ragged, ragged), List.of("a", "b"), 5, 0L));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
    }
}
