package org.vaescope.core.vae;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.vaescope.core.hooks.HookedModel;
import org.vaescope.core.hooks.RunOptions;

/**
 * A VAE as the interventions, the analysis pipeline and the script interpreter see it, wherever it
 * was trained: a {@link HookedModel} with the hook points {@link VaeHooks#INPUT},
 * {@link VaeHooks#LATENT_MU}, {@link VaeHooks#LATENT_Z} and {@link VaeHooks#OUTPUT} (decoder
 * logits), and {@link VaeHooks#LATENT_LOGVAR} when its latents are Gaussian. VAEScope's own
 * {@link VaeModel} and imported models implement it.
 */
public interface HookedVae extends HookedModel {

    /** The number of latent dimensions (units of {@code latent.mu}). */
    int latentSize();

    /** The images the model takes: channels, height, width. */
    default int[] imageShape() {
        return hookPoint(inputHook()).shape();
    }

    /** μ(x) for a batch of images (for a VQ-VAE, the encoder output before quantisation). */
    default INDArray encodeMean(INDArray images) {
        return run(images, RunOptions.defaults().capture(VaeHooks.LATENT_MU)).activation(VaeHooks.LATENT_MU);
    }

    /** Decoder logits for a batch of codes fed at {@code latent.z}. */
    default INDArray decodeLogits(INDArray z) {
        return runFrom(VaeHooks.LATENT_Z, z, RunOptions.defaults()).output();
    }

    /** σ(logits) of the deterministic reconstruction of a batch of images. */
    default INDArray reconstruct(INDArray images) {
        return Transforms.sigmoid(run(images, RunOptions.defaults()).output(), true);
    }
}
