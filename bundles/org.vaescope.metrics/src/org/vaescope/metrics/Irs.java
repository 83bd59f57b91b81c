package org.vaescope.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.vaescope.metrics.internal.learn.InfoTheory;
import org.vaescope.metrics.internal.learn.Labels;
import org.vaescope.metrics.internal.learn.Stats;

/**
 * Interventional Robustness Score (Suter et al. 2019), disentanglement_lib {@code irs.py}
 * ({@code scalable_disentanglement_score}). Factors are histogram-discretised ({@code numBins}
 * bins, as disentanglement_lib's discretizer) and code dimensions with zero variance dropped.
 * For active code j: {@code maxDev_j = max_n |z_nj − mean(z_j)|}; for factor k,
 * {@code dev_jk = mean over values v of g_k of the diffQuantile-percentile of
 * |z_nj − E[z_j | g_k = v]|} over the samples with {@code g_k = v};
 * {@code IRS_jk = 1 − dev_jk / maxDev_j}; per-dimension score {@code s_j = max_k IRS_jk};
 * score = average of {@code s_j} weighted by {@code maxDev_j} (unweighted if all are 0; 0 if no
 * dimension is active).
 */
public final class Irs {

    /** The declaration read by the suite, the command line, the script language and the IDE. */
    public static final MetricDescriptor DESCRIPTOR = new MetricDescriptor("irs", "IRS",
            "interventional robustness score (Suter et al. 2019): how little a code moves when only the other factors change",
            java.util.List.of(new MetricDescriptor.Parameter("numTrain", "samples", "10000"),
                    new MetricDescriptor.Parameter("diffQuantile", "quantile of the deviations", "0.99"),
                    new MetricDescriptor.Parameter("numBins", "histogram bins per factor", "20")),
            (sampler, config, seed) -> compute(sampler, config.irs(), seed),
            (data, config, seed) -> compute(data, config.irs(), seed));

    /**
     * Settings.
     *
     * @param numTrain samples (10,000)
     * @param diffQuantile quantile of the within-group deviations (0.99)
     * @param numBins histogram bins for the factors (20)
     */
    public record Config(int numTrain, double diffQuantile, int numBins) {
        /** Validates the settings. */
        public Config {
            Samples.requirePositive("numTrain", numTrain);
            Samples.requirePositive("numBins", numBins);
            if (!(diffQuantile >= 0 && diffQuantile <= 1)) {
                throw new IllegalArgumentException("diffQuantile must be in [0, 1], got " + diffQuantile);
            }
        }

        /** disentanglement_lib's defaults. */
        public static Config defaults() {
            return new Config(10_000, 0.99, 20);
        }
    }

    /**
     * IRS.
     *
     * @param score weighted average IRS
     * @param perDimensionScores s_j per active dimension
     * @param activeDimensions indices (into the codes) of the active dimensions
     * @param parents argmax_k IRS_jk per active dimension
     * @param irsMatrix IRS_jk, active dimensions × factors
     * @param maxDeviations maxDev_j per active dimension
     * @param numSamples samples used
     * @param seed seed of the sampling
     */
    public record Result(double score, double[] perDimensionScores, int[] activeDimensions, int[] parents,
            double[][] irsMatrix, double[] maxDeviations, int numSamples, long seed) implements MetricResult {
        @Override
        public String metricName() {
            return "IRS";
        }

        /** Number of active (non-constant) code dimensions. */
        public int numActiveDimensions() {
            return activeDimensions.length;
        }

        @Override
        public Map<String, Object> toMap() {
            return Samples.map("metric", metricName(), "score", score, "per_dimension_scores", perDimensionScores,
                    "num_active_dims", numActiveDimensions(), "active_dims", activeDimensions, "parents", parents,
                    "irs_matrix", irsMatrix, "max_deviations", maxDeviations, "num_samples", numSamples, "seed", seed);
        }
    }

    private Irs() {
    }

    /** IRS on at most {@code numTrain} rows of {@code data}. */
    public static Result compute(CodesAndFactors data, Config config, long seed) {
        return computeOn(Samples.subset(data, config.numTrain(), seed), config, seed);
    }

    /** IRS on {@code numTrain} samples drawn from {@code sampler}. */
    public static Result compute(RepresentationSampler sampler, Config config, long seed) {
        return computeOn(Samples.fromSampler(sampler, config.numTrain(), new SplittableRandom(seed)), config, seed);
    }

    private static Result computeOn(CodesAndFactors data, Config config, long seed) {
        data.requireVaryingFactors("IRS");
        int n = data.size();
        List<Integer> active = new ArrayList<>();
        for (int j = 0; j < data.numCodes(); j++) {
            if (Stats.variance(data.codeColumn(j), 0) > 0) active.add(j);
        }
        int[] activeDims = active.stream().mapToInt(Integer::intValue).toArray();
        if (activeDims.length == 0) {
            return new Result(0.0, new double[0], activeDims, new int[0], new double[0][], new double[0], n, seed);
        }
        int k = data.numFactors();
        int[][] discreteFactors = new int[k][];
        for (int f = 0; f < k; f++) {
            double[] values = new double[n];
            int[] column = data.factorColumn(f);
            for (int i = 0; i < n; i++) values[i] = column[i];
            discreteFactors[f] = InfoTheory.histogramDiscretize(values, config.numBins());
        }
        int numActive = activeDims.length;
        double[] maxDeviation = new double[numActive];
        double[][] irs = new double[numActive][k];
        double[] perDimension = new double[numActive];
        int[] parents = new int[numActive];
        for (int a = 0; a < numActive; a++) {
            double[] z = data.codeColumn(activeDims[a]);
            double mean = Stats.mean(z);
            for (double v : z) maxDeviation[a] = Math.max(maxDeviation[a], Math.abs(v - mean));
            for (int f = 0; f < k; f++) {
                double deviation = meanGroupDeviation(z, discreteFactors[f], config.diffQuantile());
                irs[a][f] = 1.0 - deviation / maxDeviation[a];
            }
            int best = Stats.argmax(irs[a]);
            parents[a] = best;
            perDimension[a] = irs[a][best];
        }
        double weightSum = 0.0;
        double weighted = 0.0;
        for (int a = 0; a < numActive; a++) {
            weightSum += maxDeviation[a];
            weighted += maxDeviation[a] * perDimension[a];
        }
        double score = weightSum > 0 ? weighted / weightSum : Stats.mean(perDimension);
        return new Result(score, perDimension, activeDims, parents, irs, maxDeviation, n, seed);
    }

    /** Mean over the groups of equal {@code factor} of the quantile of |z − group mean|. */
    private static double meanGroupDeviation(double[] z, int[] factor, double quantile) {
        Labels groups = Labels.of(factor);
        int numGroups = groups.numClasses();
        int[] counts = new int[numGroups];
        for (int g : groups.encoded()) counts[g]++;
        double[][] members = new double[numGroups][];
        for (int g = 0; g < numGroups; g++) members[g] = new double[counts[g]];
        int[] filled = new int[numGroups];
        for (int i = 0; i < z.length; i++) {
            int g = groups.encoded()[i];
            members[g][filled[g]++] = z[i];
        }
        double total = 0.0;
        for (double[] group : members) {
            double mean = Stats.mean(group);
            double[] diffs = new double[group.length];
            for (int i = 0; i < group.length; i++) diffs[i] = Math.abs(group[i] - mean);
            total += Stats.percentile(diffs, quantile * 100);
        }
        return total / numGroups;
    }
}
