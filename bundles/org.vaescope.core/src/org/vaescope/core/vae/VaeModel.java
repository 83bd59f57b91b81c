package org.vaescope.core.vae;

import org.vaescope.core.hooks.StagedModel;
import org.vaescope.core.hooks.StagedView;
import org.vaescope.core.runtime.Nd4jRuntime;

/**
 * A VAE trained by VAEScope, as a {@link HookedVae}: encoder (image → {@code latent.mu}, {@code latent.logvar}),
 * sampler ({@code latent.z}) and decoder ({@code latent.z} → {@code output.logits}). Hook names
 * are listed in {@link VaeHooks}; runs are deterministic (z = μ) unless the options ask to sample.
 * The same staged graph is used for training and analysis, so both see one function.
 */
public final class VaeModel implements StagedView, HookedVae {

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

    @Override
    public int latentSize() {
        return architecture.latentSize();
    }

    @Override
    public String toString() {
        return variant.variant().displayName() + " (" + architecture + ")";
    }
}
