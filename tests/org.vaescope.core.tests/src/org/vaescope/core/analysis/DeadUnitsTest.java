package org.vaescope.core.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class DeadUnitsTest {

    @Test
    void unitsWhoseRawSpreadIsNegligibleAreDead() {
        assertArrayEquals(new boolean[] {false, true, true, false},
                DeadUnits.bySpread(new double[] {2.0, 1e-4, 0, 0.01}));
        assertArrayEquals(new boolean[] {true, true}, DeadUnits.bySpread(new double[] {0, 0}));
    }

    @Test
    void deadUnitsAreSilencedInEveryPairOfEveryFactorAndTheInputIsKept() {
        double[][][] terms = {{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}};

        double[][][] silenced = DeadUnits.silenced(terms, new boolean[] {false, true});

        assertArrayEquals(new double[] {1, 0}, silenced[0][0]);
        assertArrayEquals(new double[] {7, 0}, silenced[1][1]);
        assertArrayEquals(new double[] {3, 4}, terms[0][1], "the input terms are not modified");
    }
}
