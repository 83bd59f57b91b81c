package org.vaescope.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vaescope.core.analysis.AnalysisSettings;
import org.vaescope.core.analysis.BootstrapSettings;
import org.vaescope.core.analysis.UnitClass;
import org.vaescope.core.analysis.UnitClassification;
import org.vaescope.core.analysis.UnitEffects;
import org.vaescope.core.hooks.StagedModel;
import org.vaescope.core.interventions.InputManipulation;
import org.vaescope.core.interventions.Pairs;
import org.vaescope.core.interventions.UnitResponses;

/**
 * Mono-, poly-semantic and dead units by construction, classified exactly end to end: bar-code
 * images → hand-weighted network → input manipulation → unit effects → unit classes.
 * <p>
 * For a unit linear in the classes, h_u = Σ_f w_f · class_f, a pair differing in factor k changes
 * it by w_k · |Δclass_k|, so A[u,k] = w_k · E|Δclass_k| / std(h_u): the responses of one unit are
 * proportional to w_k · E|Δclass_k|, and E|Δclass_k| ≈ 4/3 for every factor (3 uniform classes, the
 * changed class uniform among the other two). Hence the classes (thresholds 0.01, 0.6):
 * <pre>
 *   h1  weights on (a, b, c)   max / sum             class, dominant
 *   u0  (1, 0, 0)              1                     monosemantic a
 *   u1  (0, 1, 0)              1                     monosemantic b
 *   u2  (0, 0, 1)              1                     monosemantic c
 *   u3  (1, 0.8, 0)            1/1.8 = 0.56 &lt; 0.6   polysemantic a
 *   u4  (0, 0.8, 1)            0.56                  polysemantic c
 *   u5  (0, 0, 0)              sum 0                 dead
 *   u6  (1, 0, 0.25)           1/1.25 = 0.8          monosemantic a
 *   u7  (0, 0, 0)              sum 0                 dead
 *   h2  = ReLU(weights on h1)  as classes
 *   v0  u0 + u6 = (2, 0, .25)  2/2.25 = 0.89         monosemantic a
 *   v1  1.25(u3 − u0) = b      1                     monosemantic b (a mixture undone)
 *   v2  ReLU(−u0 − u1) ≡ 0     sum 0                 dead (silenced by the ReLU)
 *   v3  u3 + u4 = (1, 1.6, 1)  1.6/3.6 = 0.44        polysemantic b
 * </pre>
 */
class UnitClassificationEndToEndTest {

    private static final double[][] H1_BARS = {
        {1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0.8, 0}, {0, 0.8, 1}, {0, 0, 0}, {1, 0, 0.25}, {0, 0, 0}};
    private static final double[][] H2_ROWS = {
        {1, 0, 0, 0, 0, 0, 1, 0},
        {-1.25, 0, 0, 1.25, 0, 0, 0, 0},
        {-1, -1, 0, 0, 0, 0, 0, 0},
        {0, 0, 0, 1, 1, 0, 0, 0}};
    private static final UnitClass M = UnitClass.MONOSEMANTIC;
    private static final UnitClass P = UnitClass.POLYSEMANTIC;
    private static final UnitClass D = UnitClass.DEAD;
    private static final UnitClass[] H1_CLASSES = {M, M, M, P, P, D, M, D};
    private static final int[] H1_DOMINANT = {0, 1, 2, 0, 2, -1, 0, -1};
    private static final UnitClass[] H2_CLASSES = {M, M, D, P};
    private static final int[] H2_DOMINANT = {0, 1, -1, 1};
    private static final int PAIRS = 400;
    private static final long SEED = 17;

    private static UnitEffects effects(BarCodes data) {
        StagedModel model = BarCodes.network(H1_BARS, H2_ROWS);
        UnitResponses units = InputManipulation.respond(model, data, List.of("h1", "h2"), PAIRS, SEED, 128, null);
        return units.unitEffects();
    }

    @Test
    void everyUnitGetsItsConstructedClassAndDominantFactor() {
        UnitEffects effects = effects(new BarCodes());
        assertEquals(List.of("h1", "h2"), effects.hooks());
        assertEquals(List.of("a", "b", "c"), effects.factors());
        List<UnitClassification.HookClasses> classes = UnitClassification.classifyAll(effects,
                AnalysisSettings.defaults());
        assertArrayEquals(H1_CLASSES, classes.get(0).classes());
        assertArrayEquals(H1_DOMINANT, classes.get(0).dominantFactors());
        assertArrayEquals(H2_CLASSES, classes.get(1).classes());
        assertArrayEquals(H2_DOMINANT, classes.get(1).dominantFactors());

        List<UnitClassification.HookUnitCounts> counts = UnitClassification.counts(effects,
                AnalysisSettings.defaults(), new BootstrapSettings(30, 0.95, 3));
        assertCounts(counts.get(0), "h1", 8, 2, 4, 2);
        assertCounts(counts.get(1), "h2", 4, 1, 2, 1);
        assertShares(counts.get(0), new double[] {1, 1, 1, 1 / 1.8, 1 / 1.8, Double.NaN, 0.8, Double.NaN});
    }

