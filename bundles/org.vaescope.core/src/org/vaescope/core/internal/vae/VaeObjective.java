package org.vaescope.core.internal.vae;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.hooks.StagedModel;
import org.vaescope.core.runtime.Floats;
import org.vaescope.core.vae.Likelihood;
import org.vaescope.core.vae.VaeHooks;
import org.vaescope.core.vae.VaeModel;
import org.vaescope.core.vae.VariantConfig;
import org.vaescope.core.internal.hooks.VectorQuantizerStage;

/**
 * The training loss of each variant (formulas in {@link org.vaescope.core.vae.Variant}), evaluated
 * on a forward pass that sampled z and kept every activation. Loss = reconstruction (mean over the
 * batch of the per-image sum) + regulariser; term names: {@code loss}, {@code reconstruction},
 * {@code kl}, and per variant {@code tc}, {@code discriminator}, {@code dip}, {@code vq},
 * {@code commitment}.
 */
public final class VaeObjective {

    private final VariantConfig config;
    private final Likelihood likelihood;
    private final FactorDiscriminator discriminator;
    private final VectorQuantizerStage quantizer;
    private final CodebookAverages codebookAverages;

    private VaeObjective(VariantConfig config, Likelihood likelihood, FactorDiscriminator discriminator,
            VectorQuantizerStage quantizer) {
        this.config = config;
        this.likelihood = likelihood;
        this.discriminator = discriminator;
        this.quantizer = quantizer;
        this.codebookAverages = quantizer == null ? null
                : new CodebookAverages((int) quantizer.codebook().shape()[0], quantizer.codeDim(),
                        config.get("codebookDecay"));
    }

    /** The objective for a model graph built by {@link VaeModel#create}; {@code seed} initialises helpers. */
    public static VaeObjective create(VariantConfig config, Likelihood likelihood, StagedModel graph, long seed) {
        FactorDiscriminator discriminator = null;
        VectorQuantizerStage quantizer = null;
        switch (config.variant()) {
            case FACTOR_VAE -> discriminator = new FactorDiscriminator(graph.hookPoint(VaeHooks.LATENT_Z).units(),
                    config.getInt("discriminatorLayers"), config.getInt("discriminatorUnits"),
                    config.get("discriminatorLearningRate"), config.get("discriminatorBeta1"),
                    config.get("discriminatorBeta2"), seed);
            case VQ_VAE -> quantizer = (VectorQuantizerStage) graph.stage(VaeHooks.LATENT_Z);
            default -> {
            }
        }
        return new VaeObjective(config, likelihood, discriminator, quantizer);
    }

