package org.vaescope.core.analysis;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.apache.commons.math3.distribution.TDistribution;
import org.vaescope.core.internal.analysis.Bootstrap;

/**
 * Factor-to-factor effects {@code M[k][l]}: the effect on read-out r_l (in units of range_l) of
 * intervening on the latent(s) that carry factor k, with no intervention on l's latents. Its
 * thresholded off-diagonal is the factor causal graph implied by the model (paper spec section 5).
 *
 * <p>For the bootstrap the record can keep per-input terms {@code m[x][k][l]} whose mean over the n
 * inputs is M; a resample draws n inputs with replacement.
 *
 * <p>When M was measured by {@link org.vaescope.core.interventions.FactorInterventions} the record
 * names the carriers: the latents shifted for each factor. Where the carriers of k and l overlap,
 * shifting k's latents also intervenes on l's: M[k][l] keeps what was measured (it shows the
 * entanglement), and {@link ImpliedEffectEvidence} sets the pair aside as no evidence of an edge.
 *
 * @param factors factor names, K of them
 * @param effect K × K matrix M (finite; a measured M is non-negative, the evidence
 *        {@link ImpliedEffectEvidence} keeps of it is the effect beyond the read-outs' crosstalk, of either sign)
 * @param sampleCount inputs behind M, n
 * @param seed seed of the input sampling
 * @param perSample null, or n × K × K per-input terms
 * @param carriers null, or per factor k the latents shifted to intervene on k
 */
public record FactorEffectMatrix(List<String> factors, double[][] effect, int sampleCount, long seed,
        double[][][] perSample, int[][] carriers) {

    /** Validates shapes and values and copies the arrays. */
    public FactorEffectMatrix {
        factors = Checks.names("FactorEffectMatrix factor names", factors);
        Checks.positive("FactorEffectMatrix sample count", sampleCount);
        int k = factors.size();
        effect = Checks.finiteMatrix("FactorEffectMatrix M", effect, k, k);
        if (perSample != null) {
            perSample = Checks.cube("FactorEffectMatrix per-sample terms", perSample, sampleCount, k, k, true);
            double[][] means = meansOf(perSample, ones(sampleCount), k);
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    Checks.agrees("FactorEffectMatrix M[" + a + "][" + b + "]", effect[a][b], means[a][b]);
                }
            }
        }
        if (carriers != null) {
            carriers = checkedCarriers(carriers, k);
        }
    }

    /** A matrix without per-sample terms (values get no bootstrap interval). */
    public static FactorEffectMatrix of(List<String> factors, double[][] effect, int sampleCount, long seed) {
        return new FactorEffectMatrix(factors, effect, sampleCount, seed, null, null);
    }

    /** A matrix that is the mean of n × K × K per-input terms. */
    public static FactorEffectMatrix fromSamples(List<String> factors, double[][][] perSample, long seed) {
        return measured(factors, perSample, null, seed);
    }

    /** The mean of n × K × K per-input terms measured by shifting {@code carriers[k]} for factor k. */
    public static FactorEffectMatrix measured(List<String> factors, double[][][] perSample, int[][] carriers,
            long seed) {
        if (perSample == null || perSample.length == 0) {
            throw Checks.fail("FactorEffectMatrix per-sample terms are empty");
        }
        int k = factors == null ? 0 : factors.size();
        double[][][] terms = Checks.cube("FactorEffectMatrix per-sample terms", perSample, perSample.length, k, k,
                true);
        return new FactorEffectMatrix(factors, meansOf(terms, ones(terms.length), k), terms.length, seed, terms,
                carriers);
    }

    /** Whether the carriers of factors k and l overlap (false when the carriers are unknown). */
    public boolean sharedCarrier(int k, int l) {
        return carriers != null && shareALatent(carriers[k], carriers[l]);
    }

    /** A copy of the carriers, or null. */
    @Override
    public int[][] carriers() {
        return carriers == null ? null : Arrays.stream(carriers).map(int[]::clone).toArray(int[][]::new);
    }

    /** M[k][l]. */
    public double effect(int cause, int effect) {
        return this.effect[cause][effect];
    }

    /** A copy of M. */
    @Override
    public double[][] effect() {
        return Checks.deepCopy(effect);
    }

    /** A copy of the per-input terms, or null. */
    @Override
    public double[][][] perSample() {
        return perSample == null ? null : Checks.deepCopy(perSample);
    }

    /**
     * Per entry the lower end of M[k][l]'s two-sided Student-t interval at {@code confidence} over the
     * n per-input terms, {@code mean − t(n−1)·s/√n}: the effect is above it with confidence
     * (1 + confidence) / 2. M itself when there are no per-input terms or only one.
     */
    public double[][] lowerBounds(double confidence) {
        if (perSample == null || sampleCount < 2) {
            return effect();
        }
        double critical = new TDistribution(null, sampleCount - 1).inverseCumulativeProbability((1 + confidence) / 2);
        int k = factors.size();
        double[][] lower = new double[k][k];
        for (int cause = 0; cause < k; cause++) {
            for (int result = 0; result < k; result++) {
                double mean = effect[cause][result];
                double squares = 0;
                for (double[][] term : perSample) {
                    double deviation = term[cause][result] - mean;
                    squares += deviation * deviation;
                }
                lower[cause][result] = mean - critical * Math.sqrt(squares / (sampleCount - 1) / sampleCount);
            }
        }
        return lower;
    }

    /** Whether per-input terms are kept, so values get bootstrap intervals. */
    public boolean hasSamples() {
        return perSample != null;
    }

    /**
     * One bootstrap replicate: n inputs drawn with replacement, kept as the replicate's per-input
     * terms so that a replicate's edges are decided by the same rule as the estimate's.
     *
     * @throws AnalysisInputException when there are no per-sample terms
     */
    public FactorEffectMatrix resample(SplittableRandom random) {
        if (perSample == null) {
            throw Checks.fail("FactorEffectMatrix has no per-sample terms to resample");
        }
        int[] counts = Bootstrap.resampleCounts(sampleCount, random);
        double[][][] drawn = new double[sampleCount][][];
        int next = 0;
        for (int x = 0; x < counts.length; x++) {
            for (int copy = 0; copy < counts[x]; copy++) {
                drawn[next++] = perSample[x];
            }
        }
        return measured(factors, drawn, carriers, seed);
    }

    private static boolean shareALatent(int[] a, int[] b) {
        return Arrays.stream(a).anyMatch(i -> Arrays.stream(b).anyMatch(j -> i == j));
    }

    private static int[][] checkedCarriers(int[][] carriers, int k) {
        if (carriers.length != k) {
            throw Checks.fail("FactorEffectMatrix has carriers for " + carriers.length + " factors, expected " + k);
        }
        for (int f = 0; f < k; f++) {
            if (carriers[f] == null || carriers[f].length == 0 || Arrays.stream(carriers[f]).anyMatch(i -> i < 0)) {
                throw Checks.fail("FactorEffectMatrix carriers of factor " + f + " must be latent indices");
            }
        }
        return Arrays.stream(carriers).map(int[]::clone).toArray(int[][]::new);
    }

    private static int[] ones(int n) {
        int[] ones = new int[n];
        Arrays.fill(ones, 1);
        return ones;
    }

    private static double[][] meansOf(double[][][] terms, int[] counts, int k) {
        double[][] means = new double[k][k];
        for (int x = 0; x < counts.length; x++) {
            if (counts[x] == 0) {
                continue;
            }
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    means[a][b] += counts[x] * terms[x][a][b];
                }
            }
        }
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                means[a][b] /= counts.length;
            }
        }
        return means;
    }
}
