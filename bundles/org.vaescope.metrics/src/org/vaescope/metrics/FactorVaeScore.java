package org.vaescope.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.vaescope.metrics.internal.learn.Stats;

/**
 * FactorVAE score (Kim &amp; Mnih 2018), disentanglement_lib {@code factor_vae.py}. The global
 * variance of each code dimension (ddof 1) is estimated on {@code numVarianceEstimate}
 * observational samples; dimensions whose standard deviation is below {@code scaleThreshold} are
 * dropped, as disentanglement_lib's {@code _prune_dims} does ({@code sqrt(variance) >= threshold},
 * with the 0.05 of its evaluation configuration {@code prune_dims.threshold}; its code default is 0). One vote: pick a factor k uniformly (among factors with more than one
 * class), sample a batch of {@code batchSize} factor vectors sharing the value of factor k,
 * represent them, and vote (k, argmin_j var_j / globalVar_j) over active dimensions j. The
 * majority-vote classifier maps each dimension to the factor with most training votes (lowest
 * factor on ties); the score is the fraction of {@code numEval} fresh votes it gets right.
 * If no dimension is active, the score is 0.
 */
public final class FactorVaeScore {

    /** The declaration read by the suite, the command line, the script language and the IDE. */
    public static final MetricDescriptor DESCRIPTOR = new MetricDescriptor("factorvae", "FactorVAE",
            "FactorVAE score (Kim & Mnih 2018): accuracy of a majority vote naming the fixed factor from the least varying code",
            List.of(new MetricDescriptor.Parameter("batchSize", "samples per vote", "64"),
                    new MetricDescriptor.Parameter("numTrain", "training votes", "10000"),
                    new MetricDescriptor.Parameter("numEval", "evaluation votes", "5000"),
                    new MetricDescriptor.Parameter("scaleThreshold", "smallest standard deviation of an active code", "0.05")),
            (sampler, config, seed) -> compute(sampler, config.factorVae(), seed), null);

    /**
     * Settings.
     *
     * @param batchSize samples per vote (64)
     * @param numTrain training votes (10,000)
     * @param numEval evaluation votes (5,000)
     * @param numVarianceEstimate samples for the global variances (10,000)
     * @param scaleThreshold dimensions whose global standard deviation is below this are inactive (0.05)
     */
    public record Config(int batchSize, int numTrain, int numEval, int numVarianceEstimate, double scaleThreshold) {
        /** Validates the settings. */
        public Config {
            if (batchSize < 2) throw new IllegalArgumentException("batchSize must be >= 2, got " + batchSize);
            Samples.requirePositive("numTrain", numTrain);
            Samples.requirePositive("numEval", numEval);
            if (numVarianceEstimate < 2) {
                throw new IllegalArgumentException("numVarianceEstimate must be >= 2, got " + numVarianceEstimate);
            }
            if (!(scaleThreshold >= 0)) {
                throw new IllegalArgumentException("scaleThreshold must be >= 0, got " + scaleThreshold);
            }
        }

        /** The defaults (64, 10,000, 5,000, 10,000, 0.05). */
        public static Config defaults() {
            return new Config(64, 10_000, 5_000, 10_000, 0.05);
        }
    }

    /**
     * FactorVAE score.
     *
     * @param evalAccuracy the score
     * @param trainAccuracy training accuracy of the majority vote
     * @param activeDimensions indices of the active code dimensions
     * @param globalVariances variance of every code dimension
     * @param batchSize samples per vote
     * @param numTrain training votes
     * @param numEval evaluation votes
     * @param numVarianceEstimate samples for the global variances
     * @param seed seed of the sampling
     */
    public record Result(double evalAccuracy, double trainAccuracy, int[] activeDimensions, double[] globalVariances,
            int batchSize, int numTrain, int numEval, int numVarianceEstimate, long seed) implements MetricResult {
        @Override
        public String metricName() {
            return "FactorVAE";
        }

        /** The evaluation accuracy. */
        @Override
        public double score() {
            return evalAccuracy;
        }

        /** Number of active code dimensions. */
        public int numActiveDimensions() {
            return activeDimensions.length;
        }

        @Override
        public Map<String, Object> toMap() {
            return Samples.map("metric", metricName(), "eval_accuracy", evalAccuracy, "train_accuracy", trainAccuracy,
                    "num_active_dims", numActiveDimensions(), "active_dims", activeDimensions,
                    "global_variances", globalVariances, "batch_size", batchSize, "num_train", numTrain,
                    "num_eval", numEval, "num_variance_estimate", numVarianceEstimate, "seed", seed);
        }
    }

