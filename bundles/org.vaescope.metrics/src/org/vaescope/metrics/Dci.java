package org.vaescope.metrics;

import java.util.Map;
import java.util.stream.IntStream;

import org.vaescope.metrics.internal.learn.GradientBoostedTrees;
import org.vaescope.metrics.internal.learn.InfoTheory;
import org.vaescope.metrics.internal.learn.Stats;

/**
 * DCI disentanglement, completeness and informativeness (Eastwood &amp; Williams 2018), as
 * disentanglement_lib {@code dci.py}. Per factor k a gradient-boosted trees classifier is fitted
 * on all codes; its normalised impurity importances form column k of the importance matrix
 * {@code R} (codes × factors). With {@code P_i· = R_i· / Σ_k R_ik}:
 * <ul>
 * <li>disentanglement {@code D = Σ_i ρ_i (1 − H_K(P_i·))}, {@code ρ_i = Σ_k R_ik / Σ R},
 * entropy base K = number of factors;</li>
 * <li>completeness {@code C = Σ_k ρ'_k (1 − H_d(R_·k / Σ_i R_ik))}, {@code ρ'_k = Σ_i R_ik / Σ R},
 * entropy base d = code size;</li>
 * <li>informativeness = mean classification accuracy over factors, on the test (and training)
 * set.</li>
 * </ul>
 * As disentanglement_lib, 1e-11 is added to every entry before taking entropies, and an
 * all-zero R gives uniform weights ρ. The boosting settings are in
 * {@link GradientBoostedTrees.Params}; factors are fitted in parallel (results do not depend on
 * the thread schedule).
 */
public final class Dci {

    /** The declaration read by the suite, the command line, the script language and the IDE. */
    public static final MetricDescriptor DESCRIPTOR = MetricDescriptor.trainTest("dci", "DCI",
            "DCI disentanglement, completeness and informativeness (Eastwood & Williams 2018) from gradient-boosted trees importances",
            java.util.List.of(new MetricDescriptor.Parameter("numTrain", "training samples", "10000"),
                    new MetricDescriptor.Parameter("numTest", "test samples", "5000"),
                    new MetricDescriptor.Parameter("boosting", "boosting stages, learning rate, depth, split candidates", "100, 0.1, 3, 128")),
            DisentanglementSuite.Config::dci, Dci::compute);

    /**
     * Settings.
     *
     * @param numTrain training samples (10,000)
     * @param numTest test samples (5,000)
     * @param boosting gradient-boosting hyper-parameters (sklearn defaults: 100 stages of depth-3
     *        trees, learning rate 0.1)
     */
    public record Config(int numTrain, int numTest, GradientBoostedTrees.Params boosting) implements MetricDescriptor.TrainTestSizes {
        /** Validates the settings. */
        public Config {
            Samples.requirePositive("numTrain", numTrain);
            Samples.requirePositive("numTest", numTest);
            if (boosting == null) throw new IllegalArgumentException("boosting parameters must not be null");
        }

        /** disentanglement_lib's defaults. */
        public static Config defaults() {
            return new Config(10_000, 5_000, GradientBoostedTrees.Params.defaults());
        }
    }

    /**
     * DCI scores.
     *
     * @param disentanglement D
     * @param completeness C
     * @param informativenessTest mean test accuracy (the informativeness score)
     * @param informativenessTrain mean training accuracy
     * @param importance importance matrix R, codes × factors
     * @param disentanglementPerCode 1 − H_K(P_i·)
     * @param completenessPerFactor 1 − H_d(R_·k normalised)
     * @param numTrain training samples used
     * @param numTest test samples used
     * @param seed seed of the sampling/split
     */
    public record Result(double disentanglement, double completeness, double informativenessTest,
            double informativenessTrain, double[][] importance, double[] disentanglementPerCode,
            double[] completenessPerFactor, int numTrain, int numTest, long seed) implements MetricResult {
        @Override
        public String metricName() {
            return "DCI";
        }

        /** The disentanglement D. */
        @Override
        public double score() {
            return disentanglement;
        }

        @Override
        public Map<String, Object> toMap() {
            return Samples.map("metric", metricName(), "disentanglement", disentanglement,
                    "completeness", completeness, "informativeness_test", informativenessTest,
                    "informativeness_train", informativenessTrain, "importance_matrix", importance,
                    "disentanglement_per_code", disentanglementPerCode,
                    "completeness_per_factor", completenessPerFactor,
                    "num_train", numTrain, "num_test", numTest, "seed", seed);
        }
    }

