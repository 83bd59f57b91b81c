package org.vaescope.core.internal.vae;

import org.vaescope.core.hooks.Parameter;
import org.vaescope.core.runtime.Floats;

/**
 * Exponential-moving-average codebook learning for the VQ-VAE: per code k, bias-corrected
 * averages of the number of assigned vectors n_k and of their sum s_k; the code becomes
 * s_k / n_k. A code that has never been assigned keeps its value.
 */
final class CodebookAverages {

    private final int codes;
    private final int codeDim;
    private final double decay;
    private final double[] counts;
    private final double[] sums;
    private int updates;

    CodebookAverages(int codes, int codeDim, double decay) {
        this.codes = codes;
        this.codeDim = codeDim;
        this.decay = decay;
        this.counts = new double[codes];
        this.sums = new double[codes * codeDim];
    }

    /** Folds one batch of encoder outputs and their assignments in and rewrites the codebook. */
    void update(float[] encoded, int[] assignment, Parameter codebook) {
        double[] batchCounts = new double[codes];
        double[] batchSums = new double[codes * codeDim];
        for (int g = 0; g < assignment.length; g++) {
            int k = assignment[g];
            batchCounts[k]++;
            for (int j = 0; j < codeDim; j++) {
                batchSums[k * codeDim + j] += encoded[g * codeDim + j];
            }
        }
        updates++;
        double correction = 1 - Math.pow(decay, updates);
        float[] book = Floats.of(codebook.value());
        for (int k = 0; k < codes; k++) {
            counts[k] = decay * counts[k] + (1 - decay) * batchCounts[k];
            for (int j = 0; j < codeDim; j++) {
                int i = k * codeDim + j;
                sums[i] = decay * sums[i] + (1 - decay) * batchSums[i];
            }
            double count = counts[k] / correction;
            if (count > 1e-6) {
                for (int j = 0; j < codeDim; j++) {
                    book[k * codeDim + j] = (float) (sums[k * codeDim + j] / correction / count);
                }
            }
        }
        codebook.set(book);
    }
}
