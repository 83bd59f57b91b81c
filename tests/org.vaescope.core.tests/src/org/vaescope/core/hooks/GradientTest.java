package org.vaescope.core.hooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.runtime.Floats;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.Likelihood;
import org.vaescope.core.vae.TinyBarsDataset;
import org.vaescope.core.vae.VaeModel;
import org.vaescope.core.vae.Variant;
import org.vaescope.core.vae.VariantConfig;

/** Gradients at hook points agree with central finite differences. */
class GradientTest {

    static VaeModel mlp;
    static VaeModel conv;
    static INDArray images;

    @BeforeAll
    static void setUp() {
        mlp = VaeModel.create(Architecture.mlp(1, 16, 16, 4, 32, 16), VariantConfig.of(Variant.VAE),
                Likelihood.BERNOULLI, 21);
        conv = VaeModel.create(new Architecture(Architecture.Kind.CONV, 1, 16, 16, 4, new int[] {4, 4, 8, 8, 16}),
                VariantConfig.of(Variant.VAE), Likelihood.BERNOULLI, 22);
        randomizeBiases(mlp, 23);
        randomizeBiases(conv, 24);
        // grey levels instead of exact zeros: with zero biases a black patch puts a ReLU exactly at its
        // kink, where finite differences see half the slope
        images = HookedModelTest.batch(new TinyBarsDataset(16), 3, 5).muli(0.8).addi(0.1);
    }

    /** Non-zero biases keep units off their ReLU kinks (fresh models have zero biases). */
    static void randomizeBiases(VaeModel model, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (Parameter p : model.graph().parameters()) {
            if (p.name().endsWith(".b")) {
                float[] values = new float[(int) p.length()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (random.nextDouble() * 0.2 - 0.1);
                }
                p.set(values);
            }
        }
    }

    /**
     * m = Σ w ⊙ σ(logits) is smooth in the logits; its VJP weight is w ⊙ σ'(logits). Compares the
     * directional derivative g·v with (m(h + εv) − m(h − εv)) / 2ε, h the activation at {@code hook}
     * and v = g / ‖g‖.
     */
    private static void checkDirectionalDerivative(VaeModel model, String hook, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        RunResult clean = model.run(images, RunOptions.defaults().capture(hook));
        INDArray h = clean.activation(hook);
        float[] logits = Floats.of(clean.output());
        float[] w = new float[logits.length];
        float[] vjp = new float[logits.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian();
            double s = 1 / (1 + Math.exp(-logits[i]));
            vjp[i] = (float) (w[i] * s * (1 - s));
        }
        GradientResult g = model.gradient(images, RunOptions.defaults(), model.outputHook(),
                Floats.array(vjp, clean.output().shape()), List.of(hook));
        float[] grad = Floats.of(g.gradient(hook));
        float[] base = Floats.of(h);
        // Along the unit gradient direction the derivative is ‖g‖; a wrong gradient points elsewhere
        // and gives a smaller finite difference. A small step avoids crossing ReLU kinks.
        double norm = 0;
        for (float x : grad) {
            norm += x * (double) x;
        }
        norm = Math.sqrt(norm);
        float[] v = new float[base.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (grad[i] / norm);
        }
        double analytic = norm;
        // float32 rounding dominates tiny steps and ReLU kinks large ones: accept the best of a few
        double best = Double.POSITIVE_INFINITY;
        double numeric = 0;
        for (double eps : new double[] {1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2}) {
            double estimate = (smoothMetric(model, hook, base, v, eps, w, h.shape())
                    - smoothMetric(model, hook, base, v, -eps, w, h.shape())) / (2 * eps);
            double relative = Math.abs(analytic - estimate) / Math.abs(estimate);
            if (relative < best) {
                best = relative;
                numeric = estimate;
            }
        }
        assertTrue(best < 1e-2, hook + ": analytic " + analytic + " numeric " + numeric);
        assertTrue(Math.abs(numeric) > 1e-4, hook + ": the check needs a non-trivial derivative");
    }

