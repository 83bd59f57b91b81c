package org.vaescope.cli.internal.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.data.DSpritesDataset;
import org.vaescope.core.interventions.ActivationPatching;
import org.vaescope.core.interventions.Measure;
import org.vaescope.core.interventions.Pairs;
import org.vaescope.core.interventions.PatchingSweep;
import org.vaescope.core.progress.ProgressMonitor;
import org.vaescope.core.runtime.Floats;
import org.vaescope.core.runtime.Nd4jRuntime;
import org.vaescope.core.training.TrainingConfig;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.Likelihood;
import org.vaescope.core.vae.VaeModel;
import org.vaescope.core.vae.Variant;
import org.vaescope.core.vae.VariantConfig;

/**
 * The work of {@code releng/bench/torch_reference.py} (a verbatim copy of the project's PyTorch
 * reference) in VAEScope, and the reference itself in the same run when {@code python3} with torch is
 * present: training images/s of the 64×64 conv VAE (plain VAE, Bernoulli, Adam lr 1e-4, batch 64)
 * and an exact patching sweep of all 448 encoder units (5 hook points) over 64 pairs with a latent
 * mean as outcome. The reference runs at 1 and 2 threads; its best figure is the baseline. Then
 * {@link SameEffects} checks that VAEScope's sweep gives the reference's effect checksum on shared weights.
 * Arguments: [--steps N (30)] [--pairs P (64)] [--reference FILE] [--python EXE (python3, or the system's
 * /usr/bin/python3 when only it has torch)]
 * [--memory N: also report the peak memory of a sweep over N pairs].
 */
public final class CompareTorchBenchmark {

    private static final List<String> ENCODER_HOOKS = List.of("encoder.conv1", "encoder.conv2", "encoder.conv3",
            "encoder.conv4", "encoder.fc");

    private CompareTorchBenchmark() {
    }

    public static void main(String[] args) {
        int steps = intOption(args, "--steps", 30);
        int pairs = intOption(args, "--pairs", 64);
        Path reference = Path.of(option(args, "--reference", "releng/bench/torch_reference.py"));
        String python = option(args, "--python", Python.withTorch());
        Nd4jRuntime.ensureStarted();
        System.out.println("VAEScope: " + Nd4jRuntime.describe() + ", " + Runtime.getRuntime().availableProcessors()
                + " processors, " + org.nd4j.linalg.factory.Nd4j.getEnvironment().maxThreads()
                + " native threads (set with OMP_NUM_THREADS)");
        Architecture architecture = Architecture.conv(1, 64, 64, 10);
        double trainRate = TrainingBenchmark.imagesPerSecond(TrainingConfig.builder(Variant.VAE)
                .architecture(architecture).likelihood(Likelihood.BERNOULLI).learningRate(1e-4).seed(0),
                new DSpritesDataset(64), 3, steps);
        double patchRate = sweepRate(architecture, pairs);
        System.setProperty(ActivationPatching.NOT_INCREMENTAL, "true");
        double fullRate = sweepRate(architecture, pairs);
        System.clearProperty(ActivationPatching.NOT_INCREMENTAL);
        System.out.printf(Locale.ROOT, "incremental first layer after the patched unit: %.2fx the sweep without it%n",
                patchRate / fullRate);
        int memoryPairs = intOption(args, "--memory", 0);
        if (memoryPairs > 0) {
            SweepMemory.report(architecture, memoryPairs);
        }
        System.out.printf(Locale.ROOT, "VAEScope: training %.1f images/s, sweep %.1f patches/s%n", trainRate,
                patchRate);
        List<double[]> torch = new ArrayList<>();
        for (int threads = 1; threads <= 2; threads++) {
            double[] figures = runReference(python, reference, threads, steps, pairs);
            if (figures == null) {
                return;
            }
            torch.add(figures);
        }
        SameEffects.report(python, reference, architecture, ENCODER_HOOKS, pairs);
        double bestTrain = Math.max(torch.get(0)[0], torch.get(1)[0]);
        double bestSweep = Math.max(torch.get(0)[1], torch.get(1)[1]);
        System.out.printf(Locale.ROOT, "ratio VAEScope / PyTorch (best thread setting): training %.2fx "
                + "(%.1f vs %.1f images/s), sweep %.2fx (%.1f vs %.1f patches/s)%n", trainRate / bestTrain, trainRate,
                bestTrain, patchRate / bestSweep, patchRate, bestSweep);
    }

    /** Patches/s of the exact sweep of every encoder unit over {@code pairs} sprite pairs (after one warm-up). */
    static double sweepRate(Architecture architecture, int pairs) {
        VaeModel model = VaeModel.create(architecture, VariantConfig.of(Variant.VAE), Likelihood.BERNOULLI, 0);
        DSpritesDataset data = new DSpritesDataset(architecture.height());
        int[][] classes = data.sampleFactors(2 * pairs, new SplittableRandom(0));
        INDArray images = Floats.array(data.renderAll(classes), 2L * pairs, 1, architecture.height(),
                architecture.width());
        Pairs sprites = Pairs.of(images.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(pairs, 2 * pairs)).dup(),
                images.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, pairs)).dup(), 0, "sprite pairs");
        PatchingSweep sweep = null;
        for (int run = 0; run < 2; run++) {
            sweep = ActivationPatching.sweep(model, sprites, ENCODER_HOOKS, Measure.latent(0),
                    ActivationPatching.DEFAULT_MEMORY_BUDGET, ProgressMonitor.NONE);
        }
        long patches = (long) sweep.unitCount() * sweep.sampleCount();
        double seconds = sweep.elapsedNanos() / 1e9;
        System.out.printf(Locale.ROOT, "VAEScope sweep%s: %d units x %d pairs = %d patches in %.3f s (%d passes)%n",
                Boolean.getBoolean(ActivationPatching.NOT_INCREMENTAL) ? " (not incremental)" : "", sweep.unitCount(), sweep.sampleCount(), patches, seconds, sweep.forwardPasses());
        return patches / seconds;
    }

    /** {train images/s, patches/s} of the PyTorch reference, or null (with the reason printed) when it cannot run. */
    private static double[] runReference(String python, Path script, int threads, int steps, int pairs) {
        String output = Python.run(python, script, "--threads", Integer.toString(threads), "--steps",
                Integer.toString(steps), "--pairs", Integer.toString(pairs));
        if (output == null) {
            return null;
        }
        System.out.println("PyTorch reference, " + threads + " thread(s): " + output);
        try {
            JsonNode figures = new ObjectMapper().readTree(Python.lastLine(output));
            return new double[] {Python.number(figures, "train_images_per_s"), Python.number(figures, "patches_per_s")};
        } catch (IOException e) {
            throw new IllegalStateException("the PyTorch reference printed no JSON: " + Python.lastLine(output), e);
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static int intOption(String[] args, String name, int fallback) {
        return Integer.parseInt(option(args, name, Integer.toString(fallback)));
    }
}
