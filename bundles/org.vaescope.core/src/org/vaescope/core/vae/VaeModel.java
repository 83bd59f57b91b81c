package org.vaescope.core.vae;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.vaescope.core.hooks.HookedModel;
import org.vaescope.core.hooks.RunOptions;
import org.vaescope.core.hooks.StagedModel;
import org.vaescope.core.hooks.StagedView;
import org.vaescope.core.runtime.Nd4jRuntime;

/**
 * A VAE as a {@link HookedModel}: encoder (image → {@code latent.mu}, {@code latent.logvar}),
 * sampler ({@code latent.z}) and decoder ({@code latent.z} → {@code output.logits}). Hook names
 * are listed in {@link VaeHooks}; runs are deterministic (z = μ) unless the options ask to sample.
 * The same staged graph is used for training and analysis, so both see one function.
 */
public final class VaeModel implements StagedView {

    private final StagedModel graph;
    private final Architecture architecture;
    private final VariantConfig variant;
    private final Likelihood likelihood;

    private VaeModel(StagedModel graph, Architecture architecture, VariantConfig variant, Likelihood likelihood) {
        this.graph = graph;
        this.architecture = architecture;
        this.variant = variant;
        this.likelihood = likelihood;
    }

    /** A new model with weights initialised from {@code seed}. */
    public static VaeModel create(Architecture architecture, VariantConfig variant, Likelihood likelihood, long seed) {
        VaeModel model = createUninitialized(architecture, variant, likelihood);
        model.graph.initialize(seed);
        return model;
    }

    /** A new model with all weights zero (to be filled, e.g. by loading). */
    public static VaeModel createUninitialized(Architecture architecture, VariantConfig variant,
            Likelihood likelihood) {
        Nd4jRuntime.ensureStarted();
        return new VaeModel(VaeGraphs.build(architecture, variant), architecture, variant, likelihood);
    }

    @Override
    public StagedModel graph() {
        return graph;
    }

    public Architecture architecture() {
        return architecture;
    }

    public VariantConfig variant() {
        return variant;
    }

    public Likelihood likelihood() {
        return likelihood;
    }

    public int latentSize() {
        return architecture.latentSize();
    }

    /** μ(x) for a batch of images (for a VQ-VAE, the encoder output before quantisation). */
    public INDArray encodeMean(INDArray images) {
        return run(images, RunOptions.defaults().capture(VaeHooks.LATENT_MU).withoutOutput())
                .activation(VaeHooks.LATENT_MU);
    }

    /** Decoder logits for a batch of codes fed at {@code latent.z}. */
    public INDArray decodeLogits(INDArray z) {
        return runFrom(VaeHooks.LATENT_Z, z, RunOptions.defaults()).output();
    }

    /** σ(logits) of the deterministic reconstruction of a batch of images. */
    public INDArray reconstruct(INDArray images) {
        return Transforms.sigmoid(run(images, RunOptions.defaults()).output(), true);
    }

    @Override
    public String toString() {
        return variant.variant().displayName() + " (" + architecture + ")";
    }
}