    private static double smoothMetric(VaeModel model, String hook, float[] base, float[] v, double eps, float[] w,
            long[] shape) {
        float[] moved = new float[base.length];
        for (int i = 0; i < moved.length; i++) {
            moved[i] = (float) (base[i] + eps * v[i]);
        }
        float[] logits = Floats.of(model.runFrom(hook, Floats.array(moved, shape), RunOptions.defaults()).output());
        double m = 0;
        for (int i = 0; i < logits.length; i++) {
            m += w[i] / (1 + Math.exp(-logits[i]));
        }
        return m;
    }

    @Test
    void mlpGradientsMatchFiniteDifferences() {
        for (String hook : List.of("input", "encoder.fc1", "latent.mu", "latent.z", "decoder.fc2")) {
            checkDirectionalDerivative(mlp, hook, hook.hashCode());
        }
    }

    @Test
    void convGradientsMatchFiniteDifferences() {
        for (String hook : List.of("input", "encoder.conv2", "encoder.fc", "latent.z", "decoder.fc2",
                "decoder.deconv1", "decoder.deconv3")) {
            checkDirectionalDerivative(conv, hook, hook.hashCode());
        }
    }

    @Test
    void gradientOfALatentSumIsPerSampleAndValueIsTheSum() {
        INDArray weights = Floats.array(new float[] {0, 1, 0, 0}, 1, 4);
        GradientResult g = conv.gradient(images, RunOptions.defaults(), "latent.mu", weights, List.of("input"));
        INDArray mu = g.forward().activation("latent.mu");
        double expected = 0;
        for (int b = 0; b < 3; b++) {
            expected += mu.getFloat(b, 1);
            assertEquals(mu.getFloat(b, 1), g.perSample()[b], 1e-6);
        }
        assertEquals(expected, g.value(), 1e-5);
        // sample 0's gradient does not depend on the other samples of the batch
        GradientResult single = conv.gradient(images.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)),
                RunOptions.defaults(), "latent.mu", weights, List.of("input"));
        float[] all = Floats.of(g.gradient("input"));
        float[] one = Floats.of(single.gradient("input"));
        for (int i = 0; i < one.length; i++) {
            assertEquals(all[i], one[i], 1e-6);
        }
    }

    @Test
    void overriddenUnitsStopTheGradientUpstream() {
        int units = mlp.hookPoint("encoder.fc2").units();
        RunOptions cut = RunOptions.defaults().override(
                ActivationOverride.set("encoder.fc2", ActivationOverride.allUnits(units), 0f));
        INDArray weights = Floats.array(new float[] {1, 1, 1, 1}, 1, 4);
        GradientResult g = mlp.gradient(images, cut, "latent.mu", weights, List.of("encoder.fc2", "encoder.fc1"));
        assertEquals(0.0, Floats.of(g.gradient("encoder.fc1"))[0], 0.0);
        assertEquals(0.0, sumAbs(g.gradient("encoder.fc1")), 0.0);
        assertTrue(sumAbs(g.gradient("encoder.fc2")) > 0, "the gradient at the patched hook itself remains");
        GradientResult shift = mlp.gradient(images, RunOptions.defaults().override(
                ActivationOverride.shift("encoder.fc2", ActivationOverride.allUnits(units), 0.5f)), "latent.mu",
                weights, List.of("encoder.fc1"));
        assertTrue(sumAbs(shift.gradient("encoder.fc1")) > 0, "a shift keeps the dependence");
    }

    @Test
    void gradientFromAFedHookAndUnreachableHooks() {
        RunResult clean = mlp.run(images, RunOptions.defaults().capture("latent.z", "latent.logvar"));
        INDArray w = Floats.array(new float[256], 1, 1, 16, 16).addi(1);
        GradientResult fromZ = mlp.gradient(Map.of("latent.z", clean.activation("latent.z")), RunOptions.defaults(),
                "output.logits", w, List.of("latent.z"));
        GradientResult fromInput = mlp.gradient(images, RunOptions.defaults(), "output.logits", w,
                List.of("latent.z", "latent.logvar"));
        assertArrayEquals(Floats.of(fromInput.gradient("latent.z")), Floats.of(fromZ.gradient("latent.z")), 1e-5f);
        // deterministic: the output does not depend on the log-variance
        assertEquals(0.0, sumAbs(fromInput.gradient("latent.logvar")), 0.0);
    }

    static double sumAbs(INDArray a) {
        double s = 0;
        for (float x : Floats.of(a)) {
            s += Math.abs(x);
        }
        return s;
    }
}
