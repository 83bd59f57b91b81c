package org.vaescope.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vaescope.metrics.internal.learn.GradientBoostedTrees;
import org.vaescope.metrics.internal.learn.Json;

/**
 * Runs all standard disentanglement metrics with one seed. Every metric receives the same seed
 * (so running one metric alone with that seed gives the same result as in the suite).
 *
 * <p>Array input: constant factor columns are dropped first (reported as
 * {@code dropped_factors}). MIG and IRS use at most {@code numTrain} rows (a seeded random
 * subset if there are more); DCI, SAP and modularity/explicitness split the rows at random into
 * {@code numTrain} training and {@code numTest} test rows, or, with fewer rows than
 * {@code numTrain + numTest}, divide all rows in that ratio (training part rounded up). The
 * BetaVAE and FactorVAE scores need a {@link RepresentationSampler} and are only computed by
 * {@link #run(RepresentationSampler, Config, long)}.
 */
public final class DisentanglementSuite {

    /**
     * Settings of all metrics.
     *
     * @param mig MIG settings
     * @param dci DCI settings
     * @param sap SAP settings
     * @param modularity modularity/explicitness settings
     * @param irs IRS settings
     * @param betaVae BetaVAE score settings
     * @param factorVae FactorVAE score settings
     */
    public record Config(Mig.Config mig, Dci.Config dci, Sap.Config sap, ModularityExplicitness.Config modularity,
            Irs.Config irs, BetaVaeScore.Config betaVae, FactorVaeScore.Config factorVae) {

        /** The disentanglement_lib defaults of every metric. */
        public static Config defaults() {
            return new Config(Mig.Config.defaults(), Dci.Config.defaults(), Sap.Config.defaults(),
                    ModularityExplicitness.Config.defaults(), Irs.Config.defaults(), BetaVaeScore.Config.defaults(),
                    FactorVaeScore.Config.defaults());
        }

        /**
         * The defaults with other sample counts: {@code numTrain} training samples/points/votes,
         * {@code numTest} test samples/evaluation points/votes (bins, batch sizes, C, quantile,
         * thresholds and boosting settings unchanged; FactorVAE's variance estimate uses
         * {@code numTrain} samples).
         */
        public static Config withSampleCounts(int numTrain, int numTest) {
            Config d = defaults();
            return new Config(new Mig.Config(numTrain, d.mig().numBins()),
                    new Dci.Config(numTrain, numTest, d.dci().boosting()),
                    new Sap.Config(numTrain, numTest, d.sap().c()),
                    new ModularityExplicitness.Config(numTrain, numTest, d.modularity().numBins()),
                    new Irs.Config(numTrain, d.irs().diffQuantile(), d.irs().numBins()),
                    new BetaVaeScore.Config(d.betaVae().batchSize(), numTrain, numTest),
                    new FactorVaeScore.Config(d.factorVae().batchSize(), numTrain, numTest, Math.max(2, numTrain),
                            d.factorVae().scaleThreshold()));
        }

        /** This configuration with other MIG settings. */
        public Config withMig(Mig.Config other) {
            return new Config(other, dci, sap, modularity, irs, betaVae, factorVae);
        }

        /** This configuration with DCI's trees trying every split point, as scikit-learn's do. */
        public Config withExactSplitSearch() {
            return withBoosting(GradientBoostedTrees.Params.exact());
        }

        /** This configuration with other boosting settings for DCI. */
        public Config withBoosting(GradientBoostedTrees.Params boosting) {
            return new Config(mig, new Dci.Config(dci.numTrain(), dci.numTest(), boosting), sap, modularity, irs,
                    betaVae, factorVae);
        }
    }

    /**
     * All results of one run.
     *
     * @param metrics results in the order MIG, DCI, SAP, Modularity, IRS (, BetaVAE, FactorVAE)
     * @param droppedFactors indices of constant factors left out
     * @param seed the seed
     */
    public record Result(List<MetricResult> metrics, int[] droppedFactors, long seed) {

        /** The result of the metric with this {@link MetricResult#metricName()}, or null. */
        public MetricResult get(String metricName) {
            return metrics.stream().filter(m -> m.metricName().equals(metricName)).findFirst().orElse(null);
        }

        /** Fields as an ordered map: seed, dropped_factors, and one entry per metric. */
        public Map<String, Object> toMap() {
            Map<String, Object> byName = new LinkedHashMap<>();
            for (MetricResult m : metrics) byName.put(m.metricName(), m.toMap());
            return Samples.map("seed", seed, "dropped_factors", droppedFactors, "metrics", byName);
        }

        /** {@link #toMap()} as JSON. */
        public String toJson() {
            return Json.write(toMap());
        }
    }

    private DisentanglementSuite() {
    }

    /** Runs every metric of {@link Metrics#ALL} that accepts arrays. */
    public static Result runOnArrays(CodesAndFactors data, Config config, long seed) {
        int[] dropped = data.constantFactors();
        if (dropped.length == data.numFactors()) {
            throw new IllegalArgumentException("every factor is constant over the " + data.size() + " samples");
        }
        CodesAndFactors used = dropped.length == 0 ? data : data.withoutFactors(dropped);
        List<MetricResult> results = new ArrayList<>();
        for (MetricDescriptor metric : Metrics.ALL) {
            if (metric.acceptsArrays()) results.add(metric.compute(used, config, seed));
        }
        return new Result(List.copyOf(results), dropped, seed);
    }

    /** Runs every metric of {@link Metrics#ALL} on data drawn from {@code sampler}; factors of size 1 are dropped. */
    public static Result run(RepresentationSampler sampler, Config config, long seed) {
        int[] sizes = sampler.factorSizes();
        int[] dropped = java.util.stream.IntStream.range(0, sizes.length).filter(k -> sizes[k] <= 1).toArray();
        List<MetricResult> results = new ArrayList<>();
        for (MetricDescriptor metric : Metrics.ALL) results.add(metric.compute(sampler, config, seed));
        return new Result(List.copyOf(results), dropped, seed);
    }
}
