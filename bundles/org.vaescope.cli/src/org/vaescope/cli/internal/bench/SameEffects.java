package org.vaescope.cli.internal.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.hooks.StagedModel;
import org.vaescope.core.interventions.ActivationPatching;
import org.vaescope.core.interventions.Measure;
import org.vaescope.core.interventions.Pairs;
import org.vaescope.core.interventions.PatchingSweep;
import org.vaescope.core.numpy.NdArray;
import org.vaescope.core.numpy.Npz;
import org.vaescope.core.progress.ProgressMonitor;
import org.vaescope.core.runtime.Floats;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.Likelihood;
import org.vaescope.core.vae.VaeModel;
import org.vaescope.core.vae.Variant;
import org.vaescope.core.vae.VariantConfig;

/**
 * Same work, same numbers: the reference's {@code effect_checksum} — Σ over hook points, units, pairs
 * and latent dimensions of |μ(patched target) − μ(target)| — computed by PyTorch with the
 * reference's own sweep ({@code torch_effects.py} beside the reference, on the reference's model at a
 * fixed seed, untrained, because the reference does not save its trained weights) and by VAEScope's
 * sweep on the same weights and pairs.
 */
final class SameEffects {

    /** Agreement expected of two float32 engines summing 286,720 absolute differences in different orders. */
    static final double TOLERANCE = 1e-4;
    private static final String SCRIPT = "torch_effects.py";

    private SameEffects() {
    }

    /** Prints both checksums and whether they agree; says why when PyTorch cannot run. */
    static void report(String python, Path reference, Architecture architecture, List<String> hooks, int pairs) {
        Path script = reference.toAbsolutePath().resolveSibling(SCRIPT);
        Path weights = null;
        try {
            weights = Files.createTempFile("vaescope-torch-effects", ".npz");
            String output = Python.run(python, script, weights.toString(), "--pairs", Integer.toString(pairs));
            if (output == null) {
                return;
            }
            double torch = Python.number(new ObjectMapper().readTree(Python.lastLine(output)), "effect_checksum");
            double vaescope = checksum(architecture, Npz.readAll(weights), hooks);
            double difference = Math.abs(vaescope - torch) / Math.max(Math.abs(torch), Double.MIN_NORMAL);
            System.out.printf(Locale.ROOT, "same work, same numbers: effect checksum VAEScope %.6f, PyTorch %.6f "
                    + "(relative difference %.1e): %s%n", vaescope, torch, difference,
                    difference <= TOLERANCE ? "agree" : "DIFFER (more than " + TOLERANCE + ")");
        } catch (IOException e) {
            System.out.println("effect check skipped: " + e.getMessage());
        } finally {
            deleteQuietly(weights);
        }
    }

    /** VAEScope's sweep of every unit of {@code hooks} on the loaded model, summed as the reference sums. */
    static double checksum(Architecture architecture, Map<String, NdArray> arrays, List<String> hooks) {
        VaeModel model = VaeModel.create(architecture, VariantConfig.of(Variant.VAE), Likelihood.BERNOULLI, 0);
        StagedModel graph = model.graph();
        arrays.forEach((name, value) -> {
            if (!name.equals("base") && !name.equals("changed")) {
                graph.parameter(name).set((float[]) value.rawData());
            }
        });
        Pairs pairs = Pairs.of(images(arrays.get("base")), images(arrays.get("changed")), 0, "reference pairs");
        double sum = 0;
        for (int latent = 0; latent < architecture.latentSize(); latent++) {
            PatchingSweep sweep = ActivationPatching.sweep(model, pairs, hooks, Measure.latent(latent),
                    ActivationPatching.DEFAULT_MEMORY_BUDGET, ProgressMonitor.NONE);
            double[] target = sweep.targetValues();
            for (String hook : hooks) {
                for (double[] unit : sweep.patchedValues(hook)) {
                    for (int p = 0; p < target.length; p++) {
                        sum += Math.abs(unit[p] - target[p]);
                    }
                }
            }
        }
        return sum;
    }

    private static INDArray images(NdArray array) {
        int[] shape = array.shape();
        long[] longShape = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            longShape[i] = shape[i];
        }
        return Floats.array((float[]) array.rawData(), longShape);
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a temporary file left behind is harmless
        }
    }
}
