package org.vaescope.core.interventions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.hooks.HookException;
import org.vaescope.core.hooks.StagedModel;

/** TE, NIE and NDE on y = w2·(W1 x) against their closed forms. */
class CausalMediationTest {

    static final StagedModel MODEL = TestNets.linear();
    static final INDArray XA = TestNets.inputs(6, 1);
    static final INDArray XB = TestNets.inputs(6, 2);
    static final Pairs PAIRS = Pairs.of(XA, XB, 77, "random pairs");

    @Test
    void subsetMediatorHasClosedFormEffects() {
        int[] units = {0, 2};
        MediationResult r = CausalMediation.mediate(MODEL, PAIRS, new Mediator("h", units), new Measure.Unit("y", 0), 4);
        double te = 0;
        double nie = 0;
        for (int b = 0; b < 6; b++) {
            double[] ha = TestNets.hidden(TestNets.row(XA, b));
            double[] hb = TestNets.hidden(TestNets.row(XB, b));
            te += TestNets.output(hb) - TestNets.output(ha);
            for (int u : units) {
                nie += TestNets.W2[u] * (hb[u] - ha[u]);
            }
        }
        te /= 6;
        nie /= 6;
        assertEquals(te, r.totalEffect(), 1e-5);
        assertEquals(nie, r.indirectEffect(), 1e-5);
        assertEquals(te - nie, r.directEffect(), 1e-5);
        assertEquals(6, r.sampleCount());
        assertEquals(77, r.seed());
    }

    @Test
    void wholeHookMediatesEverything() {
        MediationResult r = CausalMediation.mediate(MODEL, PAIRS, Mediator.wholeHook(MODEL, "h"),
                new Measure.Unit("y", 0), 6);
        assertEquals(r.totalEffect(), r.indirectEffect(), 1e-5);
        assertEquals(0, r.directEffect(), 1e-5);
    }

    @Test
    void mediatorOnTheInputLeavesNoDirectPath() {
        MediationResult r = CausalMediation.mediate(MODEL, PAIRS, Mediator.wholeHook(MODEL, "input"),
                new Measure.Unit("h", 1), 3);
        assertEquals(r.totalEffect(), r.indirectEffect(), 1e-5);
        assertEquals(0, r.directEffect(), 1e-5);
    }

    @Test
    void badMediatorIsNamed() {
        assertThrows(HookException.class, () -> CausalMediation.mediate(MODEL, PAIRS, new Mediator("hidden", new int[] {0}),
                new Measure.Unit("y", 0), 6));
        HookException e = assertThrows(HookException.class, () -> CausalMediation.mediate(MODEL, PAIRS,
                new Mediator("h", new int[] {5}), new Measure.Unit("y", 0), 6));
        assertEquals(true, e.getMessage().contains("unit 5"), e.getMessage());
    }
}
