package org.vaescope.core.interventions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.analysis.CircuitSet;
import org.vaescope.core.analysis.PatchEffects;
import org.vaescope.core.hooks.StagedModel;

/**
 * On the linear network y = w2 · (W1 x), patching hidden unit u from source into target moves y by
 * w2[u]·Δh_u, and the whole change is Σ_u w2[u]·Δh_u: the edge u → y carries the fraction
 * w2[u]·E[Δh_u] / Σ_j w2[j]·E[Δh_j], and the fractions of all hidden units add up to 1.
 */
class CircuitPatchingTest {

    @Test
    void edgeWeightsAreTheFractionsEachUnitCarriesInClosedForm() {
        StagedModel model = TestNets.linear();
        INDArray targets = TestNets.inputs(12, 1);
        INDArray sources = TestNets.inputs(12, 2);
        Pairs pairs = Pairs.of(targets, sources, 3, "random pairs");
        CircuitSet circuits = new CircuitSet(List.of("h", "y"), List.of("a"),
                List.of(List.of(new int[] {0, 1, 2}, new int[] {0})));

        PatchEffects effects = CircuitPatching.edges(model, circuits, List.of(pairs), 3, null);

        double[] meanChange = new double[3];
        for (int b = 0; b < 12; b++) {
            double[] ht = TestNets.hidden(TestNets.row(targets, b));
            double[] hs = TestNets.hidden(TestNets.row(sources, b));
            for (int u = 0; u < 3; u++) {
                meanChange[u] += (hs[u] - ht[u]) / 12;
            }
        }
        double whole = 0;
        for (int u = 0; u < 3; u++) {
            whole += TestNets.W2[u] * meanChange[u];
        }
        assertEquals(3, effects.edges().size());
        double sum = 0;
        for (PatchEffects.PatchEdge edge : effects.edges()) {
            assertEquals("h", edge.sourceHook());
            assertEquals("y", edge.targetHook());
            double expected = TestNets.W2[edge.sourceUnit()] * meanChange[edge.sourceUnit()] / whole;
            assertEquals(expected, edge.weight(), 1e-4, "edge from h[" + edge.sourceUnit() + "]");
            sum += edge.weight();
        }
        assertEquals(1.0, sum, 1e-4, "a linear network's fractions add up to the whole change");
    }
}
