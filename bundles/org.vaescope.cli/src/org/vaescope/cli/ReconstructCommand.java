package org.vaescope.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.interpreter.ScriptPreflight;
import org.vaescope.core.interventions.ImageGrid;
import org.vaescope.core.runtime.Floats;
import org.vaescope.core.imports.VaeFiles;
import org.vaescope.core.vae.HookedVae;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code reconstruct MODEL --dataset SPEC --out GRID.png [--n 8] [--seed S]}: writes a grid
 * with dataset images on the top row and their reconstructions σ(D(μ(x))) below, and prints the
 * mean per-pixel absolute error.
 */
@Command(name = "reconstruct", description = "inputs over their reconstructions, as a PNG grid")
final class ReconstructCommand implements Callable<Integer> {

    @ParentCommand
    VaescopeCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "MODEL", description = "a model trained by 'train' (.vsm) or an ONNX or DL4J VAE (its"
            + " encoder file when the decoder is saved beside it as *decoder*)")
    Path model;

    @Option(names = "--dataset", required = true, paramLabel = "DATA", description = "the images to reconstruct")
    String dataset;

    @Option(names = "--out", required = true, paramLabel = "GRID.png", description = "the PNG to write")
    Path target;

    @Option(names = "--n", defaultValue = "8", paramLabel = "N", description = "images in the grid (default 8)")
    long count;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "which images (default 0)")
    long seed;

    @Override
    public Integer call() throws IOException {
        int n = Counts.positive(spec, "--n", count, Counts.MAX_GRID_COLUMNS);
        OutputChecks.requireWritableFile(target);
        HookedVae vae = VaeFiles.open(model).model();
        FactorDataset data = DatasetSpecs.open(dataset);
        requireMatchingImages(model, vae, data);
        int[][] classes = data.sampleFactors(n, new SplittableRandom(seed));
        float[] originals = data.renderAll(classes);
        INDArray images = Floats.array(originals, n, data.channels(), data.height(), data.width());
        float[] reconstructions = Floats.of(vae.reconstruct(images));
        float[] pixels = new float[originals.length * 2];
        System.arraycopy(originals, 0, pixels, 0, originals.length);
        System.arraycopy(reconstructions, 0, pixels, originals.length, originals.length);
        ImageGrid grid = new ImageGrid(2, n, data.channels(), data.height(), data.width(), pixels,
                new String[] {"input", "reconstruction"}, new double[n]);
        grid.writePng(target, 2);
        double error = 0;
        for (int i = 0; i < originals.length; i++) {
            error += Math.abs(originals[i] - reconstructions[i]);
        }
        cli.out().printf("reconstruction grid written to %s (mean absolute pixel error %.4f)%n", target,
                error / originals.length);
        return VaescopeCli.OK;
    }

    /** Refuses, before any forward pass, images of another size or colour than the model was trained on. */
    static void requireMatchingImages(Path model, HookedVae vae, FactorDataset data) {
        int[] shape = vae.imageShape();
        int[] given = {data.channels(), data.height(), data.width()};
        if (!Arrays.equals(shape, given)) {
            throw new InputException(model + ": the model expects " + ScriptPreflight.imageText(shape)
                    + " images but the dataset " + data.name() + " has " + ScriptPreflight.imageText(given)
                    + " images — use a dataset of the model's image size (e.g. dsprites:size=" + shape[1] + ")");
        }
    }
}
