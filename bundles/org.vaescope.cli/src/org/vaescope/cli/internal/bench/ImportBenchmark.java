package org.vaescope.cli.internal.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaescope.core.hooks.StageContext;
import org.vaescope.core.hooks.StagedModel;
import org.vaescope.core.imports.ImportedVae;
import org.vaescope.core.imports.VaeFiles;
import org.vaescope.core.runtime.Nd4jRuntime;
import org.vaescope.core.store.ModelFile;
import org.vaescope.core.store.ModelFileException;
import org.vaescope.core.store.ModelMetadata;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.Likelihood;
import org.vaescope.core.vae.VaeHooks;
import org.vaescope.core.vae.VaeModel;
import org.vaescope.core.vae.Variant;
import org.vaescope.core.vae.VariantConfig;

/**
 * Times importing the spec's 64×64 conv VAE from ONNX against loading the same weights from a
 * {@code .vsm}, and one encoder forward pass (image → μ) of each, in one run; the same for the DL4J zips
 * and SameDiff files of those weights when DIR holds them. Arguments: DIR holding
 * {@code bench_encoder.onnx} and {@code bench_decoder.onnx} (written by
 * {@code releng/fixtures/export_onnx.py --bench DIR}) and optionally {@code bench_encoder.zip},
 * {@code bench_decoder.zip}, {@code bench_encoder.fb}, {@code bench_decoder.fb} (written from them by the
 * core tests' {@code ForeignBenchModelsTest} with {@code -Dvaescope.writeBenchModels=DIR})
 * and {@code bench_encoder.h5}, {@code bench_decoder.h5} (the same weights in Keras' layout,
 * {@code releng/fixtures/keras/bench_h5.py DIR}) [batch (64)] [repetitions (20)].
 */
public final class ImportBenchmark {

