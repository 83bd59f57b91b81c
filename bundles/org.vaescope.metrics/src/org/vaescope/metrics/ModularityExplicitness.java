package org.vaescope.metrics;

import java.util.Map;

import org.vaescope.metrics.internal.learn.LogisticRegression;
import org.vaescope.metrics.internal.learn.Stats;

/**
 * Modularity and explicitness (Ridgeway &amp; Zemel 2018), disentanglement_lib
 * {@code modularity_explicitness.py}.
 * <ul>
 * <li>Modularity: from the MI matrix m (codes × factors, as in {@link Mig}, on the training
 * set), per code i with {@code θ_i = max_k m_ik} and template {@code t_ik = θ_i [k = argmax]}:
 * {@code δ_i = Σ_k (m_ik − t_ik)² / (θ_i² (K − 1))}, i.e. {@code (Σ_k m_ik² − θ_i²) / (θ_i² (K − 1))};
 * modularity {@code = mean_i (1 − δ_i)}, where a code with {@code θ_i = 0} scores 0 (as
 * disentanglement_lib).</li>
 * <li>Explicitness: codes standardised with the training mean and standard deviation; per
 * factor an L2 logistic regression (C = 1, one-vs-rest) on all codes; the factor's score is the
 * macro-average over classes of the one-vs-rest ROC AUC of the predicted class probabilities;
 * explicitness = mean over factors, on the test (and training) set. Classes that are absent
 * from (or make up all of) the evaluated set are skipped, where sklearn would fail.</li>
 * </ul>
 */
public final class ModularityExplicitness {

    /** The declaration read by the suite, the command line, the script language and the IDE. */
    public static final MetricDescriptor DESCRIPTOR = MetricDescriptor.trainTest("modularity_explicitness", "Modularity",
            "modularity and explicitness (Ridgeway & Zemel 2018): how far each code carries one factor only, and how well logistic regression reads each factor",
            java.util.List.of(new MetricDescriptor.Parameter("numTrain", "training samples", "10000"),
                    new MetricDescriptor.Parameter("numTest", "test samples", "5000"),
                    new MetricDescriptor.Parameter("numBins", "histogram bins per code dimension", "20")),
            DisentanglementSuite.Config::modularity, ModularityExplicitness::compute);

    /**
     * Settings.
     *
     * @param numTrain training samples (10,000)
     * @param numTest test samples (5,000)
     * @param numBins histogram bins for the MI matrix (20)
     */
    public record Config(int numTrain, int numTest, int numBins) implements MetricDescriptor.TrainTestSizes {
        /** Validates the settings. */
        public Config {
            Samples.requirePositive("numTrain", numTrain);
            Samples.requirePositive("numTest", numTest);
            Samples.requirePositive("numBins", numBins);
        }

        /** disentanglement_lib's defaults. */
        public static Config defaults() {
            return new Config(10_000, 5_000, 20);
        }
    }

    /**
     * Scores.
     *
     * @param modularity modularity score
     * @param modularityPerCode 1 − δ_i per code
     * @param explicitnessTest mean test AUC
     * @param explicitnessTrain mean training AUC
     * @param explicitnessPerFactorTest test AUC per factor
     * @param mutualInformation the MI matrix used
     * @param numTrain training samples used
     * @param numTest test samples used
     * @param seed seed of the sampling/split
     */
    public record Result(double modularity, double[] modularityPerCode, double explicitnessTest,
            double explicitnessTrain, double[] explicitnessPerFactorTest, double[][] mutualInformation,
            int numTrain, int numTest, long seed) implements MetricResult {
        @Override
        public String metricName() {
            return "Modularity";
        }

        /** The modularity. */
        @Override
        public double score() {
            return modularity;
        }

        @Override
        public Map<String, Object> toMap() {
            return Samples.map("metric", metricName(), "modularity", modularity,
                    "modularity_per_code", modularityPerCode, "explicitness_test", explicitnessTest,
                    "explicitness_train", explicitnessTrain, "explicitness_per_factor_test", explicitnessPerFactorTest,
                    "mutual_information", mutualInformation, "num_train", numTrain, "num_test", numTest, "seed", seed);
        }
    }

    private ModularityExplicitness() {
    }

    /** Scores with an explicit training and test set. */
    public static Result compute(CodesAndFactors train, CodesAndFactors test, Config config, long seed) {
        train.requireVaryingFactors("Modularity");
        double[][] mi = Mig.mutualInformation(train, config.numBins());
        double[] perCode = modularityPerCode(mi);
        double[][] trainNorm = standardise(train.codes(), train.codes());
        double[][] testNorm = standardise(train.codes(), test.codes());
        int k = train.numFactors();
        double[] aucTrain = new double[k];
        double[] aucTest = new double[k];
        java.util.stream.IntStream.range(0, k).parallel().forEach(f -> {
            LogisticRegression model = LogisticRegression.fit(trainNorm, train.factorColumn(f), LogisticRegression.DEFAULT_C);
            aucTrain[f] = macroAuc(model, trainNorm, train.factorColumn(f));
            aucTest[f] = macroAuc(model, testNorm, test.factorColumn(f));
        });
        return new Result(Stats.mean(perCode), perCode, Stats.mean(aucTest), Stats.mean(aucTrain), aucTest, mi,
                train.size(), test.size(), seed);
    }

    /** Modularity of a mutual information matrix (codes × factors). */
    public static double modularity(double[][] mutualInformation) {
        return Stats.mean(modularityPerCode(mutualInformation));
    }

    static double[] modularityPerCode(double[][] mi) {
        int k = mi[0].length;
        double[] scores = new double[mi.length];
        for (int i = 0; i < mi.length; i++) {
            double maxSquared = 0.0;
            double sumSquared = 0.0;
            for (double v : mi[i]) {
                maxSquared = Math.max(maxSquared, v * v);
                sumSquared += v * v;
            }
            if (maxSquared == 0.0) {
                scores[i] = 0.0;
            } else {
                scores[i] = 1.0 - (sumSquared - maxSquared) / (maxSquared * (k - 1.0));
            }
        }
        return scores;
    }

    /** (x − mean) / std with the mean and population std of {@code reference}'s columns. */
    private static double[][] standardise(double[][] reference, double[][] x) {
        int d = reference[0].length;
        double[] mean = new double[d];
        double[] std = new double[d];
        for (int j = 0; j < d; j++) {
            double[] column = Stats.column(reference, j);
            mean[j] = Stats.mean(column);
            double s = Math.sqrt(Stats.variance(column, 0));
            std[j] = s > 0 ? s : 1.0; // a constant code stays constant (0) instead of NaN
        }
        double[][] out = new double[x.length][d];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < d; j++) out[i][j] = (x[i][j] - mean[j]) / std[j];
        }
        return out;
    }

    private static double macroAuc(LogisticRegression model, double[][] x, int[] y) {
        double[][] proba = model.predictProba(x);
        int[] classes = model.classes();
        double total = 0.0;
        int counted = 0;
        for (int c = 0; c < classes.length; c++) {
            double[] scores = Stats.column(proba, c);
            boolean[] positive = new boolean[y.length];
            for (int i = 0; i < y.length; i++) positive[i] = y[i] == classes[c];
            double auc = Stats.rocAuc(scores, positive);
            if (!Double.isNaN(auc)) {
                total += auc;
                counted++;
            }
        }
        return counted == 0 ? Double.NaN : total / counted;
    }
}
