package org.vaescope.metrics;

import java.util.Map;
import java.util.SplittableRandom;

import org.vaescope.metrics.internal.learn.LogisticRegression;
import org.vaescope.metrics.internal.learn.MultinomialLogisticRegression;

/**
 * BetaVAE score (Higgins et al. 2017), disentanglement_lib {@code beta_vae.py}. One point: pick a
 * factor k uniformly (among factors with more than one class), sample two batches of
 * {@code batchSize} factor vectors, copy factor k of the first batch into the second, represent
 * both; the feature is {@code mean_b |z(x1_b) − z(x2_b)|} (per code dimension) and the label is
 * k. A multinomial logistic regression (C = 1: what disentanglement_lib's {@code LogisticRegression()}
 * fits under scikit-learn 0.22 and later; one-vs-rest moved the golden cases' score by up to 0.05) is
 * trained on {@code numTrain} points; the score is its accuracy on {@code numEval} fresh points.
 */
public final class BetaVaeScore {

    /** The declaration read by the suite, the command line, the script language and the IDE. */
    public static final MetricDescriptor DESCRIPTOR = new MetricDescriptor("betavae", "BetaVAE",
            "BetaVAE score (Higgins et al. 2017): accuracy of a logistic regression naming the factor two batches share",
            java.util.List.of(new MetricDescriptor.Parameter("batchSize", "pairs per point", "64"),
                    new MetricDescriptor.Parameter("numTrain", "training points", "10000"),
                    new MetricDescriptor.Parameter("numEval", "evaluation points", "5000")),
            (sampler, config, seed) -> compute(sampler, config.betaVae(), seed), null);

    /**
     * Settings.
     *
     * @param batchSize pairs per point (64)
     * @param numTrain training points (10,000)
     * @param numEval evaluation points (5,000)
     */
    public record Config(int batchSize, int numTrain, int numEval) {
        /** Validates the settings. */
        public Config {
            Samples.requirePositive("batchSize", batchSize);
            Samples.requirePositive("numTrain", numTrain);
            Samples.requirePositive("numEval", numEval);
        }

        /** disentanglement_lib's defaults. */
        public static Config defaults() {
            return new Config(64, 10_000, 5_000);
        }
    }

    /**
     * BetaVAE score.
     *
     * @param evalAccuracy the score
     * @param trainAccuracy training accuracy
     * @param batchSize pairs per point
     * @param numTrain training points
     * @param numEval evaluation points
     * @param seed seed of the sampling
     */
    public record Result(double evalAccuracy, double trainAccuracy, int batchSize, int numTrain, int numEval, long seed)
            implements MetricResult {
        @Override
        public String metricName() {
            return "BetaVAE";
        }

        /** The evaluation accuracy. */
        @Override
        public double score() {
            return evalAccuracy;
        }

        @Override
        public Map<String, Object> toMap() {
            return Samples.map("metric", metricName(), "eval_accuracy", evalAccuracy, "train_accuracy", trainAccuracy,
                    "batch_size", batchSize, "num_train", numTrain, "num_eval", numEval, "seed", seed);
        }
    }

    private BetaVaeScore() {
    }

    /** Computes the score; training points are drawn before evaluation points from one generator. */
    public static Result compute(RepresentationSampler sampler, Config config, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] varying = Samples.varyingFactors(sampler);
        if (varying.length < 2) {
            throw new IllegalArgumentException("BetaVAE score needs at least two factors with more than one class");
        }
        int[] trainLabels = new int[config.numTrain()];
        double[][] trainPoints = points(sampler, varying, config.batchSize(), trainLabels, rng);
        int[] evalLabels = new int[config.numEval()];
        double[][] evalPoints = points(sampler, varying, config.batchSize(), evalLabels, rng);
        return fromPoints(trainPoints, trainLabels, evalPoints, evalLabels, config, seed);
    }

    /**
     * The score of points already drawn (each the mean |z1 − z2| over a batch pair sharing the labelled
     * factor): a logistic regression fitted on the training points, its accuracy on the evaluation points.
     */
    public static Result fromPoints(double[][] trainPoints, int[] trainLabels, double[][] evalPoints, int[] evalLabels,
            Config config, long seed) {
        MultinomialLogisticRegression model = MultinomialLogisticRegression.fit(trainPoints, trainLabels,
                LogisticRegression.DEFAULT_C);
        return new Result(model.accuracy(evalPoints, evalLabels), model.accuracy(trainPoints, trainLabels),
                config.batchSize(), config.numTrain(), config.numEval(), seed);
    }

    /** Points per call of the representation function: one call represents many pairs at once. */
    private static final int POINTS_PER_CALL = 16;

    private static double[][] points(RepresentationSampler sampler, int[] varying, int batchSize, int[] labels,
            SplittableRandom rng) {
        double[][] points = new double[labels.length][];
        for (int from = 0; from < labels.length; from += POINTS_PER_CALL) {
            int count = Math.min(POINTS_PER_CALL, labels.length - from);
            int[][] first = new int[count * batchSize][];
            int[][] second = new int[count * batchSize][];
            for (int p = 0; p < count; p++) {
                int factor = varying[rng.nextInt(varying.length)];
                int[][] a = sampler.sampleFactors(batchSize, rng);
                int[][] b = sampler.sampleFactors(batchSize, rng);
                for (int i = 0; i < batchSize; i++) {
                    b[i][factor] = a[i][factor];
                    first[p * batchSize + i] = a[i];
                    second[p * batchSize + i] = b[i];
                }
                labels[from + p] = factor;
            }
            double[][] z1 = sampler.represent(first, rng);
            double[][] z2 = sampler.represent(second, rng);
            for (int p = 0; p < count; p++) {
                points[from + p] = meanAbsoluteDifference(z1, z2, p * batchSize, batchSize);
            }
        }
        return points;
    }

    private static double[] meanAbsoluteDifference(double[][] z1, double[][] z2, int offset, int batchSize) {
        double[] feature = new double[z1[0].length];
        for (int b = offset; b < offset + batchSize; b++) {
            for (int j = 0; j < feature.length; j++) feature[j] += Math.abs(z1[b][j] - z2[b][j]);
        }
        for (int j = 0; j < feature.length; j++) feature[j] /= batchSize;
        return feature;
    }
}
