package org.vaescope.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class SapTest {

    private static final Sap.Config SMALL = new Sap.Config(2000, 1000, 0.01);

    @Test
    void binaryIdentityCodesReachTheBinaryMaximumOfOneHalf() {
        // for a balanced binary factor its own code predicts it perfectly (accuracy 1) while an
        // unrelated code can do no better than predicting one class (accuracy about 1/2):
        // SAP = 1 - 1/2.
        int[] sizes = {2, 2, 2};
        SplittableRandom rng = new SplittableRandom(20);
        int[][] factors = TestCodes.uniformFactors(sizes, 3000, rng);
        Sap.Result r = MetricDescriptor.onSplit(Sap::compute, new CodesAndFactors(TestCodes.identity(factors, 0.01, rng), factors), SMALL, 1);
        for (int k = 0; k < 3; k++) assertEquals(1.0, r.scoreMatrix()[k][k], 1e-12);
        assertTrue(r.score() > 0.4 && r.score() < 0.6, "SAP " + r.score());
        double rotated = MetricDescriptor.onSplit(Sap::compute, new CodesAndFactors(TestCodes.rotated(factors, sizes, 0.01, rng), factors), SMALL, 1).score();
        assertTrue(rotated < r.score() - 0.1, "rotated " + rotated);
    }

    @Test
    void noiseAndShuffledCodesScoreNearZero() {
        int[] sizes = {3, 4, 5};
        SplittableRandom rng = new SplittableRandom(21);
        int[][] factors = TestCodes.uniformFactors(sizes, 3000, rng);
        double noise = MetricDescriptor.onSplit(Sap::compute, new CodesAndFactors(TestCodes.noise(3000, 3, rng), factors), SMALL, 1).score();
        double shuffled = MetricDescriptor.onSplit(Sap::compute, new CodesAndFactors(
                TestCodes.shuffledRows(TestCodes.identity(factors, 0.01, rng), rng), factors), SMALL, 1).score();
        double identity = MetricDescriptor.onSplit(Sap::compute, new CodesAndFactors(TestCodes.identity(factors, 0.01, rng), factors), SMALL, 1).score();
        assertTrue(noise < 0.05, "noise " + noise);
        assertTrue(shuffled < 0.05, "shuffled " + shuffled);
        assertTrue(identity > 0.2, "identity " + identity);
    }

    @Test
    void defaultSizesAreDeterministic() {
        int[] sizes = {2, 3, 4};
        SplittableRandom rng = new SplittableRandom(22);
        int[][] factors = TestCodes.uniformFactors(sizes, 15_000, rng);
        CodesAndFactors data = new CodesAndFactors(TestCodes.identity(factors, 0.05, rng), factors);
        Sap.Result a = MetricDescriptor.onSplit(Sap::compute, data, Sap.Config.defaults(), 3);
        assertEquals(10_000, a.numTrain());
        assertEquals(5_000, a.numTest());
        assertEquals(a.toJson(), MetricDescriptor.onSplit(Sap::compute, data, Sap.Config.defaults(), 3).toJson());
    }
}