    private Dci() {
    }

    /** DCI with an explicit training and test set. */
    public static Result compute(CodesAndFactors train, CodesAndFactors test, Config config, long seed) {
        train.requireVaryingFactors("DCI");
        if (train.numCodes() != test.numCodes() || train.numFactors() != test.numFactors()) {
            throw new IllegalArgumentException("training and test sets differ in shape");
        }
        int d = train.numCodes();
        int k = train.numFactors();
        double[][] importance = new double[d][k];
        double[] trainAccuracy = new double[k];
        double[] testAccuracy = new double[k];
        IntStream.range(0, k).parallel().forEach(factor -> {
            int[] y = train.factorColumn(factor);
            GradientBoostedTrees model = GradientBoostedTrees.fit(train.codes(), y, config.boosting(), seed);
            double[] featureImportance = model.featureImportances();
            for (int i = 0; i < d; i++) importance[i][factor] = Math.abs(featureImportance[i]);
            trainAccuracy[factor] = Stats.accuracy(model.trainingPredictions(), y);
            testAccuracy[factor] = model.accuracy(test.codes(), test.factorColumn(factor));
        });
        double[] perCode = disentanglementPerCode(importance);
        double[] perFactor = completenessPerFactor(importance);
        return new Result(disentanglement(importance), completeness(importance), Stats.mean(testAccuracy),
                Stats.mean(trainAccuracy), importance, perCode, perFactor, train.size(), test.size(), seed);
    }

    /** {@code 1 − H_K(R_i· + 1e-11)} per code i. */
    static double[] disentanglementPerCode(double[][] importance) {
        int k = importance[0].length;
        double[] perCode = new double[importance.length];
        for (int i = 0; i < importance.length; i++) {
            double[] row = new double[k];
            for (int f = 0; f < k; f++) row[f] = importance[i][f] + 1e-11;
            perCode[i] = 1.0 - InfoTheory.entropy(row, k);
        }
        return perCode;
    }

    /** {@code 1 − H_d(R_·k + 1e-11)} per factor k. */
    static double[] completenessPerFactor(double[][] importance) {
        int d = importance.length;
        double[] perFactor = new double[importance[0].length];
        for (int f = 0; f < perFactor.length; f++) {
            double[] column = new double[d];
            for (int i = 0; i < d; i++) column[i] = importance[i][f] + 1e-11;
            perFactor[f] = 1.0 - InfoTheory.entropy(column, d);
        }
        return perFactor;
    }

    /** Disentanglement D of an importance matrix (codes × factors). */
    public static double disentanglement(double[][] importance) {
        double[] perCode = disentanglementPerCode(importance);
        double[][] weights = zeroToOnes(importance);
        double total = sum(weights);
        double d = 0.0;
        for (int i = 0; i < weights.length; i++) d += perCode[i] * rowSum(weights[i]) / total;
        return d;
    }

    /** Completeness C of an importance matrix (codes × factors). */
    public static double completeness(double[][] importance) {
        double[] perFactor = completenessPerFactor(importance);
        double[][] weights = zeroToOnes(importance);
        double total = sum(weights);
        double c = 0.0;
        for (int f = 0; f < perFactor.length; f++) {
            double columnSum = 0.0;
            for (double[] row : weights) columnSum += row[f];
            c += perFactor[f] * columnSum / total;
        }
        return c;
    }

    private static double[][] zeroToOnes(double[][] m) {
        if (sum(m) != 0.0) {
            return m;
        }
        double[][] ones = new double[m.length][m[0].length];
        for (double[] row : ones) java.util.Arrays.fill(row, 1.0);
        return ones;
    }

    private static double sum(double[][] m) {
        double s = 0.0;
        for (double[] row : m) s += rowSum(row);
        return s;
    }

    private static double rowSum(double[] row) {
        double s = 0.0;
        for (double v : row) s += v;
        return s;
    }
}
