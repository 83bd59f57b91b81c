package org.vaescope.core.internal.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.runtime.Floats;
import org.vaescope.core.vae.Likelihood;

/** The hand-derived gradients of every loss term agree with central finite differences. */
class LossMathTest {

    static final int BATCH = 5;
    static final int DIMS = 3;

    static float[] gaussian(int n, double scale, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextGaussian() * scale);
        }
        return v;
    }

    /** Checks every coordinate of {@code analytic} against (f(x + ε) − f(x − ε)) / 2ε. */
    static void check(String what, float[] x, float[] analytic, ToDoubleFunction<float[]> f) {
        double eps = 1e-3;
        for (int i = 0; i < x.length; i++) {
            float keep = x[i];
            x[i] = (float) (keep + eps);
            double plus = f.applyAsDouble(x);
            x[i] = (float) (keep - eps);
            double minus = f.applyAsDouble(x);
            x[i] = keep;
            double numeric = (plus - minus) / (2 * eps);
            double tolerance = 2e-3 * Math.max(1, Math.abs(numeric));
            assertEquals(numeric, analytic[i], tolerance, what + " coordinate " + i);
        }
    }

    @Test
    void klGradientAndValue() {
        float[] mu = gaussian(BATCH * DIMS, 1, 1);
        float[] lv = gaussian(BATCH * DIMS, 0.5, 2);
        float[] gMu = new float[mu.length];
        float[] gLv = new float[mu.length];
        double[] perDim = new double[DIMS];
        double kl = LossMath.kl(mu, lv, BATCH, DIMS, 2.0, gMu, gLv, perDim);
        assertEquals(kl, perDim[0] + perDim[1] + perDim[2], 1e-9);
        assertEquals(0.0, LossMath.kl(new float[3], new float[3], 1, 3, 1, new float[3], new float[3], new double[3]),
                0.0, "KL of the prior itself is zero");
        check("kl/mu", mu, gMu, m -> 2 * LossMath.kl(m, lv, BATCH, DIMS, 1, new float[15], new float[15],
                new double[DIMS]));
        check("kl/logvar", lv, gLv, l -> 2 * LossMath.kl(mu, l, BATCH, DIMS, 1, new float[15], new float[15],
                new double[DIMS]));
    }

    @Test
    void reconstructionGradients() {
        float[] logits = gaussian(40, 2, 3);
        float[] x = new float[40];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 3 == 0 ? 1 : (i % 3 == 1 ? 0 : 0.3f);
        }
        for (Likelihood likelihood : Likelihood.values()) {
            float[] grad = new float[40];
            LossMath.reconstruction(likelihood, logits, x, 4, grad);
            check(likelihood + " reconstruction", logits, grad,
                    l -> LossMath.reconstruction(likelihood, l, x, 4, new float[40]));
        }
        // Bernoulli loss at logit 0 is log 2 per pixel
        assertEquals(Math.log(2) * 10, LossMath.reconstruction(Likelihood.BERNOULLI, new float[10], new float[10], 1,
                new float[10]), 1e-9);
    }

    @Test
    void totalCorrelationGradients() {
        float[] z = gaussian(BATCH * DIMS, 1, 4);
        float[] mu = gaussian(BATCH * DIMS, 1, 5);
        float[] lv = gaussian(BATCH * DIMS, 0.3, 6);
        float[] gZ = new float[z.length];
        float[] gMu = new float[z.length];
        float[] gLv = new float[z.length];
        LossMath.totalCorrelation(z, mu, lv, BATCH, DIMS, 1.5, gZ, gMu, gLv);
        check("tc/z", z, gZ, v -> 1.5 * tc(v, mu, lv));
        check("tc/mu", mu, gMu, v -> 1.5 * tc(z, v, lv));
        check("tc/logvar", lv, gLv, v -> 1.5 * tc(z, mu, v));
    }

    @Test
    void totalCorrelationIsLargerForDependentCodes() {
        // codes with identical dimensions are totally dependent; independent codes have TC near 0
        int batch = 64;
        float[] independent = gaussian(batch * 2, 1, 7);
        float[] dependent = new float[batch * 2];
        for (int b = 0; b < batch; b++) {
            dependent[2 * b] = independent[2 * b];
            dependent[2 * b + 1] = independent[2 * b];
        }
        float[] lv = new float[batch * 2];
        java.util.Arrays.fill(lv, (float) Math.log(0.01));
        double tcDependent = LossMath.totalCorrelation(dependent, dependent, lv, batch, 2, 1, new float[128],
                new float[128], new float[128]);
        double tcIndependent = LossMath.totalCorrelation(independent, independent, lv, batch, 2, 1, new float[128],
                new float[128], new float[128]);
        assertTrue(tcDependent > tcIndependent + 1, tcDependent + " vs " + tcIndependent);
    }

    private static double tc(float[] z, float[] mu, float[] lv) {
        int n = z.length;
        return LossMath.totalCorrelation(z, mu, lv, BATCH, DIMS, 1, new float[n], new float[n], new float[n]);
    }

    @Test
    void dipRegularizerGradientsAndValue() {
        float[] mu = gaussian(BATCH * DIMS, 1, 8);
        float[] lv = gaussian(BATCH * DIMS, 0.3, 9);
        float[] gMu = new float[mu.length];
        float[] gLv = new float[mu.length];
        LossMath.dipRegularizer(mu, lv, BATCH, DIMS, 10, 5, gMu, gLv);
        check("dip/mu", mu, gMu, v -> LossMath.dipRegularizer(v, lv, BATCH, DIMS, 10, 5, new float[15],
                new float[15]));
        check("dip/logvar", lv, gLv, v -> LossMath.dipRegularizer(mu, v, BATCH, DIMS, 10, 5, new float[15],
                new float[15]));
        // means with zero covariance and unit encoder variance: the aggregate covariance is I
        float[] zero = new float[2 * DIMS];
        assertEquals(0.0, LossMath.dipRegularizer(zero, new float[2 * DIMS], 2, DIMS, 10, 10, new float[6],
                new float[6]), 1e-12);
    }

    @Test
    void factorDiscriminatorGradientAndTraining() {
        FactorDiscriminator d = new FactorDiscriminator(DIMS, 2, 16, 3e-3, 0.5, 0.9, 3);
        float[] z = gaussian(BATCH * DIMS, 1, 10);
        float[] grad = new float[z.length];
        d.totalCorrelation(Floats.array(z, BATCH, DIMS), 2.0, grad);
        check("factor tc/z", z, grad, v -> 2.0 * d.totalCorrelation(Floats.array(v, BATCH, DIMS), 1.0,
                new float[v.length]));
        // correlated codes: the discriminator learns to tell them from their permutations
        int batch = 64;
        float[] base = gaussian(batch, 1, 11);
        float[] correlated = new float[batch * DIMS];
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < DIMS; k++) {
                correlated[b * DIMS + k] = base[b];
            }
        }
        INDArray codes = Floats.array(correlated, batch, DIMS);
        SplittableRandom random = new SplittableRandom(12);
        double first = d.train(codes, random);
        double last = first;
        for (int i = 0; i < 60; i++) {
            last = d.train(codes, random);
        }
        assertTrue(last < 0.6 * first, "discriminator loss " + first + " -> " + last);
        assertTrue(d.totalCorrelation(codes, 1, new float[batch * DIMS]) > 0.5);
        double evaluated = d.loss(codes, new SplittableRandom(13));
        assertEquals(evaluated, d.train(codes, new SplittableRandom(13)), 1e-12,
                "loss() is the loss train() reports before its step, on the same permutation");
        assertEquals(evaluated, d.loss(codes, new SplittableRandom(13)), 0.1 * evaluated, "one more step moves it little");
    }
}
