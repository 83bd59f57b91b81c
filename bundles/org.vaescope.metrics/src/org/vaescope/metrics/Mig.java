package org.vaescope.metrics;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

import org.vaescope.metrics.internal.learn.InfoTheory;

/**
 * Mutual Information Gap (Chen et al. 2018), as disentanglement_lib {@code mig.py}: each code
 * dimension is histogram-discretised into {@code numBins} equal-width bins, the matrix
 * {@code m[i][k] = I(code_i; factor_k)} (nats) and the factor entropies {@code H_k} are
 * computed, and {@code MIG = mean_k (m_(1)k − m_(2)k) / H_k} with {@code m_(1)k ≥ m_(2)k} the
 * two largest entries of column k. With a single code dimension the second largest is 0.
 */
public final class Mig {

    /** The declaration read by the suite, the command line, the script language and the IDE. */
    public static final MetricDescriptor DESCRIPTOR = new MetricDescriptor("mig", "MIG",
            "mutual information gap (Chen et al. 2018): mean over factors of the gap between the two codes most informative about it, over its entropy",
            java.util.List.of(new MetricDescriptor.Parameter("numTrain", "samples", "10000"),
                    new MetricDescriptor.Parameter("numBins", "histogram bins per code dimension", "20")),
            (sampler, config, seed) -> compute(sampler, config.mig(), seed),
            (data, config, seed) -> compute(data, config.mig(), seed));

    /**
     * Settings.
     *
     * @param numTrain samples used (disentanglement_lib: 10,000)
     * @param numBins histogram bins per code dimension (20)
     */
    public record Config(int numTrain, int numBins) {
        /** Validates the settings. */
        public Config {
            Samples.requirePositive("numTrain", numTrain);
            Samples.requirePositive("numBins", numBins);
        }

        /** disentanglement_lib's defaults. */
        public static Config defaults() {
            return new Config(10_000, 20);
        }
    }

    /**
     * MIG and its ingredients.
     *
     * @param score the MIG
     * @param gapPerFactor normalised gap of each factor
     * @param mutualInformation codes × factors MI matrix (nats)
     * @param factorEntropy entropy of each factor (nats)
     * @param numSamples samples used
     * @param seed seed of the sampling
     */
    public record Result(double score, double[] gapPerFactor, double[][] mutualInformation, double[] factorEntropy,
            int numSamples, long seed) implements MetricResult {
        @Override
        public String metricName() {
            return "MIG";
        }

        @Override
        public Map<String, Object> toMap() {
            return Samples.map("metric", metricName(), "score", score, "gap_per_factor", gapPerFactor,
                    "mutual_information", mutualInformation, "factor_entropy", factorEntropy,
                    "num_samples", numSamples, "seed", seed);
        }
    }

    private Mig() {
    }

    /** MIG on at most {@code numTrain} rows of {@code data} (a random subset if there are more). */
    public static Result compute(CodesAndFactors data, Config config, long seed) {
        CodesAndFactors used = Samples.subset(data, config.numTrain(), seed);
        used.requireVaryingFactors("MIG");
        return fromMutualInformation(mutualInformation(used, config.numBins()), factorEntropies(used), used.size(), seed);
    }

    /** MIG on {@code numTrain} samples drawn from {@code sampler}. */
    public static Result compute(RepresentationSampler sampler, Config config, long seed) {
        CodesAndFactors data = Samples.fromSampler(sampler, config.numTrain(), new SplittableRandom(seed));
        data.requireVaryingFactors("MIG");
        return fromMutualInformation(mutualInformation(data, config.numBins()), factorEntropies(data), data.size(), seed);
    }

    /** The codes × factors mutual information matrix after histogram discretisation of the codes. */
    static double[][] mutualInformation(CodesAndFactors data, int numBins) {
        int[][] discreteCodes = new int[data.numCodes()][];
        for (int j = 0; j < data.numCodes(); j++) {
            discreteCodes[j] = InfoTheory.histogramDiscretize(data.codeColumn(j), numBins);
        }
        int[][] factorColumns = new int[data.numFactors()][];
        for (int k = 0; k < data.numFactors(); k++) factorColumns[k] = data.factorColumn(k);
        return InfoTheory.mutualInformationMatrix(discreteCodes, factorColumns);
    }

    static double[] factorEntropies(CodesAndFactors data) {
        double[] h = new double[data.numFactors()];
        for (int k = 0; k < h.length; k++) h[k] = InfoTheory.entropy(data.factorColumn(k));
        return h;
    }

    static Result fromMutualInformation(double[][] mi, double[] entropy, int numSamples, long seed) {
        int numFactors = entropy.length;
        double[] gaps = new double[numFactors];
        for (int k = 0; k < numFactors; k++) {
            double[] column = new double[mi.length];
            for (int i = 0; i < mi.length; i++) column[i] = mi[i][k];
            Arrays.sort(column);
            double top = column[column.length - 1];
            double second = column.length > 1 ? column[column.length - 2] : 0.0;
            gaps[k] = (top - second) / entropy[k];
        }
        return new Result(Arrays.stream(gaps).average().orElse(Double.NaN), gaps, mi, entropy, numSamples, seed);
    }
}
