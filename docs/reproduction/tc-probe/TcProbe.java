// In the engine's package to train the same discriminator FactorVAE trains (package-private there).
package org.vaescope.core.internal.vae;

import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.hooks.HookedModel;
import org.vaescope.core.imports.VaeFiles;
import org.vaescope.core.interventions.LatentPerturbation;
import org.vaescope.core.pipeline.Reproduction;
import org.vaescope.core.runtime.Floats;
import org.vaescope.core.vae.VaeHooks;

/**
 * How much total correlation a fresh FactorVAE discriminator finds in a trained model's codes
 * (docs/reproduction/tc-probe/expectation.md): sampled codes z = μ + σ·ε of dataset images, a
 * discriminator of the training's architecture and optimiser trained to tell z from z with each
 * dimension permuted across the batch, its loss and TC estimate on held-out codes.
 *
 * <pre>
 * javac -cp CLASSPATH -d OUT TcProbe.java && java -cp OUT:CLASSPATH org.vaescope.core.internal.vae.TcProbe MODEL.vsm
 * </pre>
 * CLASSPATH is the one the last line of ./vaescope builds.
 */
public class TcProbe {

    private static final int CODES = 20_000;
    private static final int HELD_OUT = 4_096;
    private static final int BATCH = 64;
    private static final int STEPS = 2_000;

    public static void main(String[] args) throws Exception {
        HookedModel model = VaeFiles.open(Path.of(args[0])).model();
        FactorDataset data = Reproduction.dataset("dsprites", 32);
        INDArray images = LatentPerturbation.sample(data, CODES, 17);
        double[][] mu = LatentPerturbation.forVae(model).encode(images);
        double[][] logVariance = new LatentPerturbation(model, VaeHooks.LATENT_LOGVAR, VaeHooks.LATENT_Z, 256)
                .encode(images);
        double[][] z = sampled(mu, logVariance, new SplittableRandom(23));
        int train = CODES - HELD_OUT;
        FactorDiscriminator discriminator = new FactorDiscriminator(z[0].length, 6, 1000, 1e-3, 0.5, 0.9, 29);
        SplittableRandom random = new SplittableRandom(31);
        for (int step = 1; step <= STEPS; step++) {
            double loss = discriminator.train(batch(z, 0, train, random), random);
            if (step % 250 == 0) {
                System.out.printf(Locale.ROOT, "step %d: training loss %.4f%n", step, loss);
            }
        }
        double loss = 0;
        double tc = 0;
        int batches = HELD_OUT / BATCH;
        for (int b = 0; b < batches; b++) {
            INDArray codes = rows(z, train + b * BATCH, BATCH);
            loss += discriminator.loss(codes, random) / batches;
            tc += discriminator.totalCorrelation(codes, 0, new float[BATCH * z[0].length]) / batches;
        }
        System.out.printf(Locale.ROOT, "%s: held-out loss %.4f (chance ln 2 = %.4f), held-out TC estimate %.4f nats%n",
                Path.of(args[0]).getFileName(), loss, Math.log(2), tc);
    }

    private static double[][] sampled(double[][] mu, double[][] logVariance, SplittableRandom random) {
        double[][] z = new double[mu.length][mu[0].length];
        for (int i = 0; i < mu.length; i++) {
            for (int j = 0; j < mu[0].length; j++) {
                z[i][j] = mu[i][j] + Math.exp(0.5 * logVariance[i][j]) * gaussian(random);
            }
        }
        return z;
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static INDArray batch(double[][] z, int from, int count, SplittableRandom random) {
        float[] values = new float[BATCH * z[0].length];
        for (int b = 0; b < BATCH; b++) {
            double[] row = z[from + random.nextInt(count)];
            for (int j = 0; j < row.length; j++) {
                values[b * row.length + j] = (float) row[j];
            }
        }
        return Floats.array(values, BATCH, z[0].length);
    }

    private static INDArray rows(double[][] z, int from, int count) {
        float[] values = new float[count * z[0].length];
        for (int b = 0; b < count; b++) {
            for (int j = 0; j < z[0].length; j++) {
                values[b * z[0].length + j] = (float) z[from + b][j];
            }
        }
        return Floats.array(values, count, z[0].length);
    }
}
