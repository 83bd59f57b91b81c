package org.vaescope.core.internal.vae;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The loss of one training batch: its terms (always including {@code loss}, the total), the KL per
 * latent dimension (empty for a VQ-VAE), ∂loss/∂h at the hooks where the loss reads the model
 * directly, and parameter gradients that do not flow through the graph (the VQ codebook).
 */
public record LossStep(Map<String, Double> terms, double[] klPerDimension, Map<String, INDArray> hookGradients,
        Map<String, INDArray> parameterGradients) {
}
