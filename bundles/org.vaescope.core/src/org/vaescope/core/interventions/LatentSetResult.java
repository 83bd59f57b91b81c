package org.vaescope.core.interventions;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The latent intervention z_i ← v on n inputs.
 *
 * @param latent           the latent i
 * @param value            the value v
 * @param outputChange     E‖σ(D(z_{i←v})) − σ(D(z))‖₂
 * @param readoutChange    E[r_k(σ(D(z_{i←v}))) − r_k(σ(D(z)))] per read-out factor, in classes; null without read-outs
 * @param factors          read-out factor names (empty without read-outs)
 * @param images           the decoded images σ(D(z_{i←v}))
 * @param sampleCount      n
 * @param seed             the seed the inputs were drawn with
 */
public record LatentSetResult(int latent, double value, double outputChange, double[] readoutChange,
        List<String> factors, INDArray images, int sampleCount, long seed) {
}
