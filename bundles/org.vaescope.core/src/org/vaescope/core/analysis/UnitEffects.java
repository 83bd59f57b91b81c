package org.vaescope.core.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.vaescope.core.internal.analysis.Bootstrap;

/**
 * Unit responses to factor changes (input manipulation, paper spec section 4):
 * {@code A_h[u,k] = E|h_u(x') − h_u(x)| / (std of h_u over the data + 1e-8)} over pairs
 * {@code (x, x')} that differ only in factor k, for every hook point h.
 *
 * <p>For the bootstrap the record can keep the per-pair terms
 * {@code t_h[k][p][u] = |h_u(x'_p) − h_u(x_p)| / (std_u + 1e-8)} of the {@code n} pairs drawn for
 * each factor; then {@code A_h[u,k] = (1/n) Σ_p t_h[k][p][u]}. A resample draws, per factor, n
 * pair indices with replacement and uses the same indices at every hook point (a pair passes
 * through all layers). The standard deviations are held fixed.
 *
 * @param hooks hook point names in layer order
 * @param responses per hook a units × K matrix A[u][k] (finite, non-negative)
 * @param factors factor names, K of them
 * @param sampleCount pairs per factor, n
 * @param seed seed of the pair sampling
 * @param pairTerms null, or per hook a K × n × units array of per-pair terms whose means are {@code responses}
 */
