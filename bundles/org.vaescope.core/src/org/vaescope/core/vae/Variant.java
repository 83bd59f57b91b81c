package org.vaescope.core.vae;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The six VAE training objectives, with their hyperparameters and defaults. Unless noted, the
 * defaults follow disentanglement_lib's settings (spec section 3).
 * <ul>
 * <li>{@code vae}: recon + KL.</li>
 * <li>{@code betavae}: recon + β·KL, β = 4.</li>
 * <li>{@code factorvae}: recon + KL + γ·TC, TC estimated by a discriminator D as
 * mean(D(z)₀ − D(z)₁); D is trained to tell z from z with each dimension permuted across the
 * batch. γ = 10 (low end of disentanglement_lib's sweep 10…100); D: 6 layers × 1000 units, leaky
 * ReLU (0.2), Adam lr 1e-4, β₁ 0.5, β₂ 0.9.</li>
 * <li>{@code betatcvae}: recon + KL + (β − 1)·TC with minibatch-weighted sampling; β = 6.</li>
 * <li>{@code dipvae2}: recon + KL + λ_od Σ_{i≠j} Cov_ij² + λ_d Σ_i (Cov_ii − 1)², Cov the
 * covariance of the aggregate posterior, E[Σ_enc] + Cov[μ]; λ_od = 10, λ_d = λ_od (DIP-VAE-II's
 * λ_d factor 1).</li>
 * <li>{@code vqvae}: recon + c·‖z_e − sg(e)‖² (summed over the latent, averaged over the batch),
 * straight-through gradient to the encoder, c = 0.25; the codebook follows the assigned encoder
 * outputs by exponential moving averages (decay codebookDecay = 0.99), the variant of the VQ-VAE
 * paper's appendix, instead of a gradient step on ‖sg(z_e) − e‖². VAEScope's choice for flat
 * latents: the latent of size L is cut into L / codeDim groups, each quantised against one shared
 * codebook of codebookSize vectors (defaults 64 codes of dimension 2), initialised U(−1, 1).</li>
 * </ul>
 */
public enum Variant {
    VAE("vae", "VAE", Map.of()),
    BETA_VAE("betavae", "beta-VAE", Map.of("beta", 4.0)),
    FACTOR_VAE("factorvae", "FactorVAE", factorDefaults()),
    BETA_TC_VAE("betatcvae", "beta-TC-VAE", Map.of("beta", 6.0)),
    DIP_VAE_II("dipvae2", "DIP-VAE-II", dipDefaults()),
    VQ_VAE("vqvae", "VQ-VAE", vqDefaults());

    private final String id;
    private final String displayName;
    private final Map<String, Double> defaults;

    Variant(String id, String displayName, Map<String, Double> defaults) {
        this.id = id;
        this.displayName = displayName;
        this.defaults = defaults;
    }

    private static Map<String, Double> factorDefaults() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("gamma", 10.0);
        m.put("discriminatorLayers", 6.0);
        m.put("discriminatorUnits", 1000.0);
        m.put("discriminatorLearningRate", 1e-4);
        m.put("discriminatorBeta1", 0.5);
        m.put("discriminatorBeta2", 0.9);
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Map<String, Double> dipDefaults() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("lambdaOd", 10.0);
        m.put("lambdaD", 10.0);
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Map<String, Double> vqDefaults() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("commitment", 0.25);
        m.put("codebookSize", 64.0);
        m.put("codeDim", 2.0);
        m.put("codebookDecay", 0.99);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Identifier used on the command line and in saved models, e.g. {@code factorvae}. */
    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    /** Hyperparameter names and default values, in a stable order. */
    public Map<String, Double> defaults() {
        return defaults;
    }

    /** True for the VQ-VAE, whose latent is quantised instead of Gaussian. */
    public boolean quantized() {
        return this == VQ_VAE;
    }

    /**
     * Parses an identifier leniently: case, '-' and '_' are ignored, so {@code factor-vae},
     * {@code FactorVAE} and {@code factorvae} are the same; {@code dipvaeii} is accepted.
     */
    public static Variant parse(String text) {
        String key = text.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").trim();
        if (key.equals("dipvaeii")) {
            key = "dipvae2";
        }
        for (Variant v : values()) {
            if (v.id.equals(key) || v.name().toLowerCase(Locale.ROOT).replace("_", "").equals(key)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown VAE variant '" + text
                + "' (known: vae, betavae, factorvae, betatcvae, dipvae2, vqvae)");
    }
}