    private ImportBenchmark() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            throw new IllegalArgumentException("benchmark import needs the folder of bench_encoder.onnx and"
                    + " bench_decoder.onnx (releng/fixtures/export_onnx.py --bench DIR)");
        }
        Path dir = Path.of(args[0]);
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int repetitions = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Nd4jRuntime.ensureStarted();
        ImportedVae imported = open(dir, ".onnx");
        double importSeconds = seconds(repetitions, () -> open(dir, ".onnx"));
        Architecture architecture = Architecture.conv(1, 64, 64, 10);
        VariantConfig variant = VariantConfig.of(Variant.VAE);
        Path vsm = saveAsVsm(imported.rebuild(architecture, variant, Likelihood.BERNOULLI), architecture, variant);
        VaeModel native_ = load(vsm);
        double loadSeconds = seconds(repetitions, () -> load(vsm));

        Map<String, StagedModel> encoders = new LinkedHashMap<>();
        Map<String, double[]> opening = new LinkedHashMap<>();
        encoders.put("VAEScope", native_.graph());
        opening.put("VAEScope", new double[] {loadSeconds});
        encoders.put("ONNX", imported.graph());
        opening.put("ONNX", new double[] {importSeconds});
        for (String[] format : new String[][] {{"DL4J zip", ".zip"}, {"Keras", ".h5"}, {"SameDiff", ".fb"}}) {
            if (java.nio.file.Files.isRegularFile(dir.resolve("bench_encoder" + format[1]))) {
                encoders.put(format[0], open(dir, format[1]).graph());
                opening.put(format[0], new double[] {seconds(repetitions, () -> open(dir, format[1]))});
            } else {
                System.out.printf(Locale.ROOT, "%s: no bench_encoder%s in %s, not measured%n", format[0], format[1], dir);
            }
        }
        INDArray images = images(batch);
        Map<String, Double> forward = medianEncoderPasses(encoders, images, repetitions);
        INDArray mu = native_.encodeMean(images);
        System.out.printf(Locale.ROOT, "model: %s from %s; batch %d; %d repetitions; backend %s%n", architecture,
                dir, batch, repetitions, Nd4jRuntime.backendName());
        System.out.println("open: encoder + decoder files, mean; encoder forward (image → μ): median of passes taken in"
                + " turn; the .vsm (VAEScope) is the baseline of both ratios");
        for (String format : encoders.keySet()) {
            double open = opening.get(format)[0];
            double pass = forward.get(format);
            double difference = encode(encoders.get(format), images).sub(mu).amaxNumber().doubleValue();
            System.out.printf(Locale.ROOT, "%-8s open %7.1f ms (ratio %.2f); encoder forward %7.2f ms (ratio %.2f);"
                    + " largest |mu difference| %.2e%n", format, open * 1e3, open / loadSeconds, pass * 1e3,
                    pass / forward.get("VAEScope"), difference);
        }
    }

    /**
     * Median seconds per encoder pass of each model: after three warm-up passes each, the models take turns,
     * one pass each per round, so that drift of the machine's speed falls on all alike.
     */
    private static Map<String, Double> medianEncoderPasses(Map<String, StagedModel> encoders, INDArray images,
            int repetitions) {
        Map<String, double[]> times = new LinkedHashMap<>();
        for (Map.Entry<String, StagedModel> e : encoders.entrySet()) {
            for (int r = 0; r < 3; r++) {
                encode(e.getValue(), images);
            }
            times.put(e.getKey(), new double[repetitions]);
        }
        for (int r = 0; r < repetitions; r++) {
            for (Map.Entry<String, StagedModel> e : encoders.entrySet()) {
                long t = System.nanoTime();
                encode(e.getValue(), images);
                times.get(e.getKey())[r] = (System.nanoTime() - t) / 1e9;
            }
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        times.forEach((format, seconds) -> {
            double[] sorted = seconds.clone();
            java.util.Arrays.sort(sorted);
            medians.put(format, sorted[sorted.length / 2]);
        });
        return medians;
    }

    /** Seconds per call of {@code work}, averaged over {@code repetitions} calls. */
    private static double seconds(int repetitions, Runnable work) {
        long t = System.nanoTime();
        for (int r = 0; r < repetitions; r++) {
            work.run();
        }
        return (System.nanoTime() - t) / 1e9 / repetitions;
    }

    /** The bench VAE saved in the format of {@code extension} (the files bench_encoder and bench_decoder). */
    private static ImportedVae open(Path dir, String extension) {
        try {
            return (ImportedVae) VaeFiles.open(dir.resolve("bench_encoder" + extension),
                    dir.resolve("bench_decoder" + extension)).model();
        } catch (ModelFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static Path saveAsVsm(VaeModel model, Architecture architecture, VariantConfig variant) {
        try {
            Path file = java.nio.file.Files.createTempFile("vaescope-import-bench", ModelFile.EXTENSION);
            file.toFile().deleteOnExit();
            ModelFile.save(file, model, ModelMetadata.of(variant, architecture, Likelihood.BERNOULLI, "benchmark",
                    List.of(), 0, 1, 1, 0, java.util.Map.of()));
            return file;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot write the baseline model: " + e.getMessage(), e);
        }
    }

    private static VaeModel load(Path vsm) {
        try {
            return ModelFile.load(vsm).model();
        } catch (ModelFileException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static INDArray images(int batch) {
        SplittableRandom random = new SplittableRandom(1);
        float[] pixels = new float[batch * 64 * 64];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) random.nextDouble();
        }
        return Nd4j.create(pixels, new long[] {batch, 1, 64, 64}, DataType.FLOAT);
    }

    private static INDArray encode(StagedModel graph, INDArray images) {
        return graph.forward(java.util.Map.of(VaeHooks.INPUT, images), List.of(VaeHooks.LATENT_MU), List.of(),
                StageContext.deterministic(), false).activations().get(VaeHooks.LATENT_MU);
    }
}
