package org.vaescope.metrics;

import java.util.SplittableRandom;

/**
 * Ground-truth data together with a model's representation function, as the sampling-based
 * metrics (BetaVAE score, FactorVAE score) and the sampler variants of the array metrics need
 * them (disentanglement_lib's {@code ground_truth_data} + {@code representation_function}).
 *
 * <p>Factors of size 1 (such as dSprites' colour) carry no information; all metrics ignore them
 * (disentanglement_lib's data sets exclude them from the factor list).
 */
public interface RepresentationSampler {

    /** Number of classes of each factor, in factor order. */
    int[] factorSizes();

    /**
     * Samples {@code n} factor class vectors from the observational distribution.
     *
     * @return n × K class indices, {@code 0 <= c[i][k] < factorSizes()[k]}
     */
    int[][] sampleFactors(int n, SplittableRandom rng);

    /**
     * Renders an observation for each class vector and returns the model's representation of it
     * (e.g. the encoder means).
     *
     * @param factorClasses n × K class indices
     * @param rng randomness for rendering and encoding, if any
     * @return n × d codes
     */
    double[][] represent(int[][] factorClasses, SplittableRandom rng);
}