    /** Each live unit's share interval covers its constructed share; the units far from 0.6 are settled. */
    private static void assertShares(UnitClassification.HookUnitCounts counts, double[] constructed) {
        for (int u = 0; u < constructed.length; u++) {
            var share = counts.shares().get(u);
            if (Double.isNaN(constructed[u])) {
                assertTrue(Double.isNaN(share.value()), "dead unit " + u);
                continue;
            }
            assertTrue(share.intervalContains(constructed[u]) || share.value() == constructed[u],
                    "unit " + u + ": " + share);
            if (Math.abs(constructed[u] - 0.6) > 0.15) {
                assertFalse(counts.undecided(u), "unit " + u + ": " + share);
            }
        }
    }

    private static void assertCounts(UnitClassification.HookUnitCounts counts, String hook, int units, int dead,
            int mono, int poly) {
        assertEquals(hook, counts.hook());
        assertEquals(units, counts.units());
        assertEquals(dead, counts.dead().value(), 0, hook + " dead");
        assertEquals(mono, counts.monosemantic().value(), 0, hook + " monosemantic");
        assertEquals(poly, counts.polysemantic().value(), 0, hook + " polysemantic");
    }

    /**
     * The responses themselves equal A[u,k] = E|h_u(x') − h_u(x)| / (std_u + 1e-8) computed here
     * from the classes of the same pairs (factor j's pairs use the j-th seed of
     * new SplittableRandom(SEED), as {@link InputManipulation#respond} documents) with the units
     * evaluated as functions of the classes.
     */
    @Test
    void responsesEqualTheDefinitionEvaluatedOnTheClasses() {
        BarCodes data = new BarCodes();
        UnitEffects effects = effects(data);
        SplittableRandom seeds = new SplittableRandom(SEED);
        List<Pairs> pairs = new ArrayList<>();
        for (int k = 0; k < BarCodes.FACTORS; k++) {
            pairs.add(Pairs.differingIn(data, k, PAIRS, seeds.nextLong()));
        }
        for (int hook = 0; hook < 2; hook++) {
            int units = hook == 0 ? H1_BARS.length : H2_ROWS.length;
            double[] sum = new double[units];
            double[] sumSquares = new double[units];
            double[][] change = new double[units][BarCodes.FACTORS];
            for (int k = 0; k < BarCodes.FACTORS; k++) {
                int[][] base = pairs.get(k).baseClasses();
                int[][] changed = pairs.get(k).changedClasses();
                for (int p = 0; p < PAIRS; p++) {
                    double[] before = unitsOf(base[p], hook);
                    double[] after = unitsOf(changed[p], hook);
                    for (int u = 0; u < units; u++) {
                        change[u][k] += Math.abs(after[u] - before[u]) / PAIRS;
                        sum[u] += before[u];
                        sumSquares[u] += before[u] * before[u];
                    }
                }
            }
            int bases = BarCodes.FACTORS * PAIRS;
            for (int u = 0; u < units; u++) {
                double mean = sum[u] / bases;
                double std = Math.sqrt(Math.max(0, sumSquares[u] / bases - mean * mean));
                for (int k = 0; k < BarCodes.FACTORS; k++) {
                    double expected = change[u][k] / (std + InputManipulation.EPSILON);
                    assertEquals(expected, effects.response(hook, u, k), 1e-4 * Math.max(1, expected),
                            "A[" + u + "][" + k + "] at hook " + hook);
                }
            }
        }
    }

    /** The units as functions of the classes: h1 linear in the bars, h2 = ReLU of h1's mixture. */
    private static double[] unitsOf(int[] classes, int hook) {
        double[] h1 = new double[H1_BARS.length];
        for (int u = 0; u < h1.length; u++) {
            for (int f = 0; f < BarCodes.FACTORS; f++) {
                h1[u] += H1_BARS[u][f] * classes[f];
            }
        }
        if (hook == 0) {
            return h1;
        }
        double[] h2 = new double[H2_ROWS.length];
        for (int v = 0; v < h2.length; v++) {
            for (int u = 0; u < h1.length; u++) {
                h2[v] += H2_ROWS[v][u] * h1[u];
            }
            h2[v] = Math.max(0, h2[v]);
        }
        return h2;
    }
}
