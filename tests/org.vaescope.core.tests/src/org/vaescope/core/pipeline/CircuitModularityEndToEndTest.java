package org.vaescope.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vaescope.core.analysis.AnalysisSettings;
import org.vaescope.core.analysis.BootstrapSettings;
import org.vaescope.core.analysis.CircuitSet;
import org.vaescope.core.analysis.Circuits;
import org.vaescope.core.analysis.UnitEffects;
import org.vaescope.core.hooks.StagedModel;
import org.vaescope.core.interventions.InputManipulation;

/**
 * Circuit modularity known cases end to end: bar-code images → hand-weighted network → input
 * manipulation → circuits (A[u,k] ≥ 0.5 · max_u A[u,k] per hook) → modularity
 * 1 − mean_{k<l} Jaccard(C_k, C_l).
 */
class CircuitModularityEndToEndTest {

    private static final int PAIRS = 300;

    private static UnitEffects effects(StagedModel model) {
        return InputManipulation.respond(model, new BarCodes(), List.of("h1", "h2"), PAIRS, 23, 128, null)
                .unitEffects();
    }

    /** Every unit reads one factor: h1 = (a, b, c), h2 = (a, b, c) again; circuits are disjoint. */
    @Test
    void disjointUnitsGiveModularityOne() {
        StagedModel model = BarCodes.network(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
                new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
        CircuitSet circuits = Circuits.find(effects(model), AnalysisSettings.defaults());
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(new int[] {k}, circuits.units(circuits.factors().get(k), "h1"));
            assertArrayEquals(new int[] {k}, circuits.units(circuits.factors().get(k), "h2"));
        }
        assertEquals(1.0, Circuits.modularity(circuits), 1e-12);
    }

    /**
     * h1 = (a, b, c, a + b), h2 = (a, b + c). A unit reading two factors with equal weights responds
     * to each with (4/3)/std(a + b) = (4/3)/1.155 ≈ 1.15, against ≈ 1.63 for a single-factor unit:
     * above half the peak, so it joins both circuits. By hand:
     * C_a = {h1:0, h1:3, h2:0}, C_b = {h1:1, h1:3, h2:1}, C_c = {h1:2, h2:1};
     * J(a,b) = 1/5, J(a,c) = 0, J(b,c) = 1/4; modularity = 1 − (1/5 + 0 + 1/4)/3 = 0.85.
     */
    @Test
    void sharedUnitsLowerModularityByTheJaccardOverlap() {
        StagedModel model = BarCodes.network(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 1, 0}},
                new double[][] {{1, 0, 0, 0}, {0, 1, 1, 0}});
        UnitEffects effects = effects(model);
        CircuitSet circuits = Circuits.find(effects, AnalysisSettings.defaults());
        assertArrayEquals(new int[] {0, 3}, circuits.units("a", "h1"));
        assertArrayEquals(new int[] {1, 3}, circuits.units("b", "h1"));
        assertArrayEquals(new int[] {2}, circuits.units("c", "h1"));
        assertArrayEquals(new int[] {0}, circuits.units("a", "h2"));
        assertArrayEquals(new int[] {1}, circuits.units("b", "h2"));
        assertArrayEquals(new int[] {1}, circuits.units("c", "h2"));
        assertEquals(0.85, Circuits.modularity(circuits), 1e-12);
        assertEquals(0.85, Circuits.modularity(effects, AnalysisSettings.defaults(), new BootstrapSettings(20, 0.95, 1))
                .value(), 1e-12);
    }
}
