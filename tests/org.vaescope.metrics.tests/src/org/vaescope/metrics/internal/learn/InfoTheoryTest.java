package org.vaescope.metrics.internal.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InfoTheoryTest {

    @Test
    void mutualInformationOfTwoIdenticalBalancedBinaryVariablesIsLn2() {
        int[] a = {0, 1, 0, 1, 1, 0};
        assertEquals(Math.log(2), InfoTheory.mutualInformation(a, a.clone()), 1e-12);
        assertEquals(Math.log(2), InfoTheory.entropy(a), 1e-12);
    }

    @Test
    void mutualInformationIgnoresLabelValuesAndIsZeroOnAFullGrid() {
        // a relabelled copy carries the same information
        assertEquals(Math.log(3), InfoTheory.mutualInformation(new int[] {0, 1, 2}, new int[] {7, -2, 5}), 1e-12);
        // every combination of a 2-class and a 3-class variable exactly once: independent
        int[] a = {0, 0, 0, 1, 1, 1};
        int[] b = {0, 1, 2, 0, 1, 2};
        assertEquals(0.0, InfoTheory.mutualInformation(a, b), 1e-15);
    }

    @Test
    void mutualInformationMatchesTheFormulaOnAnUnevenTable() {
        // joint counts: (0,0)=2, (0,1)=1, (1,1)=1 ; N=4
        int[] a = {0, 0, 0, 1};
        int[] b = {0, 0, 1, 1};
        double expected = 0.5 * Math.log(0.5 / (0.75 * 0.5)) + 0.25 * Math.log(0.25 / (0.75 * 0.5))
                + 0.25 * Math.log(0.25 / (0.25 * 0.5));
        assertEquals(expected, InfoTheory.mutualInformation(a, b), 1e-12);
    }

    @Test
    void histogramDiscretizeUsesNumpyEdgesWithTheMaximumInTheLastBin() {
        // 0..10 in 20 bins: edges 0, 0.5, ..., 9.5 -> value v in bin 2v, 10 in bin 19
        double[] values = new double[11];
        for (int v = 0; v <= 10; v++) values[v] = v;
        int[] bins = InfoTheory.histogramDiscretize(values, 20);
        int[] expected = {0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 19};
        assertArrayEquals(expected, bins);
    }

    @Test
    void histogramDiscretizeOfAConstantUsesTheHalfUnitRangeLikeNumpy() {
        // range becomes [-0.5, 0.5]; edge 10 is 0.0, so 0 lands in bin 10
        assertArrayEquals(new int[] {10, 10}, InfoTheory.histogramDiscretize(new double[] {0, 0}, 20));
        assertThrows(IllegalArgumentException.class, () -> InfoTheory.histogramDiscretize(new double[] {0, Double.NaN}, 20));
    }

    @Test
    void entropyOfWeightsIsNormalisedAndUsesTheBase() {
        assertEquals(1.0, InfoTheory.entropy(new double[] {2, 2, 2, 2}, 4), 1e-12);
        assertEquals(0.0, InfoTheory.entropy(new double[] {0, 5, 0}, 3), 1e-12);
        assertEquals(1.0, InfoTheory.entropy(new double[] {1, 1, 0, 0}, 2), 1e-12);
    }
}
