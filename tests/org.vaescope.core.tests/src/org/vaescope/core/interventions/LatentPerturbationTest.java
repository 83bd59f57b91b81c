package org.vaescope.core.interventions;

import org.vaescope.core.progress.ProgressMonitor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.analysis.FactorEffectMatrix;
import org.vaescope.core.analysis.LatentEffects;
import org.vaescope.core.data.DSpritesDataset;
import org.vaescope.core.hooks.StagedModel;
import org.vaescope.core.internal.hooks.Activation;
import org.vaescope.core.internal.hooks.DenseStage;
import org.vaescope.core.runtime.Floats;
import org.vaescope.core.readout.FactorReadouts;
import org.vaescope.core.readout.ReadoutSettings;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.Likelihood;
import org.vaescope.core.vae.VaeModel;
import org.vaescope.core.vae.Variant;
import org.vaescope.core.vae.VariantConfig;

/** Latent perturbation on a hand-built linear decoder, traversal grids, and the factor-effect matrix. */
class LatentPerturbationTest {

    /** Decoder logits = D z with D 1×2×2 (4 pixels) × 2 latents. */
    static final double[][] D = {{1.0, 0.0}, {0.5, -1.0}, {0.0, 2.0}, {-0.3, 0.2}};

    /** input (2) → latent.mu = identity → output = D z, shaped 1×2×2. */
    static StagedModel linearDecoder() {
        StagedModel model = StagedModel.builder("input", 2)
                .add("latent.mu", new DenseStage("latent.mu", 2, 2, Activation.IDENTITY), "input")
                .add("output", new DenseStage("output", 2, 4, Activation.IDENTITY, 1, 2, 2), "latent.mu")
                .build("output");
        model.parameter("latent.mu.W").set(new float[] {1, 0, 0, 1});
        model.parameter("output.W").set(TestNets.transposeToInOut(D));
        return model;
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    static double[] decode(double[] z) {
        double[] s = new double[4];
        for (int p = 0; p < 4; p++) {
            s[p] = sigmoid(D[p][0] * z[0] + D[p][1] * z[1]);
        }
        return s;
    }

    @Test
    void outputEffectHasItsClosedForm() {
        StagedModel model = linearDecoder();
        LatentPerturbation lp = new LatentPerturbation(model, "latent.mu", "latent.mu", 3);
        float[] codes = {0.2f, -0.5f, 1.0f, 0.3f, -1.2f, 0.8f, 0.0f, 0.0f};
        INDArray inputs = Floats.array(codes, 4, 2);
        double[] deltas = {-1, 0.5, 2};
        LatentEffects e = lp.effects(inputs, deltas, null, 12, ProgressMonitor.NONE);
        for (int i = 0; i < 2; i++) {
            double expected = 0;
            for (int b = 0; b < 4; b++) {
                double[] z = {codes[2 * b], codes[2 * b + 1]};
                double[] base = decode(z);
                for (double d : deltas) {
                    double[] shifted = z.clone();
                    shifted[i] += d;
                    double[] s = decode(shifted);
                    double sum = 0;
                    for (int p = 0; p < 4; p++) {
                        sum += (s[p] - base[p]) * (s[p] - base[p]);
                    }
                    expected += Math.sqrt(sum) / Math.abs(d);
                }
            }
            assertEquals(expected / 12, e.outputEffect()[i], 1e-5, "latent " + i);
        }
        assertEquals(0, e.factorCount());
        assertEquals(2, e.factorEffect().length);
        assertEquals(4, e.sampleCount());
        assertEquals(12, e.seed());
    }

    @Test
    void setValueAndTraversal() throws Exception {
        StagedModel model = linearDecoder();
        LatentPerturbation lp = new LatentPerturbation(model, "latent.mu", "latent.mu", 2);
        INDArray input = Floats.array(new float[] {0.4f, -0.6f}, 1, 2);
        LatentSetResult set = lp.setValue(input, 1, 1.5, null, 0);
        assertArrayEquals(decodeFloats(new double[] {0.4, 1.5}), Floats.of(set.images()), 1e-5f);
        ImageGrid grid = lp.traverse(input, new int[] {0, 1}, -1, 1, 3);
        assertEquals(2, grid.rows());
        assertEquals(3, grid.columns());
        assertArrayEquals(new double[] {-1, 0, 1}, grid.columnValues(), 1e-12);
        assertArrayEquals(decodeFloats(new double[] {0.4, 1.0}), grid.image(1, 2), 1e-5f);
        assertArrayEquals(decodeFloats(new double[] {-1.0, -0.6}), grid.image(0, 0), 1e-5f);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        grid.writePng(png, 1);
        byte[] bytes = png.toByteArray();
        assertEquals((byte) 0x89, bytes[0]);
        assertEquals('P', bytes[1]);
        assertEquals(2 * 3 + 2, bytes[16 + 3], "width of 3 images of 2 pixels with 2 gaps");
        assertEquals(2 * 2 + 1, bytes[20 + 3], "height");
    }

    static float[] decodeFloats(double[] z) {
        double[] s = decode(z);
        float[] f = new float[4];
        for (int i = 0; i < 4; i++) {
            f[i] = (float) s[i];
        }
        return f;
    }

    @Test
    void factorMatrixDiagonalMatchesTheFactorEffectOfTheCarrier() {
        DSpritesDataset data = new DSpritesDataset(16);
        FactorReadouts readouts = FactorReadouts.train(data, ReadoutSettings.defaults(2).withSamples(400, 100)
                .withEpochs(2));
        VaeModel vae = VaeModel.create(Architecture.mlp(1, 16, 16, 4, 32), VariantConfig.of(Variant.VAE),
                Likelihood.BERNOULLI, 4);
        LatentPerturbation lp = LatentPerturbation.forVae(vae);
        INDArray inputs = LatentPerturbation.sample(data, 20, 6);
        LatentEffects e = lp.effects(inputs, LatentPerturbation.DEFAULT_DELTAS, readouts, 6, null);
        double[][] effect = e.factorEffect();
        assertEquals(readouts.factorNames(), e.factors());
        FactorEffectMatrix m = FactorInterventions.impliedEffects(lp, inputs, readouts, e, 1,
                LatentPerturbation.DEFAULT_DELTAS, 6, null);
        for (int k = 0; k < readouts.factorCount(); k++) {
            int carrier = m.carriers()[k][0];
            for (int i = 0; i < 4; i++) {
                assertTrue(effect[carrier][k] >= effect[i][k]);
            }
            assertEquals(effect[carrier][k], m.effect()[k][k], 1e-9);
            assertTrue(m.sharedCarrier(k, k));
            for (int l = 0; l < readouts.factorCount(); l++) {
                assertEquals(m.carriers()[k][0] == m.carriers()[l][0], m.sharedCarrier(k, l));
                assertTrue(m.effect()[k][l] >= 0 && m.effect()[k][l] <= 1);
            }
        }
        assertEquals(20, m.sampleCount());
    }

    @Test
    void aVqVaesCodesArePerturbedBeforeTheQuantiserAsItsOwnCodesAre() {
        VaeModel vq = VaeModel.create(Architecture.mlp(1, 8, 8, 4, 16), VariantConfig.of(Variant.VQ_VAE),
                Likelihood.BERNOULLI, 11);
        INDArray images = LatentPerturbation.sample(new DSpritesDataset(8), 6, 3);
        LatentPerturbation before = LatentPerturbation.forVae(vq);
        float[] reconstruction = MetricEvaluator.sigmoid(Floats.of(vq.run(images,
                org.vaescope.core.hooks.RunOptions.defaults()).output()));

        assertTrue(LatentPerturbation.quantised(vq));
        assertArrayEquals(reconstruction, Floats.of(before.decode(before.encode(images))), 1e-6f,
                "an unperturbed code decodes to the model's own reconstruction");
        LatentPerturbation after = LatentPerturbation.afterQuantiser(vq);
        float[] skipped = Floats.of(after.decode(after.encode(images)));
        double difference = 0;
        for (int j = 0; j < skipped.length; j++) {
            difference = Math.max(difference, Math.abs(skipped[j] - reconstruction[j]));
        }
        assertTrue(difference > 1e-4, "fed after the quantiser, the unquantised code decodes differently");
    }
}
