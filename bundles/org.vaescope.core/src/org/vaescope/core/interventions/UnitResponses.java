package org.vaescope.core.interventions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.vaescope.core.analysis.DeadUnits;
import org.vaescope.core.analysis.UnitEffects;
import org.vaescope.core.vae.VaeHooks;

/**
 * The result of input manipulation: per hook point a units × factors matrix of unit responses
 * A[u][k] = E|h_u(x') − h_u(x)| / (std of h_u over the data + 1e-8), see {@link InputManipulation}.
 */
public final class UnitResponses {

    private final List<String> hooks;
    private final List<String> factors;
    private final Map<String, double[][]> responses;
    private final Map<String, double[][]> rawChanges;
    private final Map<String, double[]> stds;
    private final Map<String, double[][][]> pairTerms;
    private final double[] outputEffect;
    private final int pairsPerFactor;
    private final long seed;

    UnitResponses(List<String> hooks, List<String> factors, Map<String, double[][]> responses,
            Map<String, double[][]> rawChanges, Map<String, double[]> stds, Map<String, double[][][]> pairTerms,
            double[] outputEffect, int pairsPerFactor, long seed) {
        this.hooks = List.copyOf(hooks);
        this.factors = List.copyOf(factors);
        this.responses = Collections.unmodifiableMap(responses);
        this.rawChanges = Collections.unmodifiableMap(rawChanges);
        this.stds = Collections.unmodifiableMap(stds);
        this.pairTerms = Collections.unmodifiableMap(pairTerms);
        this.outputEffect = outputEffect.clone();
        this.pairsPerFactor = pairsPerFactor;
        this.seed = seed;
    }

    /**
     * Per factor k, pair p and unit u of a hook: |h_u(x'_p) − h_u(x_p)| / (std_u + 1e-8), whose mean
     * over pairs is A[u][k]; the raw material of bootstrap intervals. Shared, do not modify.
     */
    public double[][][] pairTerms(String hook) {
        double[][][] terms = pairTerms.get(hook);
        if (terms == null) {
            throw new IllegalArgumentException("hook point '" + hook + "' was not analysed; analysed: " + hooks);
        }
        return terms;
    }

    /** Hook points analysed, in model order. */
    public List<String> hooks() {
        return hooks;
    }

    /** Factor names, the columns of every matrix. */
    public List<String> factors() {
        return factors;
    }

    /** A[u][k] for the units of {@code hook} (a copy). */
    public double[][] responses(String hook) {
        return copy(get(responses, hook));
    }

    /** E|h_u(x') − h_u(x)| without the normalisation (a copy), units × factors. */
    public double[][] rawChanges(String hook) {
        return copy(get(rawChanges, hook));
    }

    /** Standard deviation of each unit of {@code hook} over the base inputs of all factors. */
    public double[] unitStd(String hook) {
        return get(stds, hook).clone();
    }

    /** A[u][k] of the latent means ({@code latent.mu}), or null if it was not analysed. */
    public double[][] latentResponses() {
        return responses.containsKey(VaeHooks.LATENT_MU) ? responses(VaeHooks.LATENT_MU) : null;
    }

    /** E‖σ(out(x')) − σ(out(x))‖₂ per factor: how far the reconstruction moves. */
    public double[] outputEffect() {
        return outputEffect.clone();
    }

    /** Number of pairs per factor. */
    public int pairsPerFactor() {
        return pairsPerFactor;
    }

    /** Total number of pairs (pairs per factor × factors). */
    public int sampleCount() {
        return pairsPerFactor * factors.size();
    }

    public long seed() {
        return seed;
    }

    /** The unit effects A with the units dead by raw spread ({@link DeadUnits}) set to 0. */
    public UnitEffects unitEffects() {
        List<double[][][]> terms = new ArrayList<>();
        for (String hook : hooks) {
            terms.add(DeadUnits.silenced(pairTerms(hook), DeadUnits.bySpread(unitStd(hook))));
        }
        return UnitEffects.fromPairTerms(hooks, factors, terms, seed);
    }

    private <T> T get(Map<String, T> map, String hook) {
        T value = map.get(hook);
        if (value == null) {
            throw new IllegalArgumentException("hook point '" + hook + "' was not analysed (analysed: " + hooks + ")");
        }
        return value;
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    @Override
    public String toString() {
        return "unit responses of " + hooks.size() + " hook points to " + factors + " (" + pairsPerFactor
                + " pairs per factor, seed " + seed + ")";
    }
}
