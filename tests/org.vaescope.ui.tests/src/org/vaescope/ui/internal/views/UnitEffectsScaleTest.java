package org.vaescope.ui.internal.views;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.vaescope.ui.internal.analysis.Analysis;

/** The Unit Effects colour scale is robust: nearly constant units' huge normalised responses do not set it. */
class UnitEffectsScaleTest {

    @Test
    void deadUnitsDoNotSetTheScale() {
        // 100 live units responding 0.01 … 1.00, then 5 dead ones with the huge values of a tiny spread
        double[][] responses = new double[105][];
        String[] classes = new String[105];
        for (int u = 0; u < 100; u++) {
            responses[u] = new double[] {(u + 1) / 100.0};
            classes[u] = "polysemantic";
        }
        for (int u = 100; u < 105; u++) {
            responses[u] = new double[] {400_000};
            classes[u] = "dead";
        }
        assertEquals(1.00, UnitEffectsView.scale(new Analysis.HookEffects("h", responses, classes)), 1e-12);
    }

    @Test
    void aFewHugeLiveValuesAreClippedAtTheQuantile() {
        double[][] responses = new double[200][];
        String[] classes = new String[200];
        Arrays.fill(classes, "monosemantic");
        for (int u = 0; u < 200; u++) {
            responses[u] = new double[] {u < 199 ? 0.5 : 400_000};
        }
        assertEquals(0.5, UnitEffectsView.scale(new Analysis.HookEffects("h", responses, classes)), 1e-12);
    }
}
