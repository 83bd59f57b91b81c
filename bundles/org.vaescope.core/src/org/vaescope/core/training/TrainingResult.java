package org.vaescope.core.training;

import org.vaescope.core.store.ModelMetadata;
import org.vaescope.core.vae.VaeModel;

/**
 * The outcome of training.
 *
 * @param model          the trained model
 * @param metadata       what to save with it (steps done, final losses, dataset, seed, ...)
 * @param stepsCompleted steps actually done
 * @param cancelled      true if the cancellation check stopped training early
 * @param finalKlPerDimension KL per latent dimension over the last progress window (empty for VQ-VAE)
 */
public record TrainingResult(VaeModel model, ModelMetadata metadata, int stepsCompleted, boolean cancelled,
        double[] finalKlPerDimension) {
}
