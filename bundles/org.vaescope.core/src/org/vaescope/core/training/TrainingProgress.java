package org.vaescope.core.training;

import java.util.Map;

/**
 * A progress report, sent every {@link TrainingConfig#progressEvery()} steps and after the last.
 *
 * @param step              steps done so far (1-based count)
 * @param totalSteps        steps planned
 * @param losses            loss terms averaged over the steps since the previous report
 *                          ({@code loss}, {@code reconstruction}, {@code kl}, ...)
 * @param klPerDimension    KL per latent dimension averaged over those steps (empty for VQ-VAE)
 * @param stepsPerSecond    throughput over those steps
 * @param imagesPerSecond   stepsPerSecond × batch size
 */
public record TrainingProgress(int step, int totalSteps, Map<String, Double> losses, double[] klPerDimension,
        double stepsPerSecond, double imagesPerSecond) {

    public TrainingProgress {
        losses = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(losses));
        klPerDimension = klPerDimension.clone();
    }

    /** Fraction of planned steps done, in [0, 1]. */
    public double fraction() {
        return totalSteps == 0 ? 1 : (double) step / totalSteps;
    }

    @Override
    public double[] klPerDimension() {
        return klPerDimension.clone();
    }
}
