package org.vaescope.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.vaescope.metrics.internal.learn.GradientBoostedTrees;
import org.vaescope.metrics.synthetic.SyntheticSampler;

class SuiteTest {

    private static final DisentanglementSuite.Config SMALL = DisentanglementSuite.Config.withSampleCounts(600, 300)
            .withBoosting(new GradientBoostedTrees.Params(20, 0.1, 3, 64));

    @Test
    void arraysWithAConstantFactorRunEveryArrayMetricAndDropIt() {
        SplittableRandom rng = new SplittableRandom(50);
        int[][] varying = TestCodes.uniformFactors(new int[] {3, 4}, 900, rng);
        int[][] factors = new int[900][];
        for (int i = 0; i < 900; i++) factors[i] = new int[] {varying[i][0], 0, varying[i][1]};
        double[][] codes = TestCodes.identity(varying, 0.01, rng);
        DisentanglementSuite.Result r = DisentanglementSuite.runOnArrays(new CodesAndFactors(codes, factors), SMALL, 4);
        assertArrayEquals(new int[] {1}, r.droppedFactors());
        for (String name : new String[] {"MIG", "DCI", "SAP", "Modularity", "IRS"}) {
            assertNotNull(r.get(name), name);
            assertTrue(r.toJson().contains("\"" + name + "\":{\"metric\":\"" + name + "\""), name);
        }
        assertTrue(r.get("MIG").score() > 0.95, "MIG " + r.get("MIG").score());
        // 900 rows, 600:300 requested: split exactly
        assertEquals(600, ((Dci.Result) r.get("DCI")).numTrain());
        assertEquals(r.toJson(), DisentanglementSuite.runOnArrays(new CodesAndFactors(codes, factors), SMALL, 4).toJson());
    }

    @Test
    void fewerRowsThanRequestedAreSplitInTheRequestedRatio() {
        SplittableRandom rng = new SplittableRandom(51);
        int[][] factors = TestCodes.uniformFactors(new int[] {2, 3}, 100, rng);
        Dci.Result r = MetricDescriptor.onSplit(Dci::compute, new CodesAndFactors(TestCodes.identity(factors, 0.01, rng), factors),
                new Dci.Config(10_000, 5_000, new GradientBoostedTrees.Params(5, 0.1, 2, 16)), 1);
        assertEquals(67, r.numTrain()); // ceil(100 * 2/3)
        assertEquals(33, r.numTest());
    }

    @Test
    void samplerRunsEveryDeclaredMetricDeterministically() {
        SyntheticSampler sampler = SyntheticSampler.identity(new int[] {1, 3, 4}, 1, 0.01);
        DisentanglementSuite.Result a = DisentanglementSuite.run(sampler, SMALL, 8);
        assertEquals(Metrics.ALL.size(), a.metrics().size());
        assertArrayEquals(new int[] {0}, a.droppedFactors());
        assertTrue(a.get("FactorVAE").score() > 0.95, "FactorVAE " + a.get("FactorVAE").score());
        assertEquals(a.toJson(), DisentanglementSuite.run(sampler, SMALL, 8).toJson());
    }

    @Test
    void runOnArraysProducesJsonWithTheSeed() {
        SplittableRandom rng = new SplittableRandom(52);
        int[][] factors = TestCodes.uniformFactors(new int[] {2, 3}, 300, rng);
        String json = DisentanglementSuite.runOnArrays(new CodesAndFactors(TestCodes.identity(factors, 0.01, rng), factors),
                DisentanglementSuite.Config.defaults(), 77).toJson();
        assertTrue(json.startsWith("{\"seed\":77,\"dropped_factors\":[],\"metrics\":{\"MIG\":"), json.substring(0, 80));
    }
}