    /** Loss terms and gradients for one batch; trains the FactorVAE discriminator as a side effect. */
    public LossStep evaluate(StagedModel.Pass pass, INDArray images, SplittableRandom random) {
        Map<String, INDArray> acts = pass.activations();
        int batch = pass.batchSize();
        INDArray logitsArray = acts.get(VaeHooks.OUTPUT);
        float[] logits = Floats.of(logitsArray);
        float[] gradLogits = new float[logits.length];
        double reconstruction = LossMath.reconstruction(likelihood, logits, Floats.of(images), batch, gradLogits);
        Map<String, Double> terms = new LinkedHashMap<>();
        terms.put("loss", 0.0);
        terms.put("reconstruction", reconstruction);
        Map<String, INDArray> hookGradients = new LinkedHashMap<>();
        hookGradients.put(VaeHooks.OUTPUT, Floats.array(gradLogits, logitsArray.shape()));
        Map<String, INDArray> parameterGradients = new LinkedHashMap<>();
        double regularizer;
        double[] klPerDimension;
        if (quantizer != null) {
            klPerDimension = new double[0];
            regularizer = quantization(acts, batch, terms, hookGradients, parameterGradients);
        } else {
            INDArray muArray = acts.get(VaeHooks.LATENT_MU);
            int dims = (int) muArray.size(1);
            float[] mu = Floats.of(muArray);
            float[] logvar = Floats.of(acts.get(VaeHooks.LATENT_LOGVAR));
            float[] gradMu = new float[mu.length];
            float[] gradLogvar = new float[mu.length];
            float[] gradZ = new float[mu.length];
            klPerDimension = new double[dims];
            double klWeight = config.variant() == org.vaescope.core.vae.Variant.BETA_VAE ? config.get("beta") : 1.0;
            double kl = LossMath.kl(mu, logvar, batch, dims, klWeight, gradMu, gradLogvar, klPerDimension);
            terms.put("kl", kl);
            regularizer = klWeight * kl;
            INDArray zArray = acts.get(VaeHooks.LATENT_Z);
            switch (config.variant()) {
                case FACTOR_VAE -> {
                    double gamma = config.get("gamma");
                    double tc = discriminator.totalCorrelation(zArray, gamma, gradZ);
                    terms.put("tc", tc);
                    terms.put("discriminator", discriminator.train(zArray, random));
                    regularizer += gamma * tc;
                }
                case BETA_TC_VAE -> {
                    double weight = config.get("beta") - 1;
                    double tc = LossMath.totalCorrelation(Floats.of(zArray), mu, logvar, batch, dims, weight, gradZ,
                            gradMu, gradLogvar);
                    terms.put("tc", tc);
                    regularizer += weight * tc;
                }
                case DIP_VAE_II -> {
                    double dip = LossMath.dipRegularizer(mu, logvar, batch, dims, config.get("lambdaOd"),
                            config.get("lambdaD"), gradMu, gradLogvar);
                    terms.put("dip", dip);
                    regularizer += dip;
                }
                default -> {
                }
            }
            long[] shape = muArray.shape();
            hookGradients.put(VaeHooks.LATENT_MU, Floats.array(gradMu, shape));
            hookGradients.put(VaeHooks.LATENT_LOGVAR, Floats.array(gradLogvar, shape));
            hookGradients.put(VaeHooks.LATENT_Z, Floats.array(gradZ, shape));
        }
        terms.put("loss", reconstruction + regularizer);
        return new LossStep(terms, klPerDimension, hookGradients, parameterGradients);
    }

    /**
     * VQ terms, like the KL summed over latent dimensions and averaged over the batch:
     * vq = mean_b ‖sg(z_e) − e‖², commitment = mean_b ‖z_e − sg(e)‖² (equal in value). The encoder
     * gets c·∂commitment/∂z_e; the codebook is learned by exponential moving averages of the
     * assigned encoder outputs (van den Oord et al. 2017, appendix; decay {@code codebookDecay}),
     * which keeps it up with the encoder where a gradient step on the vq term lags behind. The
     * regulariser in the loss is c·commitment.
     */
    private double quantization(Map<String, INDArray> acts, int batch, Map<String, Double> terms,
            Map<String, INDArray> hookGradients, Map<String, INDArray> parameterGradients) {
        INDArray encodedArray = acts.get(VaeHooks.LATENT_MU);
        float[] encoded = Floats.of(encodedArray);
        float[] quantized = Floats.of(acts.get(VaeHooks.LATENT_Z));
        int[] codes = quantizer.assign(encoded);
        double commitmentWeight = config.get("commitment");
        double squared = 0;
        float[] gradEncoded = new float[encoded.length];
        for (int i = 0; i < encoded.length; i++) {
            double diff = encoded[i] - quantized[i];
            squared += diff * diff;
            gradEncoded[i] = (float) (2 * commitmentWeight * diff / batch);
        }
        double distance = squared / batch;
        terms.put("vq", distance);
        terms.put("commitment", distance);
        hookGradients.put(VaeHooks.LATENT_MU, Floats.array(gradEncoded, encodedArray.shape()));
        codebookAverages.update(encoded, codes, quantizer.codebook());
        return commitmentWeight * distance;
    }
}
