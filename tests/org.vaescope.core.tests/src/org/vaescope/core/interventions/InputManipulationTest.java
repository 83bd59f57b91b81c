package org.vaescope.core.interventions;

import org.vaescope.core.progress.ProgressMonitor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vaescope.core.hooks.StagedModel;

/** Unit responses of a linear network to factors written straight into its input pixels. */
class InputManipulationTest {

    static final StagedModel MODEL = TestNets.linear();
    static final TestNets.PixelFactors DATA = new TestNets.PixelFactors();

    @Test
    void responsesOfALinearLayerAreItsWeightsOverTheStd() {
        UnitResponses r = InputManipulation.respond(MODEL, DATA, List.of("h", "y"), 400, 3, 64, ProgressMonitor.NONE);
        assertEquals(List.of("a", "b"), r.factors(), "the constant factor cannot be varied");
        double[][] raw = r.rawChanges("h");
        double[][] a = r.responses("h");
        double[] std = r.unitStd("h");
        for (int u = 0; u < 3; u++) {
            // factor a has 2 classes, so every change is ±1 and E|Δh_u| = |W1[u][0]|
            assertEquals(Math.abs(TestNets.W1[u][0]), raw[u][0], 1e-5);
            // factor b changes by ±1 or ±2: E|Δc| = 4/3 for uniform classes 0..2 and a uniform other class
            assertEquals(Math.abs(TestNets.W1[u][1]) * 4.0 / 3, raw[u][1], 0.1 * Math.abs(TestNets.W1[u][1]) + 1e-6);
            double populationStd = Math.sqrt(0.25 * TestNets.W1[u][0] * TestNets.W1[u][0]
                    + 2.0 / 3 * TestNets.W1[u][1] * TestNets.W1[u][1]);
            assertEquals(populationStd, std[u], 0.1 * populationStd);
            for (int k = 0; k < 2; k++) {
                assertEquals(raw[u][k] / (std[u] + 1e-8), a[u][k], 1e-9);
            }
        }
        assertEquals(400, r.pairsPerFactor());
        assertEquals(800, r.sampleCount());
        assertEquals(3, r.seed());
    }

    @Test
    void sameSeedSameResponsesAndOutputEffect() {
        UnitResponses a = InputManipulation.respond(MODEL, DATA, null, 30, 8, 7, null);
        UnitResponses b = InputManipulation.respond(MODEL, DATA, null, 30, 8, 30, null);
        assertEquals(List.of("h", "y"), a.hooks());
        assertEquals(a.responses("y")[0][1], b.responses("y")[0][1], 1e-9, "batching must not change the result");
        assertEquals(a.outputEffect()[0], b.outputEffect()[0], 1e-9);
        assertTrue(a.outputEffect()[0] > 0);
        assertEquals(null, a.latentResponses());
    }

    @Test
    void unknownHookIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InputManipulation.respond(MODEL, DATA, List.of("hidden"), 3, 1, 4, null));
        assertTrue(e.getMessage().contains("hidden"), e.getMessage());
    }
}
