package org.vaescope.cli.internal.bench;

import org.vaescope.metrics.Dci;
import org.vaescope.metrics.MetricDescriptor;
import org.vaescope.metrics.ModularityExplicitness;
import org.vaescope.metrics.Sap;
import org.vaescope.metrics.synthetic.SyntheticSampler;
import org.vaescope.metrics.CodesAndFactors;
import org.vaescope.metrics.DisentanglementSuite;
import org.vaescope.metrics.MetricResult;

import java.util.SplittableRandom;

/**
 * Prints the wall time of each metric and of the whole suite with default settings on synthetic
 * codes (dSprites-like factor sizes 3, 6, 40, 32, 32; 10 code dimensions: 5 noisy copies of the
 * factors and 5 noise dimensions). Usage: {@code MetricsBenchmark [seed]}.
 */
public final class MetricsBenchmark {

    private MetricsBenchmark() {
    }

    /** Runs the benchmark. */
    public static void main(String[] args) {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 0L;
        int[] sizes = {3, 6, 40, 32, 32};
        SyntheticSampler sampler = SyntheticSampler.identity(sizes, 5, 0.05);
        System.out.println("cores available: " + Runtime.getRuntime().availableProcessors());

        long start = System.nanoTime();
        DisentanglementSuite.Result fromSampler = DisentanglementSuite.run(sampler, DisentanglementSuite.Config.defaults(), seed);
        double total = (System.nanoTime() - start) / 1e9;
        for (MetricResult m : fromSampler.metrics()) {
            System.out.printf("  %-10s score %.4f%n", m.metricName(), m.score());
        }
        System.out.printf("whole suite on the sampler (defaults, 10,000 codes per metric): %.2f s%n", total);

        SplittableRandom rng = new SplittableRandom(seed);
        int[][] factors = sampler.sampleFactors(15_000, rng);
        CodesAndFactors arrays = new CodesAndFactors(sampler.represent(factors, rng), factors);
        start = System.nanoTime();
        DisentanglementSuite.runOnArrays(arrays, DisentanglementSuite.Config.defaults(), seed);
        System.out.printf("array metrics on 15,000 rows (10,000 train / 5,000 test): %.2f s%n",
                (System.nanoTime() - start) / 1e9);
        timeEach(arrays, seed);
    }

    private static void timeEach(CodesAndFactors arrays, long seed) {
        DisentanglementSuite.Config c = DisentanglementSuite.Config.defaults();
        time("MIG", () -> org.vaescope.metrics.Mig.compute(arrays, c.mig(), seed));
        time("DCI", () -> MetricDescriptor.onSplit(Dci::compute, arrays, c.dci(), seed));
        time("SAP", () -> MetricDescriptor.onSplit(Sap::compute, arrays, c.sap(), seed));
        time("Modularity", () -> MetricDescriptor.onSplit(ModularityExplicitness::compute, arrays, c.modularity(), seed));
        time("IRS", () -> org.vaescope.metrics.Irs.compute(arrays, c.irs(), seed));
    }

    private static void time(String name, Runnable run) {
        long start = System.nanoTime();
        run.run();
        System.out.printf("  %-10s %.2f s%n", name, (System.nanoTime() - start) / 1e9);
    }
}
