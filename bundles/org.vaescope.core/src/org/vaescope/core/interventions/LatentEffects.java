package org.vaescope.core.interventions;

import java.util.List;

/**
 * Output effect O[i] and factor effect E[i][k] of latent perturbations (see
 * {@link LatentPerturbation#effects}). E is null when no read-outs were given.
 */
public final class LatentEffects {

    private final double[] outputEffect;
    private final double[][] factorEffect;
    private final double[][] outputPerSample;
    private final double[][][] factorPerSample;
    private final List<String> factors;
    private final double[] deltas;
    private final int sampleCount;
    private final long seed;

    /**
     * @param outputPerSample n × L: per input x, the mean over δ of ‖σ(D(z')) − σ(D(z))‖₂ / |δ|
     * @param factorPerSample n × L × K: per input x, the mean over δ of |Δr_k| / range_k, or null
     */
    LatentEffects(double[][] outputPerSample, double[][][] factorPerSample, List<String> factors, double[] deltas,
            long seed) {
        this.outputPerSample = copy(outputPerSample);
        this.factorPerSample = factorPerSample == null ? null : java.util.Arrays.stream(factorPerSample)
                .map(LatentEffects::copy).toArray(double[][][]::new);
        this.outputEffect = meanOverSamples(outputPerSample);
        this.factorEffect = factorPerSample == null ? null : meanOverSamples(factorPerSample);
        this.factors = factors == null ? List.of() : List.copyOf(factors);
        this.deltas = deltas.clone();
        this.sampleCount = outputPerSample.length;
        this.seed = seed;
    }

    /** Per input x (rows) and latent i (columns): the mean over δ of ‖σ(D(z')) − σ(D(z))‖₂ / |δ|. */
    public double[][] outputPerSample() {
        return copy(outputPerSample);
    }

    /** Per input x, latent i and factor k: the mean over δ of |Δr_k| / range_k; null without read-outs. */
    public double[][][] factorPerSample() {
        return factorPerSample == null ? null
                : java.util.Arrays.stream(factorPerSample).map(LatentEffects::copy).toArray(double[][][]::new);
    }

    private static double[] meanOverSamples(double[][] perSample) {
        double[] mean = new double[perSample[0].length];
        for (double[] row : perSample) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += row[i] / perSample.length;
            }
        }
        return mean;
    }

    private static double[][] meanOverSamples(double[][][] perSample) {
        double[][] mean = new double[perSample[0].length][perSample[0][0].length];
        for (double[][] sample : perSample) {
            for (int i = 0; i < mean.length; i++) {
                for (int k = 0; k < mean[i].length; k++) {
                    mean[i][k] += sample[i][k] / perSample.length;
                }
            }
        }
        return mean;
    }

    /** O[i] = E_x,δ ‖σ(D(z_{i←z_i+δ})) − σ(D(z))‖₂ / |δ|. */
    public double[] outputEffect() {
        return outputEffect.clone();
    }

    /** E[i][k] = E_x,δ |r_k(σ(D(z_{i←z_i+δ}))) − r_k(σ(D(z)))| / range_k (a copy), or null without read-outs. */
    public double[][] factorEffect() {
        return factorEffect == null ? null : copy(factorEffect);
    }

    /** Names of the read-out factors, the columns of E (empty without read-outs). */
    public List<String> factors() {
        return factors;
    }

    public int latentSize() {
        return outputEffect.length;
    }

    /** The δ grid. */
    public double[] deltas() {
        return deltas.clone();
    }

    /** Number of inputs x. */
    public int sampleCount() {
        return sampleCount;
    }

    public long seed() {
        return seed;
    }

    /**
     * The {@code count} latents with the largest E[i][k] (largest first, ties to the lower index):
     * the latents that carry factor k.
     */
    public int[] carriers(int factor, int count) {
        if (factorEffect == null) {
            throw new IllegalStateException("no factor effects: the perturbation ran without read-outs");
        }
        if (factor < 0 || factor >= factors.size()) {
            throw new IllegalArgumentException("factor index " + factor + " is out of range 0.." + (factors.size() - 1));
        }
        if (count < 1 || count > outputEffect.length) {
            throw new IllegalArgumentException("carrier count must be in 1.." + outputEffect.length + ", got " + count);
        }
        Integer[] order = new Integer[outputEffect.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> {
            int c = Double.compare(factorEffect[b][factor], factorEffect[a][factor]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] top = new int[count];
        for (int i = 0; i < count; i++) {
            top[i] = order[i];
        }
        return top;
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
