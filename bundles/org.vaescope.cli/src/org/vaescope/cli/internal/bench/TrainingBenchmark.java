package org.vaescope.cli.internal.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.data.Factor;
import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.hooks.RunOptions;
import org.vaescope.core.runtime.Floats;
import org.vaescope.core.runtime.Nd4jRuntime;
import org.vaescope.core.progress.ProgressMonitor;
import org.vaescope.core.training.Trainer;
import org.vaescope.core.training.TrainingConfig;
import org.vaescope.core.training.TrainingListener;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.Likelihood;
import org.vaescope.core.vae.VaeModel;
import org.vaescope.core.vae.Variant;
import org.vaescope.core.vae.VariantConfig;

/**
 * Prints training throughput (images/s) of the conv VAE on 64×64 and the MLP VAE on 32×32 random
 * binary images (batch 64), and the cost of a capture-all-hooks forward pass relative to a plain
 * one. Arguments: optional conv steps and MLP steps (defaults 6 and 40).
 */
public final class TrainingBenchmark {

    private TrainingBenchmark() {
    }

    public static void main(String[] args) {
        Nd4jRuntime.ensureStarted();
        int convSteps = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int mlpSteps = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        System.out.println("backend " + Nd4jRuntime.describe() + ", "
                + Runtime.getRuntime().availableProcessors() + " processors");
        training("conv VAE 64x64", Architecture.conv(1, 64, 64, 10), convSteps);
        training("MLP VAE 32x32", Architecture.mlp(1, 32, 32, 10), mlpSteps);
        captureCost("conv VAE 64x64", Architecture.conv(1, 64, 64, 10), 10);
        captureCost("MLP VAE 32x32", Architecture.mlp(1, 32, 32, 10), 40);
    }

    private static void training(String label, Architecture architecture, int steps) {
        int warmup = Math.max(2, steps / 5);
        double rate = imagesPerSecond(TrainingConfig.builder(Variant.BETA_VAE).architecture(architecture).seed(1),
                new RandomBinaryImages(architecture.height(), architecture.width()), warmup, steps);
        System.out.printf(Locale.ROOT, "%-16s training: %.1f images/s (%.3f s/step, batch 64, %d timed steps)%n",
                label, rate, 64 / rate, steps);
    }

    /** Images/s of {@code steps} training steps at batch 64 after {@code warmup} untimed ones (JIT, ND4J). */
    static double imagesPerSecond(TrainingConfig.Builder config, FactorDataset data, int warmup, int steps) {
        long[] start = new long[1];
        int[] asked = new int[1];
        Trainer.train(config.steps(warmup + steps).batchSize(64).progressEvery(warmup + steps).build(), data,
                new TrainingListener() {
                }, ProgressMonitor.cancelledWhen(() -> {
                    if (++asked[0] == warmup + 1) {
                        start[0] = System.nanoTime();
                    }
                    return false;
                }));
        return steps * 64 / ((System.nanoTime() - start[0]) / 1e9);
    }

    private static void captureCost(String label, Architecture architecture, int repeats) {
        VaeModel model = VaeModel.create(architecture, VariantConfig.of(Variant.VAE), Likelihood.BERNOULLI, 1);
        RandomBinaryImages data = new RandomBinaryImages(architecture.height(), architecture.width());
        INDArray images = Floats.array(data.renderAll(data.sampleFactors(64, new SplittableRandom(2))), 64, 1,
                architecture.height(), architecture.width());
        RunOptions plain = RunOptions.defaults();
        RunOptions all = RunOptions.defaults().captureAll();
        for (int i = 0; i < 3; i++) {
            model.run(images, plain);
            model.run(images, all);
        }
        double[] plainTimes = new double[repeats];
        double[] allTimes = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            model.run(images, plain);
            long t1 = System.nanoTime();
            model.run(images, all);
            long t2 = System.nanoTime();
            plainTimes[i] = (t1 - t0) / 1e6;
            allTimes[i] = (t2 - t1) / 1e6;
        }
        double p = median(plainTimes);
        double a = median(allTimes);
        System.out.printf(Locale.ROOT, "%-16s forward, batch 64: plain %.2f ms, capture-all %.2f ms, ratio %.3f%n",
                label, p, a, a / p);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Random binary images (10 % ones), one per class of a single 4096-class factor. */
    private static final class RandomBinaryImages implements FactorDataset {
        private final int height;
        private final int width;
        private final List<Factor> factors;

        RandomBinaryImages(int height, int width) {
            this.height = height;
            this.width = width;
            double[] ids = new double[4096];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = i;
            }
            factors = List.of(new Factor("id", ids));
        }

        @Override
        public String name() {
            return "random-binary";
        }

        @Override
        public int channels() {
            return 1;
        }

        @Override
        public int height() {
            return height;
        }

        @Override
        public int width() {
            return width;
        }

        @Override
        public boolean binary() {
            return true;
        }

        @Override
        public List<Factor> factors() {
            return factors;
        }

        @Override
        public int[][] sampleFactors(int n, SplittableRandom random) {
            int[][] classes = new int[n][1];
            for (int i = 0; i < n; i++) {
                classes[i][0] = random.nextInt(4096);
            }
            return classes;
        }

        @Override
        public void render(int[] classes, float[] out, int offset) {
            SplittableRandom pixels = new SplittableRandom(classes[0]);
            for (int i = 0; i < height * width; i++) {
                out[offset + i] = pixels.nextDouble() < 0.1 ? 1f : 0f;
            }
        }
    }
}
