package org.vaescope.core.internal.pipeline;

import java.util.List;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.data.Factor;
import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.runtime.Floats;
import org.vaescope.metrics.RepresentationSampler;
import org.vaescope.core.vae.HookedVae;

/**
 * A VAE's representation of a dataset for the disentanglement metrics: the code of an image is its
 * latent mean μ(x), encoded in batches.
 */
public final class ModelRepresentation implements RepresentationSampler {

    private final HookedVae model;
    private final FactorDataset dataset;
    private final int batchSize;

    public ModelRepresentation(HookedVae model, FactorDataset dataset, int batchSize) {
        this.model = model;
        this.dataset = dataset;
        this.batchSize = batchSize;
    }

    @Override
    public int[] factorSizes() {
        List<Factor> factors = dataset.factors();
        return factors.stream().mapToInt(Factor::size).toArray();
    }

    @Override
    public int[][] sampleFactors(int n, SplittableRandom rng) {
        return dataset.sampleFactors(n, rng);
    }

    @Override
    public double[][] represent(int[][] factorClasses, SplittableRandom rng) {
        double[][] codes = new double[factorClasses.length][];
        for (int from = 0; from < factorClasses.length; from += batchSize) {
            int to = Math.min(factorClasses.length, from + batchSize);
            int[][] batch = java.util.Arrays.copyOfRange(factorClasses, from, to);
            INDArray images = Floats.array(dataset.renderAll(batch), to - from, dataset.channels(), dataset.height(),
                    dataset.width());
            float[] mu = Floats.of(model.encodeMean(images));
            int latents = mu.length / (to - from);
            for (int i = 0; i < to - from; i++) {
                double[] code = new double[latents];
                for (int j = 0; j < latents; j++) {
                    code[j] = mu[i * latents + j];
                }
                codes[from + i] = code;
            }
        }
        return codes;
    }
}
