package org.vaescope.metrics;

import java.util.Arrays;
import java.util.Map;

import org.vaescope.metrics.internal.learn.LinearSvm;
import org.vaescope.metrics.internal.learn.Stats;

/**
 * Separated Attribute Predictability (Kumar et al. 2018), disentanglement_lib
 * {@code sap_score.py} with {@code continuous_factors=False}: for every code i and factor k a
 * linear SVM ({@code LinearSVC(C=0.01, class_weight="balanced")}: squared hinge, one-vs-rest)
 * is trained on code i alone; {@code S[i][k]} is its test accuracy, and
 * {@code SAP = mean_k (S_(1)k − S_(2)k)} with the two largest entries of column k.
 *
 * <p>Note that even a perfect code cannot reach 1: the runner-up is a code without information,
 * which still scores about chance (e.g. ≈ 0.5 for a balanced binary factor), and a
 * one-dimensional linear one-vs-rest classifier cannot always isolate middle classes of a
 * many-class factor.
 */
public final class Sap {

    /** The declaration read by the suite, the command line, the script language and the IDE. */
    public static final MetricDescriptor DESCRIPTOR = MetricDescriptor.trainTest("sap", "SAP",
            "separated attribute predictability (Kumar et al. 2018): per factor the gap between the two codes whose linear SVM predicts it best",
            java.util.List.of(new MetricDescriptor.Parameter("numTrain", "training samples", "10000"),
                    new MetricDescriptor.Parameter("numTest", "test samples", "5000"),
                    new MetricDescriptor.Parameter("c", "SVM regularisation C", "0.01")),
            DisentanglementSuite.Config::sap, Sap::compute);

    /**
     * Settings.
     *
     * @param numTrain training samples (10,000)
     * @param numTest test samples (5,000)
     * @param c the SVM's C (0.01)
     */
    public record Config(int numTrain, int numTest, double c) implements MetricDescriptor.TrainTestSizes {
        /** Validates the settings. */
        public Config {
            Samples.requirePositive("numTrain", numTrain);
            Samples.requirePositive("numTest", numTest);
            if (!(c > 0)) throw new IllegalArgumentException("C must be > 0, got " + c);
        }

        /** disentanglement_lib's defaults. */
        public static Config defaults() {
            return new Config(10_000, 5_000, 0.01);
        }
    }

    /**
     * SAP score.
     *
     * @param score SAP
     * @param scoreMatrix test accuracy per (code, factor)
     * @param numTrain training samples used
     * @param numTest test samples used
     * @param seed seed of the sampling/split
     */
    public record Result(double score, double[][] scoreMatrix, int numTrain, int numTest, long seed)
            implements MetricResult {
        @Override
        public String metricName() {
            return "SAP";
        }

        @Override
        public Map<String, Object> toMap() {
            return Samples.map("metric", metricName(), "score", score, "score_matrix", scoreMatrix,
                    "num_train", numTrain, "num_test", numTest, "seed", seed);
        }
    }

    private Sap() {
    }

    /** SAP with an explicit training and test set. */
    public static Result compute(CodesAndFactors train, CodesAndFactors test, Config config, long seed) {
        train.requireVaryingFactors("SAP");
        int d = train.numCodes();
        int k = train.numFactors();
        double[][] matrix = new double[d][k];
        java.util.stream.IntStream.range(0, d).parallel().forEach(i -> {
            double[][] xTrain = asColumn(train.codeColumn(i));
            double[][] xTest = asColumn(test.codeColumn(i));
            for (int f = 0; f < k; f++) {
                LinearSvm svm = LinearSvm.fit(xTrain, train.factorColumn(f), config.c(), true);
                matrix[i][f] = svm.accuracy(xTest, test.factorColumn(f));
            }
        });
        return new Result(averageTopTwoGap(matrix), matrix, train.size(), test.size(), seed);
    }

    /** Mean over columns of (largest − second largest) entry; the second is 0 with one row. */
    static double averageTopTwoGap(double[][] matrix) {
        int k = matrix[0].length;
        double total = 0.0;
        for (int f = 0; f < k; f++) {
            double[] column = Stats.column(matrix, f);
            Arrays.sort(column);
            double second = column.length > 1 ? column[column.length - 2] : 0.0;
            total += column[column.length - 1] - second;
        }
        return total / k;
    }

    private static double[][] asColumn(double[] values) {
        double[][] x = new double[values.length][1];
        for (int i = 0; i < values.length; i++) x[i][0] = values[i];
        return x;
    }
}
