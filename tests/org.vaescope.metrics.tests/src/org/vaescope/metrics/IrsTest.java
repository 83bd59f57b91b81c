package org.vaescope.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class IrsTest {

    private static final int[] SIZES = {3, 4, 5};

    @Test
    void identityCodesAreRobustAndNoiseIsNot() {
        SplittableRandom rng = new SplittableRandom(40);
        int[][] factors = TestCodes.uniformFactors(SIZES, 3000, rng);
        // fixing factor k leaves code k only its noise: 99th percentile of |N(0, 0.01²)| ≈ 0.026
        // against a maximal deviation of about (C-1)/2, so IRS ≈ 1 - 0.026
        Irs.Result identity = Irs.compute(new CodesAndFactors(TestCodes.identity(factors, 0.01, rng), factors),
                Irs.Config.defaults(), 1);
        assertTrue(identity.score() >= 0.95, "IRS identity " + identity.score());
        assertArrayEquals(new int[] {0, 1, 2}, identity.parents());
        // for pure noise fixing a factor changes nothing: 99th percentile of |ε| ≈ 2.6σ against a
        // sample maximum of about 3.4σ-3.9σ, i.e. IRS about 0.25-0.35
        Irs.Result noise = Irs.compute(new CodesAndFactors(TestCodes.noise(3000, 3, rng), factors), Irs.Config.defaults(), 1);
        assertTrue(noise.score() < 0.5, "IRS noise " + noise.score());
    }

    @Test
    void constantDimensionsAreInactive() {
        SplittableRandom rng = new SplittableRandom(41);
        int[][] factors = TestCodes.uniformFactors(SIZES, 500, rng);
        double[][] identity = TestCodes.identity(factors, 0.01, rng);
        double[][] codes = new double[500][];
        for (int i = 0; i < 500; i++) codes[i] = new double[] {identity[i][0], 7.0, identity[i][1], identity[i][2]};
        Irs.Result r = Irs.compute(new CodesAndFactors(codes, factors), Irs.Config.defaults(), 2);
        assertEquals(3, r.numActiveDimensions());
        assertArrayEquals(new int[] {0, 2, 3}, r.activeDimensions());
        assertEquals(r.toJson(), Irs.compute(new CodesAndFactors(codes, factors), Irs.Config.defaults(), 2).toJson());
    }
}
