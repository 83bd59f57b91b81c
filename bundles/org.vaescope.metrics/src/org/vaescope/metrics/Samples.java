package org.vaescope.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.vaescope.metrics.internal.learn.Stats;

/** Sampling and splitting shared by the metrics. */
final class Samples {

    /** Representations are requested in chunks of this many rows. */
    static final int REPRESENT_CHUNK = 1000;

    private Samples() {
    }

    /**
     * Draws {@code n} observational samples and their codes, keeping only factors with more than
     * one class.
     */
    static CodesAndFactors fromSampler(RepresentationSampler sampler, int n, SplittableRandom rng) {
        int[] varying = varyingFactors(sampler);
        double[][] codes = new double[n][];
        int[][] factors = new int[n][];
        for (int start = 0; start < n; start += REPRESENT_CHUNK) {
            int count = Math.min(REPRESENT_CHUNK, n - start);
            int[][] chunk = sampler.sampleFactors(count, rng);
            double[][] represented = sampler.represent(chunk, rng);
            if (chunk.length != count || represented.length != count) {
                throw new IllegalStateException("sampler returned " + chunk.length + " factor rows and "
                        + represented.length + " codes for a request of " + count);
            }
            for (int i = 0; i < count; i++) {
                codes[start + i] = represented[i];
                int[] kept = new int[varying.length];
                for (int t = 0; t < varying.length; t++) kept[t] = chunk[i][varying[t]];
                factors[start + i] = kept;
            }
        }
        return new CodesAndFactors(codes, factors);
    }

    /** Indices of the sampler's factors with more than one class. */
    static int[] varyingFactors(RepresentationSampler sampler) {
        int[] sizes = sampler.factorSizes();
        int[] varying = java.util.stream.IntStream.range(0, sizes.length).filter(k -> sizes[k] > 1).toArray();
        if (varying.length == 0) {
            throw new IllegalArgumentException("the sampler has no factor with more than one class: "
                    + java.util.Arrays.toString(sizes));
        }
        return varying;
    }

    /** At most {@code max} rows, chosen at random (all rows, in order, if there are not more). */
    static CodesAndFactors subset(CodesAndFactors data, int max, long seed) {
        if (data.size() <= max) {
            return data;
        }
        int[] permutation = Stats.permutation(data.size(), new SplittableRandom(seed));
        return data.rows(java.util.Arrays.copyOf(permutation, max));
    }

    /**
     * A random train/test split: {@code numTrain} and {@code numTest} rows if there are enough,
     * otherwise all rows divided in the ratio {@code numTrain : numTest}.
     */
    /** A training set, then a test set, drawn from {@code sampler} with one generator seeded by {@code seed}. */
    static CodesAndFactors[] trainTest(RepresentationSampler sampler, int numTrain, int numTest, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        CodesAndFactors train = fromSampler(sampler, numTrain, rng);
        return new CodesAndFactors[] {train, fromSampler(sampler, numTest, rng)};
    }

    static CodesAndFactors[] trainTest(CodesAndFactors data, int numTrain, int numTest, long seed) {
        int n = data.size();
        int train = numTrain;
        int test = numTest;
        if (n < numTrain + numTest) {
            train = (int) Math.ceil((double) n * numTrain / (numTrain + numTest));
            test = n - train;
        }
        if (train < 2 || test < 1) {
            throw new IllegalArgumentException("too few samples (" + n + ") for a train/test split");
        }
        int[] permutation = Stats.permutation(n, new SplittableRandom(seed));
        int[] trainRows = java.util.Arrays.copyOfRange(permutation, 0, train);
        int[] testRows = java.util.Arrays.copyOfRange(permutation, train, train + test);
        return new CodesAndFactors[] {data.rows(trainRows), data.rows(testRows)};
    }

    /** Ordered map from alternating keys and values. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
    }
}
