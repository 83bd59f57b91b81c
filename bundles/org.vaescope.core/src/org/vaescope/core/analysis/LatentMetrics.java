package org.vaescope.core.analysis;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The paper's latent-level metrics, VAEScope definitions (paper spec section 5): causal effect
 * strength (CES) and intervention specificity. Each formula lives in exactly one method below.
 */
public final class LatentMetrics {

    private LatentMetrics() {
    }

    /**
     * Active latents: latent i is active when {@code KL_i > klThreshold} (nats, averaged over data;
     * default 0.01).
     */
    public static boolean[] activeLatents(LatentEffects effects, double klThreshold) {
        boolean[] active = new boolean[effects.latentCount()];
        for (int i = 0; i < active.length; i++) {
            active[i] = effects.kl(i) > klThreshold;
        }
        return active;
    }

    /** CES of latent i: {@code CES_i = O[i]}. */
    public static double latentCes(LatentEffects effects, int latent) {
        return effects.outputEffect(latent);
    }

    /**
     * Model CES: {@code (1/|A|) Σ_{i∈A} CES_i} over the active latents A; NaN (undefined) when no
     * latent is active.
     */
    public static double modelCes(LatentEffects effects, double klThreshold) {
        boolean[] active = activeLatents(effects, klThreshold);
        double sum = 0;
        int count = 0;
        for (int i = 0; i < active.length; i++) {
            if (active[i]) {
                sum += latentCes(effects, i);
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /**
     * CES per factor on one set of inputs: {@code CES_k = max_i E[i,k]} over all latents (an inactive
     * latent has no effect to speak of, so restricting to active ones would change nothing of
     * substance). The maximum of noisy means is biased upward; {@link #compute} splits the inputs.
     */
    public static double[] factorCes(LatentEffects effects) {
        double[] ces = new double[effects.factorCount()];
        for (int k = 0; k < ces.length; k++) {
            double max = 0;
            for (int i = 0; i < effects.latentCount(); i++) {
                max = Math.max(max, effects.factorEffect(i, k));
            }
            ces[k] = max;
        }
        return ces;
    }

    /**
     * Intervention specificity of latent i: {@code S_i = max_k E[i,k] / Σ_k E[i,k]} (1/K = no
     * specificity, 1 = one factor only); NaN (undefined) when {@code Σ_k E[i,k] = 0}.
     */
    public static double latentSpecificity(LatentEffects effects, int latent) {
        double total = totalFactorEffect(effects, latent);
        if (total == 0) {
            return Double.NaN;
        }
        double max = 0;
        for (int k = 0; k < effects.factorCount(); k++) {
            max = Math.max(max, effects.factorEffect(latent, k));
        }
        return max / total;
    }

    /**
     * Model specificity: {@code Σ_{i∈A} w_i S_i / Σ_{i∈A} w_i} with weights
     * {@code w_i = Σ_k E[i,k]} over the active latents A (a latent with zero weight contributes
     * nothing); NaN (undefined) when the total weight is 0.
     */
    public static double modelSpecificity(LatentEffects effects, double klThreshold) {
        boolean[] active = activeLatents(effects, klThreshold);
        double weighted = 0;
        double weights = 0;
        for (int i = 0; i < active.length; i++) {
            double weight = totalFactorEffect(effects, i);
            if (active[i] && weight > 0) {
                weighted += weight * latentSpecificity(effects, i);
                weights += weight;
            }
        }
        return weights == 0 ? Double.NaN : weighted / weights;
    }

    /** Per factor k, the latent i with the largest E[i,k] (ties to the lower index): the argmax behind CES_k. */
    public static int[] strongestLatents(LatentEffects effects) {
        int[] strongest = new int[effects.factorCount()];
        for (int k = 0; k < strongest.length; k++) {
            strongest[k] = effects.carriers(k, 1)[0];
        }
        return strongest;
    }

    /** E[latents[k], k] for every factor k. */
    public static double[] effectsOf(LatentEffects effects, int[] latents) {
        double[] values = new double[latents.length];
        for (int k = 0; k < values.length; k++) {
            values[k] = effects.factorEffect(latents[k], k);
        }
        return values;
    }

    /**
     * CES per factor by sample splitting: the strongest latent of each factor is chosen on the
     * even-numbered inputs and its effect E[i*,k] estimated, with its interval, on the odd-numbered
     * ones, so the choice does not inflate the estimate (the maximum of noisy means is biased
     * upward). Without per-sample terms, or with a single input, it is max_i E[i,k] on all inputs.
     */
    public static List<Estimate> factorCesEstimates(LatentEffects effects, BootstrapSettings bootstrap) {
        if (!effects.hasSamples() || effects.sampleCount() < 2) {
            return Estimates.of(factorCes(effects), null, effects.sampleCount(), effects.seed(), bootstrap);
        }
        int n = effects.sampleCount();
        int[] strongest = strongestLatents(effects.rows(IntStream.range(0, n).filter(x -> x % 2 == 0).toArray()));
        LatentEffects held = effects.rows(IntStream.range(0, n).filter(x -> x % 2 == 1).toArray());
        return Estimates.of(effectsOf(held, strongest), random -> effectsOf(held.resample(random), strongest),
                held.sampleCount(), held.seed(), bootstrap);
    }

    /**
     * All latent metrics with bootstrap intervals (when the effects keep per-sample terms); CES per
     * factor by sample splitting ({@link #factorCesEstimates}).
     */
    public static Result compute(LatentEffects effects, AnalysisSettings settings, BootstrapSettings bootstrap) {
        double threshold = settings.activeKlThreshold();
        List<Estimate> estimates = Estimates.of(statistics(effects, threshold),
                effects.hasSamples() ? random -> statistics(effects.resample(random), threshold) : null,
                effects.sampleCount(), effects.seed(), bootstrap);
        double[] ces = new double[effects.latentCount()];
        double[] specificity = new double[effects.latentCount()];
        for (int i = 0; i < ces.length; i++) {
            ces[i] = latentCes(effects, i);
            specificity[i] = latentSpecificity(effects, i);
        }
        return new Result(effects.factors(), activeLatents(effects, threshold), ces, specificity, estimates.get(0),
                estimates.get(1), List.copyOf(factorCesEstimates(effects, bootstrap)));
    }

    /**
     * Latent metrics of one model.
     *
     * @param factors factor names
     * @param active which latents are active
     * @param latentCes CES_i per latent
     * @param latentSpecificity S_i per latent (NaN where undefined)
     * @param modelCes model CES
     * @param modelSpecificity model specificity
     * @param factorCes CES_k per factor, in factor order
     */
    public record Result(List<String> factors, boolean[] active, double[] latentCes, double[] latentSpecificity,
            Estimate modelCes, Estimate modelSpecificity, List<Estimate> factorCes) {

        /** Number of active latents. */
        public int activeCount() {
            int count = 0;
            for (boolean a : active) {
                count += a ? 1 : 0;
            }
            return count;
        }

        /** CES_k of the named factor. */
        public Estimate factorCes(String factor) {
            int k = factors.indexOf(factor);
            if (k < 0) {
                throw Checks.fail("unknown factor '" + factor + "'; known: " + factors);
            }
            return factorCes.get(k);
        }
    }

    private static double totalFactorEffect(LatentEffects effects, int latent) {
        double total = 0;
        for (int k = 0; k < effects.factorCount(); k++) {
            total += effects.factorEffect(latent, k);
        }
        return total;
    }

    /** Statistic vector: model CES, model specificity. */
    private static double[] statistics(LatentEffects effects, double klThreshold) {
        return new double[] {modelCes(effects, klThreshold), modelSpecificity(effects, klThreshold)};
    }
}
