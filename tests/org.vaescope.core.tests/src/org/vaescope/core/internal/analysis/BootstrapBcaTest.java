package org.vaescope.core.internal.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The BCa interval against hand-computed cases (Efron and Tibshirani, An Introduction to the Bootstrap, §14.3). */
class BootstrapBcaTest {

    private static double[] oneToHundred() {
        double[] values = new double[100];
        for (int i = 0; i < 100; i++) {
            values[i] = i + 1;
        }
        return values;
    }

    @Test
    void withoutBiasOrSkewItIsThePercentileInterval() {
        double[] replicates = oneToHundred();
        double[] symmetricJackknife = {1, 2, 3, 4, 5};

        assertArrayEquals(Bootstrap.percentileInterval(replicates, 0.95),
                Bootstrap.bcaInterval(replicates, 50.5, symmetricJackknife, 0.95), 1e-9);
    }

    /**
     * A point at the 25th percentile of its replicates: z₀ = Φ⁻¹(0.25) = −0.6745, a = 0, so the
     * levels are Φ(2z₀ ∓ 1.96) = 0.000468 and 0.7294, and the R-7 quantiles of 1…100 there are
     * 1 + 99·0.000468 = 1.046 and 1 + 99·0.7294 = 73.21 — below the percentile interval [3.48, 97.53]
     * that a statistic biased upward in its replicates would get.
     */
    @Test
    void aBiasedPointMovesTheIntervalTowardIt() {
        double[] interval = Bootstrap.bcaInterval(oneToHundred(), 25.5, new double[] {1, 2, 3}, 0.95);

        assertEquals(1.046, interval[0], 0.01);
        assertEquals(73.21, interval[1], 0.05);
    }

    @Test
    void accelerationIsTheJackknifeSkew() {
        double[] jackknife = {0, 0, 0, 3};   // mean 0.75; d = 0.75 (×3) and −2.25
        double squares = 3 * 0.5625 + 5.0625;
        double cubes = 3 * 0.421875 - 11.390625;

        assertEquals(cubes / (6 * Math.pow(squares, 1.5)), Bootstrap.acceleration(jackknife), 1e-12);
        assertEquals(0, Bootstrap.acceleration(new double[] {2, 2, 2}), 1e-12);
    }
}
