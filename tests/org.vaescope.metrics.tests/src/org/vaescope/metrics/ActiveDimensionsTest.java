package org.vaescope.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ActiveDimensionsTest {

    @Test
    void countsDimensionsWhoseSpreadReachesTheThreshold() {
        // sample standard deviations (ddof 1) 1.15, 0.058 (kept: >= 0.05) and 0.046 (dropped)
        double[][] codes = {{-1, -0.05, -0.04}, {1, 0.05, 0.04}, {-1, -0.05, -0.04}, {1, 0.05, 0.04}};
        int[][] factors = {{0}, {1}, {0}, {1}};
        ActiveDimensions.Result r = ActiveDimensions.compute(new CodesAndFactors(codes, factors), 0.05);
        assertEquals(2, r.active());
        assertArrayEquals(new double[] {Math.sqrt(4.0 / 3), 0.05 * Math.sqrt(4.0 / 3), 0.04 * Math.sqrt(4.0 / 3)},
                r.standardDeviations(), 1e-12);
    }

    @Test
    void isListedOnceAndRunByTheSuite() {
        assertEquals(ActiveDimensions.DESCRIPTOR, Metrics.require("active_dims"));
        // one code copies a binary factor, the other is constant
        double[][] codes = new double[300][];
        int[][] factors = new int[300][];
        for (int i = 0; i < 300; i++) {
            codes[i] = new double[] {i % 2, 5};
            factors[i] = new int[] {i % 2};
        }
        MetricResult fromSuite = DisentanglementSuite.runOnArrays(new CodesAndFactors(codes, factors),
                DisentanglementSuite.Config.withSampleCounts(200, 100), 1).get("ActiveDims");
        assertEquals(1.0, fromSuite.score());
    }
}
