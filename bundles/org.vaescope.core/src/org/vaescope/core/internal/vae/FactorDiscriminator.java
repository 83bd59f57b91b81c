package org.vaescope.core.internal.vae;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.hooks.StageContext;
import org.vaescope.core.hooks.StagedModel;
import org.vaescope.core.internal.hooks.Activation;
import org.vaescope.core.internal.hooks.DenseStage;
import org.vaescope.core.runtime.Floats;
import org.vaescope.core.internal.training.Adam;

/**
 * FactorVAE's discriminator: an MLP (leaky ReLU hidden layers, 2 output logits) telling codes
 * z ~ q(z) (class 0) from codes with each dimension permuted across the batch (class 1).
 */
final class FactorDiscriminator {

    private static final String INPUT = "z";
    private static final String LOGITS = "discriminator.logits";

    private final StagedModel net;
    private final Adam adam;

    FactorDiscriminator(int latentSize, int layers, int units, double learningRate, double beta1, double beta2,
            long seed) {
        StagedModel.Builder b = StagedModel.builder(INPUT, latentSize);
        String previous = INPUT;
        int in = latentSize;
        for (int i = 0; i < layers; i++) {
            String name = "discriminator.fc" + (i + 1);
            b.add(name, new DenseStage(name, in, units, Activation.LEAKY_RELU), previous);
            previous = name;
            in = units;
        }
        b.add(LOGITS, new DenseStage(LOGITS, in, 2, Activation.IDENTITY), previous);
        net = b.build(LOGITS);
        net.initialize(seed);
        adam = new Adam(net.parameters(), learningRate, beta1, beta2, 1e-8);
    }

    /**
     * TC estimate mean_b (D(z)_b0 − D(z)_b1) and ∂(weight·TC)/∂z.
     */
    double totalCorrelation(INDArray z, double weight, float[] gradZ) {
        StagedModel.Pass pass = net.forward(Map.of(INPUT, z), Set.of(LOGITS), List.of(),
                StageContext.deterministic(), true);
        float[] logits = Floats.of(pass.activations().get(LOGITS));
        int batch = (int) z.size(0);
        double tc = 0;
        float[] seed = new float[batch * 2];
        for (int b = 0; b < batch; b++) {
            tc += logits[2 * b] - logits[2 * b + 1];
            seed[2 * b] = (float) (weight / batch);
            seed[2 * b + 1] = (float) (-weight / batch);
        }
        INDArray g = net.backward(pass, Map.of(LOGITS, Floats.array(seed, batch, 2)), List.of(INPUT), List.of(),
                StageContext.deterministic(), null).get(INPUT);
        float[] gz = Floats.of(g);
        for (int i = 0; i < gz.length; i++) {
            gradZ[i] += gz[i];
        }
        return tc / batch;
    }

    /**
     * One Adam step on −½(mean log softmax(D(z))₀ + mean log softmax(D(perm(z)))₁); returns that loss.
     */
    double train(INDArray z, SplittableRandom random) {
        Map<String, INDArray> grads = new HashMap<>();
        double loss = classify(z, 0, grads) + classify(permuted(z, random), 1, grads);
        adam.step(grads);
        return loss;
    }

    /** The codes with each dimension permuted across the batch: the same marginals, no dependence. */
    private static INDArray permuted(INDArray z, SplittableRandom random) {
        int batch = (int) z.size(0);
        int dims = (int) z.size(1);
        float[] codes = Floats.of(z);
        float[] permuted = new float[codes.length];
        for (int d = 0; d < dims; d++) {
            int[] order = permutation(batch, random);
            for (int b = 0; b < batch; b++) {
                permuted[b * dims + d] = codes[order[b] * dims + d];
            }
        }
        return Floats.array(permuted, batch, dims);
    }

    /** The loss {@link #train} would report on these codes, without a step (for held-out codes). */
    double loss(INDArray z, SplittableRandom random) {
        Map<String, INDArray> unused = new HashMap<>();
        return classify(z, 0, unused) + classify(permuted(z, random), 1, unused);
    }

    private double classify(INDArray codes, int target, Map<String, INDArray> grads) {
        StagedModel.Pass pass = net.forward(Map.of(INPUT, codes), Set.of(LOGITS), List.of(),
                StageContext.deterministic(), true);
        float[] logits = Floats.of(pass.activations().get(LOGITS));
        int batch = (int) codes.size(0);
        float[] seed = new float[logits.length];
        double loss = 0;
        for (int b = 0; b < batch; b++) {
            double a0 = logits[2 * b];
            double a1 = logits[2 * b + 1];
            double max = Math.max(a0, a1);
            double lse = max + Math.log(Math.exp(a0 - max) + Math.exp(a1 - max));
            double p0 = Math.exp(a0 - lse);
            loss += -0.5 * ((target == 0 ? a0 : a1) - lse) / batch;
            seed[2 * b] = (float) (0.5 * (p0 - (target == 0 ? 1 : 0)) / batch);
            seed[2 * b + 1] = (float) (0.5 * ((1 - p0) - (target == 1 ? 1 : 0)) / batch);
        }
        net.backward(pass, Map.of(LOGITS, Floats.array(seed, batch, 2)), List.of(), List.of(),
                StageContext.deterministic(), grads);
        return loss;
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