public record UnitEffects(List<String> hooks, List<double[][]> responses, List<String> factors, int sampleCount,
        long seed, List<double[][][]> pairTerms) {

    /** Validates shapes and values and copies the arrays. */
    public UnitEffects {
        hooks = Checks.names("UnitEffects hook names", hooks);
        factors = Checks.names("UnitEffects factor names", factors);
        Checks.positive("UnitEffects sample count", sampleCount);
        if (responses == null || responses.size() != hooks.size()) {
            throw Checks.fail("UnitEffects needs one response matrix per hook point (" + hooks.size() + "), got "
                    + (responses == null ? "none" : responses.size()));
        }
        List<double[][]> copies = new ArrayList<>();
        for (int h = 0; h < hooks.size(); h++) {
            double[][] matrix = responses.get(h);
            if (matrix == null || matrix.length == 0) {
                throw Checks.fail("UnitEffects response matrix of hook '" + hooks.get(h) + "' has no units");
            }
            copies.add(Checks.matrix("UnitEffects response of hook '" + hooks.get(h) + "'", matrix, matrix.length,
                    factors.size()));
        }
        responses = List.copyOf(copies);
        if (pairTerms != null) {
            pairTerms = checkedPairTerms(hooks, copies, factors.size(), sampleCount, pairTerms);
        }
    }

    /** Effects without per-sample terms (values get no bootstrap interval). */
    public static UnitEffects of(List<String> hooks, List<double[][]> responses, List<String> factors,
            int sampleCount, long seed) {
        return new UnitEffects(hooks, responses, factors, sampleCount, seed, null);
    }

    /**
     * Effects whose responses are the means of per-pair terms, per hook a K × n × units array
     * {@code t[k][p][u]}.
     */
    public static UnitEffects fromPairTerms(List<String> hooks, List<String> factors, List<double[][][]> pairTerms,
            long seed) {
        if (pairTerms == null || pairTerms.isEmpty() || pairTerms.get(0).length == 0) {
            throw Checks.fail("UnitEffects pair terms are empty");
        }
        int n = pairTerms.get(0)[0].length;
        int factorCount = factors == null ? 0 : factors.size();
        List<double[][]> means = new ArrayList<>();
        for (int h = 0; h < pairTerms.size(); h++) {
            double[][][] terms = pairTerms.get(h);
            if (terms == null || terms.length == 0 || terms[0] == null || terms[0].length == 0 || terms[0][0] == null) {
                throw Checks.fail("UnitEffects pair terms of hook index " + h + " are empty");
            }
            int units = terms[0][0].length;
            Checks.cube("UnitEffects pair terms of hook index " + h, terms, factorCount, n, units);
            means.add(weightedMeans(terms, onesCounts(factorCount, n), n, units));
        }
        return new UnitEffects(hooks, means, factors, n, seed, pairTerms);
    }

    /** Number of hook points. */
    public int hookCount() {
        return hooks.size();
    }

    /** Number of factors K. */
    public int factorCount() {
        return factors.size();
    }

    /** Index of a hook point by name. */
    public int hookIndex(String hook) {
        int index = hooks.indexOf(hook);
        if (index < 0) {
            throw Checks.fail("unknown hook point '" + hook + "'; known: " + hooks);
        }
        return index;
    }

    /** Units at hook point {@code hook}. */
    public int unitCount(int hook) {
        return responses.get(hook).length;
    }

    /** A[u][k] at hook point {@code hook}. */
    public double response(int hook, int unit, int factor) {
        return responses.get(hook)[unit][factor];
    }

    /** A copy of the units × K matrix of hook point {@code hook}. */
    public double[][] responseMatrix(int hook) {
        return Checks.deepCopy(responses.get(hook));
    }

    /** A deep copy of all response matrices. */
    @Override
    public List<double[][]> responses() {
        return responses.stream().map(Checks::deepCopy).toList();
    }

    /** A deep copy of the per-pair terms, or null. */
    @Override
    public List<double[][][]> pairTerms() {
        return pairTerms == null ? null : pairTerms.stream().map(Checks::deepCopy).toList();
    }

    /** Whether per-pair terms are kept, so values get bootstrap intervals. */
    public boolean hasSamples() {
        return pairTerms != null;
    }

    /** The matrix of hook {@code hook} without copying (package use only; do not modify). */
    double[][] responseView(int hook) {
        return responses.get(hook);
    }

    /**
     * One bootstrap replicate: per factor, n pairs drawn with replacement (the same draw for all
     * hook points); the result carries no per-pair terms.
     *
     * @throws AnalysisInputException when there are no per-pair terms
     */
    public UnitEffects resample(SplittableRandom random) {
        if (pairTerms == null) {
            throw Checks.fail("UnitEffects has no per-pair terms to resample");
        }
        int[][] counts = new int[factors.size()][];
        for (int k = 0; k < counts.length; k++) {
            counts[k] = Bootstrap.resampleCounts(sampleCount, random);
        }
        List<double[][]> means = new ArrayList<>();
        for (int h = 0; h < hooks.size(); h++) {
            means.add(weightedMeans(pairTerms.get(h), counts, sampleCount, unitCount(h)));
        }
        return new UnitEffects(hooks, means, factors, sampleCount, seed, null);
    }

    /** Whether there are per-pair terms of at least two pairs, so {@link #halves()} exists. */
    public boolean canSplit() {
        return pairTerms != null && sampleCount >= 2;
    }

    /**
     * The responses over the first ⌈n/2⌉ and over the last ⌊n/2⌋ pairs of every factor, so that a
     * unit's dominant factor can be chosen on one half and its share measured on the other; null
     * without per-pair terms or with fewer than two pairs.
     */
    public Halves halves() {
        if (!canSplit()) {
            return null;
        }
        return halves(halfCounts(0, firstHalf(), null), halfCounts(firstHalf(), sampleCount, null));
    }

    /**
     * One bootstrap replicate of {@link #halves()}: each half's pairs drawn with replacement from that
     * half only (the same draw for all hook points), so no pair is in both halves.
     */
    public Halves resampleHalves(SplittableRandom random) {
        if (!canSplit()) {
            throw Checks.fail("UnitEffects needs per-pair terms of at least two pairs to split them, has "
                    + (pairTerms == null ? "none" : sampleCount));
        }
        return halves(halfCounts(0, firstHalf(), random), halfCounts(firstHalf(), sampleCount, random));
    }

    /** Pairs per factor in the first half, ⌈n/2⌉. */
    private int firstHalf() {
        return (sampleCount + 1) / 2;
    }

    private Halves halves(int[][] firstCounts, int[][] secondCounts) {
        List<double[][]> firstMeans = new ArrayList<>();
        List<double[][]> secondMeans = new ArrayList<>();
        for (int h = 0; h < hooks.size(); h++) {
            firstMeans.add(weightedMeans(pairTerms.get(h), firstCounts, sampleCount, unitCount(h)));
            secondMeans.add(weightedMeans(pairTerms.get(h), secondCounts, sampleCount, unitCount(h)));
        }
        return new Halves(firstMeans, secondMeans, firstHalf(), sampleCount - firstHalf());
    }

    /** Per factor, counts of pairs [from, to): each once, or a resample of that range when random is given. */
    private int[][] halfCounts(int from, int to, SplittableRandom random) {
        int[][] counts = new int[factors.size()][sampleCount];
        for (int[] factorCounts : counts) {
            if (random == null) {
                Arrays.fill(factorCounts, from, to, 1);
            } else {
                System.arraycopy(Bootstrap.resampleCounts(to - from, random), 0, factorCounts, from, to - from);
            }
        }
        return counts;
    }

    /**
     * Responses over two disjoint halves of every factor's pairs, per hook a units × K matrix each.
     *
     * @param first means over the first half
     * @param second means over the second half
     * @param firstCount pairs per factor in the first half
     * @param secondCount pairs per factor in the second half
     */
    public record Halves(List<double[][]> first, List<double[][]> second, int firstCount, int secondCount) {

        /** The responses over both halves at hook point {@code hook}: their means weighted by their pair counts. */
        public double[][] combined(int hook) {
            double[][] a = first.get(hook);
            double[][] b = second.get(hook);
            double[][] result = new double[a.length][];
            for (int u = 0; u < a.length; u++) {
                result[u] = new double[a[u].length];
                for (int k = 0; k < a[u].length; k++) {
                    result[u][k] = (firstCount * a[u][k] + secondCount * b[u][k]) / (firstCount + secondCount);
                }
            }
            return result;
        }
    }

    /** {@code A[u][k] = Σ_p counts[k][p] · t[k][p][u] / Σ_p counts[k][p]}, the terms' mean weighted by the counts. */
    private static double[][] weightedMeans(double[][][] terms, int[][] counts, int n, int units) {
        double[][] result = new double[units][terms.length];
        for (int k = 0; k < terms.length; k++) {
            if (terms[k].length != n) {
                throw Checks.fail("UnitEffects pair terms of factor " + k + " have " + terms[k].length
                        + " pairs, expected " + n);
            }
            int drawn = 0;
            for (int p = 0; p < n; p++) {
                int c = counts[k][p];
                drawn += c;
                if (c == 0) {
                    continue;
                }
                double[] row = terms[k][p];
                if (row.length != units) {
                    throw Checks.fail("UnitEffects pair term [" + k + "][" + p + "] has " + row.length
                            + " units, expected " + units);
                }
                for (int u = 0; u < units; u++) {
                    result[u][k] += c * row[u];
                }
            }
            for (int u = 0; u < units; u++) {
                result[u][k] /= drawn;
            }
        }
        return result;
    }

    private static List<double[][][]> checkedPairTerms(List<String> hooks, List<double[][]> responses, int factorCount,
            int n, List<double[][][]> pairTerms) {
        if (pairTerms.size() != hooks.size()) {
            throw Checks.fail("UnitEffects has pair terms for " + pairTerms.size() + " hook points, expected "
                    + hooks.size());
        }
        List<double[][][]> copies = new ArrayList<>();
        for (int h = 0; h < hooks.size(); h++) {
            String where = "UnitEffects pair terms of hook '" + hooks.get(h) + "'";
            int units = responses.get(h).length;
            double[][][] copy = Checks.cube(where, pairTerms.get(h), factorCount, n, units);
            double[][] means = weightedMeans(copy, onesCounts(factorCount, n), n, units);
            for (int u = 0; u < units; u++) {
                for (int k = 0; k < factorCount; k++) {
                    Checks.agrees("UnitEffects response of hook '" + hooks.get(h) + "' [" + u + "][" + k + "]",
                            responses.get(h)[u][k], means[u][k]);
                }
            }
            copies.add(copy);
        }
        return List.copyOf(copies);
    }

    private static int[][] onesCounts(int factorCount, int n) {
        int[] ones = new int[n];
        Arrays.fill(ones, 1);
        int[][] counts = new int[factorCount][];
        Arrays.fill(counts, ones);
        return counts;
    }
}
