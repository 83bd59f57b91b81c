package org.vaescope.core.vae;

/**
 * Names of the hook points every VAEScope VAE has. Layer hooks between them depend on the
 * architecture: {@code encoder.conv1..4, encoder.fc, decoder.fc1, decoder.fc2,
 * decoder.deconv1..3} for the convolutional pair, {@code encoder.fc1.., decoder.fc1..} for the
 * MLP pair.
 */
public final class VaeHooks {

    /** The input image batch (batch × channels × height × width, values in [0, 1]). */
    public static final String INPUT = "input";
    /** Latent means μ(x); for a VQ-VAE the encoder output z_e before quantisation. */
    public static final String LATENT_MU = "latent.mu";
    /** Latent log-variances (Gaussian latents only). */
    public static final String LATENT_LOGVAR = "latent.logvar";
    /** The code fed to the decoder: μ in a deterministic run, a sample otherwise; for a VQ-VAE the quantised code. */
    public static final String LATENT_Z = "latent.z";
    /** Decoder logits (batch × channels × height × width); σ(logits) is the reconstruction. */
    public static final String OUTPUT = "output.logits";

    private VaeHooks() {
    }
}
