package org.vaescope.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The bootstrap intervals mean what they say: on simulated effects with a known true value, the
 * nominal 95 % intervals cover it in 90–99 % of 200 independent repetitions (binomial noise of 200
 * draws at 95 % is ±1.5 points).
 */
class IntervalCoverageTest {

    private static final int REPETITIONS = 200;
    private static final int INPUTS = 100;

    /**
     * Two active latents whose per-input output effects are exponential with means 2 and 4: the
     * true model CES (mean over active latents of the mean effect) is 3.
     */
    @Test
    void modelCesIntervalsCoverTheTrueValue() {
        int covered = 0;
        for (int repetition = 0; repetition < REPETITIONS; repetition++) {
            Estimate ces = LatentMetrics.compute(simulated(repetition), AnalysisSettings.defaults(),
                    BootstrapSettings.defaults(10_000 + repetition)).modelCes();
            if (ces.intervalContains(3.0)) {
                covered++;
            }
        }
        double coverage = covered / (double) REPETITIONS;
        assertTrue(coverage >= 0.90 && coverage <= 0.99, "coverage " + coverage);
    }

    /** A statistic undefined on every other resample rests on half the replicates, and says so. */
    @Test
    void undefinedReplicatesAreNotCounted() {
        int[] call = {0};
        Estimate estimate = Estimates.of(new double[] {1.0},
                random -> new double[] {call[0]++ % 2 == 0 ? Double.NaN : random.nextDouble()}, 10, 1,
                new BootstrapSettings(200, 0.95, 3)).get(0);
        assertEquals(100, estimate.bootstrapReplicates());
        assertTrue(estimate.hasInterval(), estimate.toString());
    }

    private static LatentEffects simulated(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] output = new double[INPUTS][2];
        double[][][] factor = new double[INPUTS][2][2];
        double[][] kl = new double[INPUTS][2];
        for (int x = 0; x < INPUTS; x++) {
            output[x] = new double[] {exponential(random, 2), exponential(random, 4)};
            factor[x][0] = new double[] {random.nextDouble(), 0.1 * random.nextDouble()};
            factor[x][1] = new double[] {0.1 * random.nextDouble(), random.nextDouble()};
            kl[x] = new double[] {1 + random.nextDouble(), 1 + random.nextDouble()};
        }
        return LatentEffects.fromSamples(new LatentEffects.PerSample(output, factor, kl), List.of("a", "b"), seed);
    }

    private static double exponential(SplittableRandom random, double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }
}
