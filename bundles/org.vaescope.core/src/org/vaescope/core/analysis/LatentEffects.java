package org.vaescope.core.analysis;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.vaescope.core.internal.analysis.Bootstrap;

/**
 * Effects of latent perturbations (paper spec section 4), with z = μ(x) and δ ∈ {−2, −1, 1, 2}:
 * output effect {@code O[i] = E_{x,δ} ‖σ(D(z_{i←z_i+δ})) − σ(D(z))‖₂ / |δ|}, factor effect
 * {@code E[i,k] = E_{x,δ} |r_k(σ(D(z_{i←z_i+δ}))) − r_k(σ(D(z)))| / range_k}, and the KL of each
 * latent dimension in nats averaged over the data.
 *
 * <p>For the bootstrap the record can keep per-input terms (each already averaged over δ):
 * {@code o[x][i]}, {@code e[x][i][k]}, {@code kl[x][i]}; the aggregates are their means over the n
 * inputs, and a resample draws n inputs with replacement (the same draw for all three, so the
 * active set is re-derived on each replicate).
 *
 * <p>Without read-outs there are no factors (K = 0) and E is latents × 0. A latent without a Gaussian
 * posterior (a VQ-VAE code) has KL = +∞: it counts as active.
 *
 * @param outputEffect O[i], one per latent
 * @param factorEffect E[i][k], latents × K
 * @param kl KL per latent (nats, averaged over data)
 * @param factors factor names, K of them
 * @param sampleCount inputs x, n
 * @param seed seed of the input sampling
 * @param perSample null, or the per-input terms whose means are the aggregates
 */
