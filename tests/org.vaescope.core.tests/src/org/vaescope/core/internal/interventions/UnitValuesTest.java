package org.vaescope.core.internal.interventions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.vaescope.core.hooks.HookPoint;
import org.vaescope.core.runtime.Nd4jRuntime;

class UnitValuesTest {

    /** One channel of 1 × 2 positions; one pair: the object moves from the left position to the right. */
    @Test
    void anObjectThatMovesChangesTheChannelAlthoughItsSpatialMeanStays() {
        Nd4jRuntime.ensureStarted();
        HookPoint channel = new HookPoint("conv", new int[] {1, 1, 2}, "conv");
        var stacked = Nd4j.createFromArray(new float[] {1, 0, 0, 1}).reshape(2, 1, 1, 2);

        double[] change = UnitValues.meanAbsoluteChange(stacked, 1, channel);

        assertArrayEquals(new double[] {1.0}, change, 1e-12, "mean over positions of |Δ| = (1 + 1) / 2");
    }

    @Test
    void aFlatUnitsChangeIsItsAbsoluteDifferenceAndSumsCoverOnlyTheBaseSamples() {
        Nd4jRuntime.ensureStarted();
        HookPoint dense = new HookPoint("fc", new int[] {2}, "dense");
        // pairs 0 and 1: base rows (1, 2), (3, 4); changed rows (1.5, 0), (3, 10)
        var stacked = Nd4j.createFromArray(new float[] {1, 2, 3, 4, 1.5f, 0, 3, 10}).reshape(4, 2);

        assertArrayEquals(new double[] {0.5, 2, 0, 6}, UnitValues.meanAbsoluteChange(stacked, 2, dense), 1e-6);
        double[][] sums = UnitValues.sums(stacked, 2, dense);
        assertArrayEquals(new double[] {4, 6}, sums[0], 1e-6);
        assertEquals(1 + 9, sums[1][0], 1e-6);
    }
}
