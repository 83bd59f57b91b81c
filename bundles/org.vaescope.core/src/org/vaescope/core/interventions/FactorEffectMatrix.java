package org.vaescope.core.interventions;

import java.util.List;

/**
 * The factor-to-factor effects implied by a model: m[k][l] = mean |Δ r_l| / range_l when the
 * latents carrying factor k are shifted (see {@link FactorInterventions}). Rows are intervened
 * factors, columns measured ones, both in the order of {@link #factors()}.
 *
 * @param factors      factor names
 * @param matrix       m[k][l]
 * @param carriers     carriers[k]: the latents shifted for factor k
 * @param sharedCarrier sharedCarrier[k][l]: the carriers of k and l overlap, so shifting k's latents
 *                     also intervenes on l's and m[k][l] is not an effect of k alone
 * @param deltas       the δ grid
 * @param sampleCount  number of inputs
 * @param seed         seed of the inputs
 * @param perSample    per input b: the mean over δ of |Δ r_l| / range_l for each k, l (their mean over
 *                     inputs is {@code matrix}); the raw material of bootstrap intervals
 */
public record FactorEffectMatrix(List<String> factors, double[][] matrix, int[][] carriers, boolean[][] sharedCarrier,
        double[] deltas, int sampleCount, long seed, double[][][] perSample) {
}
