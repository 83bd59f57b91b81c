package org.vaescope.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class DciTest {

    private static final int[] SIZES = {3, 4, 5};
    private static final Dci.Config SMALL = new Dci.Config(2000, 1000,
            org.vaescope.metrics.internal.learn.GradientBoostedTrees.Params.defaults());

    @Test
    void diagonalImportanceGivesOneAndUniformImportanceGivesZero() {
        double[][] diagonal = {{0.5, 0, 0}, {0, 0.3, 0}, {0, 0, 0.2}};
        // only the 1e-11 smoothing of disentanglement_lib keeps this from being exactly 1
        assertEquals(1.0, Dci.disentanglement(diagonal), 1e-7);
        assertEquals(1.0, Dci.completeness(diagonal), 1e-7);
        double[][] uniform = {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}};
        assertEquals(0.0, Dci.disentanglement(uniform), 1e-12);
        assertEquals(0.0, Dci.completeness(uniform), 1e-12);
        double[][] zero = new double[2][2];
        assertEquals(0.0, Dci.disentanglement(zero), 1e-12);
    }

    @Test
    void twoCodesForOneFactorAreDisentangledButNotComplete() {
        // each code serves factor 0 only: D = 1; factor 0 is spread evenly over 2 codes
        // (H_2 = 1, weight 1) and factor 1 has no weight: C = 0
        double[][] r = {{1, 0}, {1, 0}};
        assertEquals(1.0, Dci.disentanglement(r), 1e-7);
        assertEquals(0.0, Dci.completeness(r), 1e-7);
    }

    @Test
    void identityCodesScoreNearOneAndAboveRotatedAndNoiseCodes() {
        SplittableRandom rng = new SplittableRandom(10);
        int[][] factors = TestCodes.uniformFactors(SIZES, 3000, rng);
        Dci.Result identity = MetricDescriptor.onSplit(Dci::compute, new CodesAndFactors(TestCodes.identity(factors, 0.01, rng), factors), SMALL, 1);
        Dci.Result rotated = MetricDescriptor.onSplit(Dci::compute, new CodesAndFactors(TestCodes.rotated(factors, SIZES, 0.01, rng), factors), SMALL, 1);
        Dci.Result noise = MetricDescriptor.onSplit(Dci::compute, new CodesAndFactors(TestCodes.noise(3000, 3, rng), factors), SMALL, 1);
        assertTrue(identity.disentanglement() >= 0.9, "D identity " + identity.disentanglement());
        assertTrue(identity.completeness() >= 0.9, "C identity " + identity.completeness());
        assertEquals(1.0, identity.informativenessTest(), 1e-12, "classes 0.01-noise apart by 1 are separable");
        assertTrue(rotated.disentanglement() < identity.disentanglement() - 0.2, "D rotated " + rotated.disentanglement());
        assertTrue(noise.disentanglement() < 0.15, "D noise " + noise.disentanglement());
        // chance accuracy is the mean of 1/3, 1/4, 1/5 = 0.26
        assertTrue(noise.informativenessTest() < 0.35, "I noise " + noise.informativenessTest());
        assertEquals(2000, identity.numTrain());
        assertEquals(1000, identity.numTest());
    }

    @Test
    void shuffledCodesLoseTheirStructureAndResultsAreDeterministic() {
        SplittableRandom rng = new SplittableRandom(11);
        int[][] factors = TestCodes.uniformFactors(SIZES, 1500, rng);
        double[][] shuffled = TestCodes.shuffledRows(TestCodes.identity(factors, 0.01, rng), rng);
        CodesAndFactors data = new CodesAndFactors(shuffled, factors);
        Dci.Config config = new Dci.Config(1000, 500, new org.vaescope.metrics.internal.learn.GradientBoostedTrees.Params(30, 0.1, 3, 64));
        Dci.Result a = MetricDescriptor.onSplit(Dci::compute, data, config, 5);
        Dci.Result b = MetricDescriptor.onSplit(Dci::compute, data, config, 5);
        assertTrue(a.disentanglement() < 0.15, "D shuffled " + a.disentanglement());
        assertTrue(a.informativenessTest() < 0.35, "I shuffled " + a.informativenessTest());
        assertEquals(a.toJson(), b.toJson());
    }
}
