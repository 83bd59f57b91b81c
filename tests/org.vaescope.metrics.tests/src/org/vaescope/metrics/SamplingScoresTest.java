package org.vaescope.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.vaescope.metrics.synthetic.SyntheticSampler;

class SamplingScoresTest {

    private static final int[] SIZES = {3, 4, 5};
    private static final BetaVaeScore.Config BETA_SMALL = new BetaVaeScore.Config(64, 500, 300);
    private static final FactorVaeScore.Config FACTOR_SMALL = new FactorVaeScore.Config(64, 500, 300, 2000, 0.05);

    /** Copies factor k (scaled to [0, 1]) into dimension k, exactly, and adds a constant dimension. */
    private static final class CopySampler implements RepresentationSampler {
        private final SyntheticSampler inner = SyntheticSampler.identity(SIZES, 0, 0.0);

        @Override
        public int[] factorSizes() {
            return inner.factorSizes();
        }

        @Override
        public int[][] sampleFactors(int n, SplittableRandom rng) {
            return inner.sampleFactors(n, rng);
        }

        @Override
        public double[][] represent(int[][] factorClasses, SplittableRandom rng) {
            double[][] z = inner.represent(factorClasses, rng);
            double[][] withConstant = new double[z.length][];
            for (int i = 0; i < z.length; i++) withConstant[i] = new double[] {z[i][0], z[i][1], z[i][2], 0.5};
            return withConstant;
        }
    }

    @Test
    void factorVaeScoreOfAnExactCopyIsOne() {
        // the fixed factor's dimension has local variance exactly 0, every other active dimension
        // varies within a batch of 64, so every vote is right; the constant dimension is inactive
        FactorVaeScore.Result r = FactorVaeScore.compute(new CopySampler(), FACTOR_SMALL, 1);
        assertEquals(1.0, r.evalAccuracy());
        assertEquals(1.0, r.trainAccuracy());
        assertEquals(3, r.numActiveDimensions());
    }

    /**
     * disentanglement_lib prunes on the standard deviation (sqrt(variance) >= 0.05): codes copying
     * the factors at a fifth of their scale have standard deviations 0.07–0.08 (variances below
     * 0.01) and stay active; pruning on the variance would have dropped all three.
     */
    @Test
    void factorVaeScorePrunesOnTheStandardDeviation() {
        double[][] fifth = {{0.2, 0, 0}, {0, 0.2, 0}, {0, 0, 0.2}};
        FactorVaeScore.Result r = FactorVaeScore.compute(new SyntheticSampler(SIZES, fifth, 0.0), FACTOR_SMALL, 1);
        assertEquals(3, r.numActiveDimensions());
        assertEquals(1.0, r.evalAccuracy());
    }

    @Test
    void factorVaeScoreOfNoiseIsChance() {
        // votes are independent of the fixed factor: the majority classifier is right about 1/K
        FactorVaeScore.Result r = FactorVaeScore.compute(SyntheticSampler.noise(SIZES, 4), FACTOR_SMALL, 2);
        assertTrue(Math.abs(r.evalAccuracy() - 1.0 / 3) < 0.1, "FactorVAE noise " + r.evalAccuracy());
        FactorVaeScore.Result rotated = FactorVaeScore.compute(
                new SyntheticSampler(SIZES, TestCodesRotation.matrix(), 0.01), FACTOR_SMALL, 2);
        assertTrue(rotated.evalAccuracy() < 0.95, "FactorVAE rotated " + rotated.evalAccuracy());
    }

    @Test
    void betaVaeScoreOfIdentityIsNearOneAndOfNoiseIsChance() {
        // with factor k fixed, feature k is |noise difference| ≈ 0.01 while the others are
        // ≈ E|u - u'| ≥ 0.3: linearly separable
        BetaVaeScore.Result identity = BetaVaeScore.compute(SyntheticSampler.identity(SIZES, 2, 0.01), BETA_SMALL, 3);
        assertTrue(identity.evalAccuracy() >= 0.95, "BetaVAE identity " + identity.evalAccuracy());
        BetaVaeScore.Result noise = BetaVaeScore.compute(SyntheticSampler.noise(SIZES, 4), BETA_SMALL, 3);
        assertTrue(Math.abs(noise.evalAccuracy() - 1.0 / 3) < 0.1, "BetaVAE noise " + noise.evalAccuracy());
    }

    @Test
    void sameSeedSameScores() {
        SyntheticSampler sampler = SyntheticSampler.identity(SIZES, 1, 0.1);
        assertEquals(BetaVaeScore.compute(sampler, BETA_SMALL, 7).toJson(), BetaVaeScore.compute(sampler, BETA_SMALL, 7).toJson());
        assertEquals(FactorVaeScore.compute(sampler, FACTOR_SMALL, 7).toJson(),
                FactorVaeScore.compute(sampler, FACTOR_SMALL, 7).toJson());
    }

    /** The 45° rotations of {@link TestCodes#rotated}, as a mixing matrix of scaled factors. */
    private static final class TestCodesRotation {
        static double[][] matrix() {
            int[][] unit = {{2, 0, 0}, {0, 3, 0}, {0, 0, 4}}; // class = size-1: each scaled factor = 1
            double[][] m = new double[3][3];
            for (int k = 0; k < 3; k++) {
                double[][] column = TestCodes.rotated(new int[][] {unit[k]}, SIZES, 0.0, new SplittableRandom(0));
                for (int j = 0; j < 3; j++) m[j][k] = column[0][j];
            }
            return m;
        }
    }
}
