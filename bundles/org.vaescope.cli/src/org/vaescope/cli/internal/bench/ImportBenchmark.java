package org.vaescope.cli.internal.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaescope.core.hooks.StageContext;
import org.vaescope.core.hooks.StagedModel;
import org.vaescope.core.imports.ImportedVae;
import org.vaescope.core.imports.KerasImport;
import org.vaescope.core.imports.OnnxImport;
import org.vaescope.core.model.ModelLoadException;
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
 * {@code .vsm}, and one encoder forward pass (image → μ) of each, in one run. Arguments: DIR holding
 * {@code bench_encoder.onnx} and {@code bench_decoder.onnx} (written by
 * {@code releng/fixtures/export_onnx.py --bench DIR}) [batch (64)] [repetitions (20)]; with
 * {@code bench_encoder.h5} and {@code bench_decoder.h5} beside them ({@code releng/fixtures/keras/bench_h5.py
 * DIR}, the same weights saved in Keras' layout) the Keras import too.
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
        Path encoder = dir.resolve("bench_encoder.onnx");
        Path decoder = dir.resolve("bench_decoder.onnx");
        ImportedVae imported = open(encoder, decoder);
        long t0 = System.nanoTime();
        for (int r = 0; r < repetitions; r++) {
            imported = open(encoder, decoder);
        }
        double importSeconds = (System.nanoTime() - t0) / 1e9 / repetitions;
        Architecture architecture = Architecture.conv(1, 64, 64, 10);
        VariantConfig variant = VariantConfig.of(Variant.VAE);
        Path vsm = saveAsVsm(imported.rebuild(architecture, variant, Likelihood.BERNOULLI), architecture, variant);
        VaeModel native_ = load(vsm);
        long t1 = System.nanoTime();
        for (int r = 0; r < repetitions; r++) {
            native_ = load(vsm);
        }
        double loadSeconds = (System.nanoTime() - t1) / 1e9 / repetitions;

        Path kerasEncoder = dir.resolve("bench_encoder.h5");
        Path kerasDecoder = dir.resolve("bench_decoder.h5");
        boolean keras = java.nio.file.Files.isRegularFile(kerasEncoder);
        ImportedVae kerasVae = keras ? openKeras(kerasEncoder, kerasDecoder) : null;
        double kerasSeconds = 0;
        if (keras) {
            long t2 = System.nanoTime();
            for (int r = 0; r < repetitions; r++) {
                kerasVae = openKeras(kerasEncoder, kerasDecoder);
            }
            kerasSeconds = (System.nanoTime() - t2) / 1e9 / repetitions;
        }

        INDArray images = images(batch);
        List<StagedModel> graphs = keras ? List.of(imported.graph(), native_.graph(), kerasVae.graph())
                : List.of(imported.graph(), native_.graph());
        double[] forward = medianForwards(graphs, images, repetitions);
        System.out.printf(Locale.ROOT, "model: %s from %s; batch %d; %d repetitions; backend %s%n", architecture,
                dir, batch, repetitions, Nd4jRuntime.backendName());
        System.out.printf(Locale.ROOT, "import (encoder + decoder files):   %8.1f ms%n", importSeconds * 1e3);
        System.out.printf(Locale.ROOT, "load the same weights as .vsm (baseline): %6.1f ms; ratio import / load %.2f%n",
                loadSeconds * 1e3, importSeconds / loadSeconds);
        System.out.printf(Locale.ROOT, "encoder forward (median of %d interleaved rounds), imported: %6.2f ms%n", ROUNDS,
                forward[0] * 1e3);
        System.out.printf(Locale.ROOT, "encoder forward, VAEScope (baseline):%6.2f ms%n", forward[1] * 1e3);
        System.out.printf(Locale.ROOT, "ratio imported / VAEScope forward: %.2f; largest |mu difference| %.2e%n",
                forward[0] / forward[1], muDifference(imported.graph(), native_, images));
        if (keras) {
            System.out.printf(Locale.ROOT, "Keras import (.h5 encoder + decoder): %6.1f ms; ratio to .vsm load %.2f%n",
                    kerasSeconds * 1e3, kerasSeconds / loadSeconds);
            System.out.printf(Locale.ROOT, "encoder forward, Keras import:       %6.2f ms; ratio to VAEScope %.2f;"
                    + " largest |mu difference| %.2e%n", forward[2] * 1e3, forward[2] / forward[1],
                    muDifference(kerasVae.graph(), native_, images));
        }
    }

    private static final int ROUNDS = 5;

    /**
     * Seconds per encoder pass of each graph, the median over rounds that time every graph in turn, so
     * that warming up and the machine's load affect them alike.
     */
    private static double[] medianForwards(List<StagedModel> graphs, INDArray images, int repetitions) {
        double[][] rounds = new double[graphs.size()][ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            for (int g = 0; g < graphs.size(); g++) {
                rounds[g][round] = encoderForward(graphs.get(g), images, repetitions);
            }
        }
        double[] medians = new double[graphs.size()];
        for (int g = 0; g < graphs.size(); g++) {
            java.util.Arrays.sort(rounds[g]);
            medians[g] = rounds[g][ROUNDS / 2];
        }
        return medians;
    }

    private static double muDifference(StagedModel graph, VaeModel native_, INDArray images) {
        return encode(graph, images).sub(native_.encodeMean(images)).amaxNumber().doubleValue();
    }

    private static ImportedVae openKeras(Path encoder, Path decoder) {
        try {
            return KerasImport.open(encoder, decoder);
        } catch (ModelLoadException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static ImportedVae open(Path encoder, Path decoder) {
        try {
            return OnnxImport.open(encoder, decoder);
        } catch (ModelLoadException e) {
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

    /** Seconds per encoder pass (image → μ), after two warm-up passes. */
    private static double encoderForward(StagedModel graph, INDArray images, int repetitions) {
        for (int r = 0; r < 2; r++) {
            encode(graph, images);
        }
        long t = System.nanoTime();
        for (int r = 0; r < repetitions; r++) {
            encode(graph, images);
        }
        return (System.nanoTime() - t) / 1e9 / repetitions;
    }

    private static INDArray encode(StagedModel graph, INDArray images) {
        return graph.forward(java.util.Map.of(VaeHooks.INPUT, images), List.of(VaeHooks.LATENT_MU), List.of(),
                StageContext.deterministic(), false).activations().get(VaeHooks.LATENT_MU);
    }
}
