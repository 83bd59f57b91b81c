package org.vaescope.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ModularityExplicitnessTest {

    private static final int[] SIZES = {3, 4, 5};
    private static final ModularityExplicitness.Config SMALL = new ModularityExplicitness.Config(2000, 1000, 20);

    @Test
    void handMatrices() {
        assertEquals(1.0, ModularityExplicitness.modularity(new double[][] {{1, 0}, {0, 2}}), 1e-12);
        // two equal entries: deviation 1 / (1 * (2-1)) = 1
        assertEquals(0.0, ModularityExplicitness.modularity(new double[][] {{1, 1}}), 1e-12);
        // θ = 2, off-template mass 1: deviation 1 / (4 * 2) = 0.125
        assertEquals(0.875, ModularityExplicitness.modularity(new double[][] {{2, 1, 0}}), 1e-12);
        // a code with no information scores 0 (disentanglement_lib)
        assertEquals(0.5, ModularityExplicitness.modularity(new double[][] {{0, 0}, {3, 0}}), 1e-12);
    }

    @Test
    void identityCodesAreModularAndExplicit() {
        SplittableRandom rng = new SplittableRandom(30);
        int[][] factors = TestCodes.uniformFactors(SIZES, 3000, rng);
        ModularityExplicitness.Result identity = MetricDescriptor.onSplit(ModularityExplicitness::compute,
                new CodesAndFactors(TestCodes.identity(factors, 0.01, rng), factors), SMALL, 1);
        ModularityExplicitness.Result noise = MetricDescriptor.onSplit(ModularityExplicitness::compute,
                new CodesAndFactors(TestCodes.noise(3000, 3, rng), factors), SMALL, 1);
        ModularityExplicitness.Result rotated = MetricDescriptor.onSplit(ModularityExplicitness::compute,
                new CodesAndFactors(TestCodes.rotated(factors, SIZES, 0.01, rng), factors), SMALL, 1);
        // cross MI is only the plug-in bias (~0.002 nats) against θ ≥ ln 3
        assertTrue(identity.modularity() >= 0.95, "modularity identity " + identity.modularity());
        assertTrue(rotated.modularity() < identity.modularity() - 0.2, "modularity rotated " + rotated.modularity());
        assertTrue(noise.modularity() < identity.modularity() - 0.2, "modularity noise " + noise.modularity());
        assertTrue(identity.explicitnessTest() >= 0.9, "explicitness identity " + identity.explicitnessTest());
        assertTrue(Math.abs(noise.explicitnessTest() - 0.5) < 0.05, "explicitness noise " + noise.explicitnessTest());
    }
}