public record LatentEffects(double[] outputEffect, double[][] factorEffect, double[] kl, List<String> factors,
        int sampleCount, long seed, PerSample perSample) {

    /**
     * Per-input terms.
     *
     * @param outputEffect n × latents
     * @param factorEffect n × latents × K
     * @param kl n × latents
     */
    public record PerSample(double[][] outputEffect, double[][][] factorEffect, double[][] kl) {
    }

    /** Validates shapes and values and copies the arrays. */
    public LatentEffects {
        factors = Checks.distinctNames("LatentEffects factor names", factors);
        Checks.positive("LatentEffects sample count", sampleCount);
        if (outputEffect == null || outputEffect.length == 0) {
            throw Checks.fail("LatentEffects needs at least one latent (output effect is empty)");
        }
        int latents = outputEffect.length;
        outputEffect = Checks.vector("LatentEffects output effect O", outputEffect, latents);
        factorEffect = Checks.matrix("LatentEffects factor effect E", factorEffect, latents, factors.size());
        kl = Checks.klVector("LatentEffects KL", kl, latents);
        if (perSample != null) {
            perSample = checked(perSample, outputEffect, factorEffect, kl, sampleCount);
        }
    }

    /** Effects without per-sample terms (values get no bootstrap interval). */
    public static LatentEffects of(double[] outputEffect, double[][] factorEffect, double[] kl, List<String> factors,
            int sampleCount, long seed) {
        return new LatentEffects(outputEffect, factorEffect, kl, factors, sampleCount, seed, null);
    }

    /** Effects whose aggregates are the means of the given per-input terms. */
    public static LatentEffects fromSamples(PerSample samples, List<String> factors, long seed) {
        if (samples == null || samples.outputEffect() == null || samples.outputEffect().length == 0
                || samples.outputEffect()[0] == null) {
            throw Checks.fail("LatentEffects per-sample terms are empty");
        }
        int n = samples.outputEffect().length;
        int latents = samples.outputEffect()[0].length;
        int k = factors == null ? 0 : factors.size();
        Checks.matrix("LatentEffects per-sample O", samples.outputEffect(), n, latents);
        Checks.cube("LatentEffects per-sample E", samples.factorEffect(), n, latents, k);
        Checks.klMatrix("LatentEffects per-sample KL", samples.kl(), n, latents);
        int[] ones = new int[n];
        java.util.Arrays.fill(ones, 1);
        Means means = meansOf(samples, ones, latents, k);
        return new LatentEffects(means.o(), means.e(), means.kl(), factors, n, seed, samples);
    }

    /** Number of latents. */
    public int latentCount() {
        return outputEffect.length;
    }

    /** Number of factors K. */
    public int factorCount() {
        return factors.size();
    }

    /** Whether per-input terms are kept, so values get bootstrap intervals. */
    public boolean hasSamples() {
        return perSample != null;
    }

    /** A copy of O. */
    @Override
    public double[] outputEffect() {
        return outputEffect.clone();
    }

    /** A copy of E. */
    @Override
    public double[][] factorEffect() {
        return Checks.deepCopy(factorEffect);
    }

    /** A copy of the KL per latent. */
    @Override
    public double[] kl() {
        return kl.clone();
    }

    /** O[i]. */
    public double outputEffect(int latent) {
        return outputEffect[latent];
    }

    /** E[i][k]. */
    public double factorEffect(int latent, int factor) {
        return factorEffect[latent][factor];
    }

    /** KL of latent i. */
    public double kl(int latent) {
        return kl[latent];
    }

    /**
     * The {@code count} latents with the largest E[i][k] (largest first, ties to the lower index):
     * the latents that carry factor k.
     */
    public int[] carriers(int factor, int count) {
        if (factor < 0 || factor >= factorCount()) {
            throw Checks.fail("factor index " + factor + " is out of range 0.." + (factorCount() - 1));
        }
        if (count < 1 || count > latentCount()) {
            throw Checks.fail("carrier count must be in 1.." + latentCount() + ", got " + count);
        }
        return IntStream.range(0, latentCount()).boxed()
                .sorted((a, b) -> Double.compare(factorEffect[b][factor], factorEffect[a][factor]))
                .limit(count).mapToInt(Integer::intValue).toArray();
    }

    /**
     * The effects measured on some of the inputs only (their per-input terms kept), for sample
     * splitting: a choice made on one part is estimated on another.
     *
     * @throws AnalysisInputException when there are no per-sample terms or no input is given
     */
    public LatentEffects rows(int[] inputs) {
        if (perSample == null) {
            throw Checks.fail("LatentEffects has no per-sample terms to split");
        }
        if (inputs.length == 0) {
            throw Checks.fail("LatentEffects needs at least one input of " + sampleCount);
        }
        double[][] o = new double[inputs.length][];
        double[][][] e = new double[inputs.length][][];
        double[][] klTerms = new double[inputs.length][];
        for (int r = 0; r < inputs.length; r++) {
            o[r] = perSample.outputEffect()[inputs[r]];
            e[r] = perSample.factorEffect()[inputs[r]];
            klTerms[r] = perSample.kl()[inputs[r]];
        }
        return fromSamples(new PerSample(o, e, klTerms), factors, seed);
    }

    /**
     * One bootstrap replicate: n inputs drawn with replacement; the result carries no per-sample terms.
     *
     * @throws AnalysisInputException when there are no per-sample terms
     */
    public LatentEffects resample(SplittableRandom random) {
        if (perSample == null) {
            throw Checks.fail("LatentEffects has no per-sample terms to resample");
        }
        Means means = meansOf(perSample, Bootstrap.resampleCounts(sampleCount, random), latentCount(),
                factorCount());
        return new LatentEffects(means.o(), means.e(), means.kl(), factors, sampleCount, seed, null);
    }

    /** Weighted means over inputs: {@code (1/n) Σ_x counts[x] · term[x]}. */
    private static Means meansOf(PerSample samples, int[] counts, int latents, int k) {
        int n = counts.length;
        double[] o = new double[latents];
        double[][] e = new double[latents][k];
        double[] kl = new double[latents];
        for (int x = 0; x < n; x++) {
            int c = counts[x];
            if (c == 0) {
                continue;
            }
            for (int i = 0; i < latents; i++) {
                o[i] += c * samples.outputEffect()[x][i];
                kl[i] += c * samples.kl()[x][i];
                for (int f = 0; f < k; f++) {
                    e[i][f] += c * samples.factorEffect()[x][i][f];
                }
            }
        }
        for (int i = 0; i < latents; i++) {
            o[i] /= n;
            kl[i] /= n;
            for (int f = 0; f < k; f++) {
                e[i][f] /= n;
            }
        }
        return new Means(o, e, kl);
    }

    /** Arrays of a mean computation, before validation. */
    private record Means(double[] o, double[][] e, double[] kl) {
    }

    private static PerSample checked(PerSample samples, double[] o, double[][] e, double[] kl, int n) {
        int latents = o.length;
        int k = e[0].length;
        double[][] so = Checks.matrix("LatentEffects per-sample O", samples.outputEffect(), n, latents);
        double[][][] se = Checks.cube("LatentEffects per-sample E", samples.factorEffect(), n, latents, k);
        double[][] skl = Checks.klMatrix("LatentEffects per-sample KL", samples.kl(), n, latents);
        for (int i = 0; i < latents; i++) {
            double mo = 0;
            double mkl = 0;
            double[] me = new double[k];
            for (int x = 0; x < n; x++) {
                mo += so[x][i];
                mkl += skl[x][i];
                for (int f = 0; f < k; f++) {
                    me[f] += se[x][i][f];
                }
            }
            Checks.agrees("LatentEffects O[" + i + "]", o[i], mo / n);
            Checks.agrees("LatentEffects KL[" + i + "]", kl[i], mkl / n);
            for (int f = 0; f < k; f++) {
                Checks.agrees("LatentEffects E[" + i + "][" + f + "]", e[i][f], me[f] / n);
            }
        }
        return new PerSample(so, se, skl);
    }
}