    private FactorVaeScore() {
    }

    /**
     * What one vote keeps of its batch: the factor held fixed and each code dimension's variance
     * (ddof 1) over the batch.
     */
    public record Vote(int fixedFactor, double[] batchVariances) {
    }

    /** Computes the score: variances, then training votes, then evaluation votes, from one generator. */
    public static Result compute(RepresentationSampler sampler, Config config, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] varying = Samples.varyingFactors(sampler);
        int numFactors = sampler.factorSizes().length;
        double[][] codes = sampler.represent(sampler.sampleFactors(config.numVarianceEstimate(), rng), rng);
        double[] globalVariances = new double[codes[0].length];
        for (int j = 0; j < globalVariances.length; j++) globalVariances[j] = Stats.variance(Stats.column(codes, j), 1);
        if (active(globalVariances, config.scaleThreshold()).length == 0) {
            return fromVotes(globalVariances, List.of(), List.of(), numFactors, config, seed);
        }
        List<Vote> train = votes(sampler, varying, config.batchSize(), config.numTrain(), rng);
        List<Vote> eval = votes(sampler, varying, config.batchSize(), config.numEval(), rng);
        return fromVotes(globalVariances, train, eval, numFactors, config, seed);
    }

    /**
     * The score of votes already drawn: dimensions pruned by their global standard deviation, each vote
     * cast for the active dimension of least batch variance relative to its global variance, the
     * majority-vote classifier fitted on the training votes and scored on the evaluation votes.
     */
    public static Result fromVotes(double[] globalVariances, List<Vote> train, List<Vote> eval, int numFactors,
            Config config, long seed) {
        int[] active = active(globalVariances, config.scaleThreshold());
        if (active.length == 0) {
            return new Result(0.0, 0.0, active, globalVariances, config.batchSize(), config.numTrain(),
                    config.numEval(), config.numVarianceEstimate(), seed);
        }
        long[][] trainVotes = tally(train, globalVariances, active, numFactors);
        int[] classifier = new int[active.length];
        for (int a = 0; a < active.length; a++) {
            int best = 0;
            for (int k = 1; k < numFactors; k++) if (trainVotes[k][a] > trainVotes[best][a]) best = k;
            classifier[a] = best;
        }
        long[][] evalVotes = tally(eval, globalVariances, active, numFactors);
        return new Result(accuracy(evalVotes, classifier), accuracy(trainVotes, classifier), active, globalVariances,
                config.batchSize(), config.numTrain(), config.numEval(), config.numVarianceEstimate(), seed);
    }

    private static int[] active(double[] globalVariances, double scaleThreshold) {
        return java.util.stream.IntStream.range(0, globalVariances.length)
                .filter(j -> Math.sqrt(globalVariances[j]) >= scaleThreshold).toArray();
    }

    private static List<Vote> votes(RepresentationSampler sampler, int[] varying, int batchSize, int numVotes,
            SplittableRandom rng) {
        List<Vote> votes = new ArrayList<>(numVotes);
        for (int v = 0; v < numVotes; v++) {
            int factor = varying[rng.nextInt(varying.length)];
            int[][] batch = sampler.sampleFactors(batchSize, rng);
            for (int b = 1; b < batchSize; b++) batch[b][factor] = batch[0][factor];
            double[][] z = sampler.represent(batch, rng);
            double[] variances = new double[z[0].length];
            for (int j = 0; j < variances.length; j++) variances[j] = Stats.variance(Stats.column(z, j), 1);
            votes.add(new Vote(factor, variances));
        }
        return votes;
    }

    /** tally[k][a]: how often fixing factor k made active dimension a the least varying. */
    private static long[][] tally(List<Vote> votes, double[] globalVariances, int[] active, int numFactors) {
        long[][] tally = new long[numFactors][active.length];
        for (Vote vote : votes) {
            int argmin = 0;
            double min = Double.POSITIVE_INFINITY;
            for (int a = 0; a < active.length; a++) {
                double ratio = vote.batchVariances()[active[a]] / globalVariances[active[a]];
                if (ratio < min) {
                    min = ratio;
                    argmin = a;
                }
            }
            tally[vote.fixedFactor()][argmin]++;
        }
        return tally;
    }

    private static double accuracy(long[][] votes, int[] classifier) {
        long correct = 0;
        long total = 0;
        for (int a = 0; a < classifier.length; a++) {
            correct += votes[classifier[a]][a];
            for (long[] row : votes) total += row[a];
        }
        return (double) correct / total;
    }
}
