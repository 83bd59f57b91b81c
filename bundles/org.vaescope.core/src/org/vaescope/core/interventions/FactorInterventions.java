package org.vaescope.core.interventions;

import org.vaescope.core.progress.ProgressMonitor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.analysis.FactorEffectMatrix;
import org.vaescope.core.analysis.LatentEffects;
import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.readout.FactorReadouts;

/**
 * Interventions on the latents that carry a factor, measured by every read-out: the raw material of
 * the factor causal graph implied by the model (spec section 5). For factor k the carriers are the
 * {@code carriersPerFactor} latents with the largest factor effect E[i,k]; all of them are shifted by
 * δ together, and
 * <pre>
 *   M[k,l] = E_x,δ d_l(σ(D(z_{C_k ← z_{C_k}+δ})), σ(D(z))),
 * </pre>
 * d_l the change of read-out l in [0, 1] by its scale ({@link FactorReadouts#change}: |Δr_l| / range_l
 * for an ordinal factor, total variation for a categorical one, circular distance for an angle).
 * With one carrier, M[k,k] equals E[argmax_i E[i,k], k]. Entries of factor pairs that share a carrier
 * are 0 (see {@link FactorEffectMatrix}).
 */
public final class FactorInterventions {

    private FactorInterventions() {
    }

    /**
     * The K × K matrix M for the inputs, using the carriers chosen from {@code effects} (which must
     * have been computed with the same read-outs).
     */
    public static FactorEffectMatrix impliedEffects(LatentPerturbation perturbation, INDArray inputs,
            FactorReadouts readouts, LatentEffects effects, int carriersPerFactor, double[] deltas, long seed,
            ProgressMonitor monitor) {
        ProgressMonitor progress = ProgressMonitor.orNone(monitor);
        LatentPerturbation.checkDeltas(deltas);
        if (!effects.factors().equals(readouts.factorNames())) {
            throw new IllegalArgumentException("the latent effects were measured on factors " + effects.factors()
                    + " but the read-outs cover " + readouts.factorNames());
        }
        int factors = readouts.factorCount();
        int[][] carriers = new int[factors][];
        for (int k = 0; k < factors; k++) {
            carriers[k] = effects.carriers(k, carriersPerFactor);
        }
        double[][] z = perturbation.encode(inputs);
        int n = z.length;
        FactorReadouts.Readings base = readouts.read(perturbation.decode(z));
        double[][][] perSample = new double[n][factors][factors];
        int step = 0;
        for (int k = 0; k < factors; k++) {
            for (double delta : deltas) {
                progress.checkCanceled("factor interventions");
                FactorReadouts.Readings shifted = readouts.read(perturbation.decode(perturbation.shift(z, carriers[k],
                        delta)));
                for (int b = 0; b < n; b++) {
                    for (int l = 0; l < factors; l++) {
                        perSample[b][k][l] += readouts.change(base, b, shifted, b, l) / deltas.length;
                    }
                }
                progress.worked(++step, factors * deltas.length, readouts.factorNames().get(k));
            }
        }
        return FactorEffectMatrix.measured(readouts.factorNames(), perSample, carriers, seed);
    }

    /**
     * The read-outs' crosstalk, our definition: on reconstructions σ(D(μ(x))) of {@code n} dataset
     * pairs (x, x') that differ only in factor k,
     * <pre>
     *   ρ[k,l] = Σ_pairs d_l(x, x') / Σ_pairs d_k(x, x'),
     * </pre>
     * how far read-out l moves per unit of movement of read-out k when nothing but k changes (ρ[k,k] = 1;
     * 0 when k's own read-out does not move). A model without an edge k → l still moves r_l by about
     * ρ[k,l]·M[k,k] when an intervention moves k by M[k,k]; {@link
     * org.vaescope.core.analysis.ImpliedEffectEvidence} draws an edge only beyond that floor.
     */
    public static double[][] readoutCrosstalk(LatentPerturbation perturbation, FactorDataset dataset,
            FactorReadouts readouts, int n, long seed, ProgressMonitor monitor) {
        ProgressMonitor progress = ProgressMonitor.orNone(monitor);
        int factors = readouts.factorCount();
        double[][] crosstalk = new double[factors][factors];
        java.util.SplittableRandom seeds = new java.util.SplittableRandom(seed);
        for (int k = 0; k < factors; k++) {
            progress.checkCanceled("read-out crosstalk");
            Pairs pairs = Pairs.differingIn(dataset, readouts.datasetFactor(k), n, seeds.nextLong());
            FactorReadouts.Readings base = readouts.read(reconstruct(perturbation, pairs.base(0, n)));
            FactorReadouts.Readings changed = readouts.read(reconstruct(perturbation, pairs.changed(0, n)));
            double[] moved = new double[factors];
            for (int b = 0; b < n; b++) {
                for (int l = 0; l < factors; l++) {
                    moved[l] += readouts.change(base, b, changed, b, l);
                }
            }
            for (int l = 0; l < factors; l++) {
                crosstalk[k][l] = moved[k] == 0 ? 0 : moved[l] / moved[k];
            }
            progress.worked(k + 1, factors, readouts.factorNames().get(k));
        }
        return crosstalk;
    }

    private static INDArray reconstruct(LatentPerturbation perturbation, INDArray images) {
        return perturbation.decode(perturbation.encode(images));
    }
}
