package org.vaescope.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class MigTest {

    private static final int[] SIZES = {3, 4, 5};

    @Test
    void identityCodesOnAFullGridGiveExactlyOne() {
        // class values c in 0..C-1 with C <= 21 fall into distinct bins of 20 equal-width bins, so
        // code k is a relabelling of factor k: I(z_k; f_k) = H(f_k). On a full factorial design
        // the other codes are exactly independent of f_k: the runner-up MI is 0. Hence MIG = 1.
        int[][] factors = TestCodes.grid(SIZES, 10);
        double[][] codes = TestCodes.identity(factors, 0.0, new SplittableRandom(0));
        Mig.Result r = Mig.compute(new CodesAndFactors(codes, factors), Mig.Config.defaults(), 1);
        assertEquals(1.0, r.score(), 1e-12);
        for (int k = 0; k < 3; k++) {
            assertEquals(Math.log(SIZES[k]), r.factorEntropy()[k], 1e-12);
            assertEquals(Math.log(SIZES[k]), r.mutualInformation()[k][k], 1e-12);
        }
        assertEquals(600, r.numSamples());
    }

    @Test
    void noisyIdentityIsNearOneAndBeatsRotationNoiseAndShuffling() {
        SplittableRandom rng = new SplittableRandom(2);
        int[][] factors = TestCodes.uniformFactors(SIZES, 3000, rng);
        Mig.Config config = new Mig.Config(3000, 20);
        double identity = Mig.compute(new CodesAndFactors(TestCodes.identity(factors, 0.01, rng), factors), config, 3).score();
        double rotated = Mig.compute(new CodesAndFactors(TestCodes.rotated(factors, SIZES, 0.01, rng), factors), config, 3).score();
        double noise = Mig.compute(new CodesAndFactors(TestCodes.noise(3000, 3, rng), factors), config, 3).score();
        double shuffled = Mig.compute(new CodesAndFactors(
                TestCodes.shuffledRows(TestCodes.identity(factors, 0.01, rng), rng), factors), config, 3).score();
        // independent pairs only carry the plug-in bias, about (bins-1)(C-1)/(2N) < 0.02 nats
        assertTrue(identity >= 0.98, "identity " + identity);
        assertTrue(rotated < identity - 0.2, "rotated " + rotated);
        assertTrue(noise < 0.05, "noise " + noise);
        assertTrue(shuffled < 0.05, "shuffled " + shuffled);
    }

    @Test
    void defaultSizesOnTenThousandSamples() {
        SplittableRandom rng = new SplittableRandom(4);
        int[] sizes = {3, 6, 20, 10};
        int[][] factors = TestCodes.uniformFactors(sizes, 15_000, rng);
        CodesAndFactors data = new CodesAndFactors(TestCodes.identity(factors, 0.01, rng), factors);
        Mig.Result r = Mig.compute(data, Mig.Config.defaults(), 5);
        assertEquals(10_000, r.numSamples());
        assertTrue(r.score() >= 0.99, "MIG " + r.score());
    }

    @Test
    void subsamplingIsDeterministicPerSeed() {
        SplittableRandom rng = new SplittableRandom(6);
        int[][] factors = TestCodes.uniformFactors(SIZES, 500, rng);
        CodesAndFactors data = new CodesAndFactors(TestCodes.noise(500, 4, rng), factors);
        Mig.Config config = new Mig.Config(300, 20);
        assertEquals(Mig.compute(data, config, 9).toJson(), Mig.compute(data, config, 9).toJson());
    }

    @Test
    void aConstantFactorIsRejectedWithItsIndex() {
        int[][] factors = {{0, 1}, {0, 0}, {0, 1}};
        double[][] codes = {{1}, {2}, {3}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Mig.compute(new CodesAndFactors(codes, factors), Mig.Config.defaults(), 0));
        assertTrue(e.getMessage().contains("factor 0"), e.getMessage());
    }
}
