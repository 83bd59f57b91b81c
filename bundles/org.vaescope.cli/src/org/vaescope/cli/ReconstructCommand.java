package org.vaescope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.runtime.Floats;
import org.vaescope.core.interventions.ImageGrid;
import org.vaescope.core.store.ModelFile;
import org.vaescope.core.store.SavedModel;

/**
 * {@code reconstruct MODEL.vsm --dataset SPEC --out GRID.png [--n 8] [--seed S]}: writes a grid
 * with dataset images on the top row and their reconstructions σ(D(μ(x))) below, and prints the
 * mean per-pixel absolute error.
 */
final class ReconstructCommand {

    private static final Set<String> OPTIONS = Set.of("dataset", "out", "n", "seed");

    private ReconstructCommand() {
    }

    static int run(String[] argv, PrintStream out) throws IOException, Args.UsageException {
        Args args = Args.parse(argv, OPTIONS);
        if (args.positionals().size() != 1) {
            throw new Args.UsageException("reconstruct takes one model file");
        }
        SavedModel saved = ModelFile.load(Path.of(args.positionals().get(0)));
        FactorDataset dataset = DatasetSpecs.open(args.required("dataset"));
        int n = (int) args.longOption("n", 8);
        int[][] classes = dataset.sampleFactors(n, new SplittableRandom(args.longOption("seed", 0)));
        float[] originals = dataset.renderAll(classes);
        INDArray images = Floats.array(originals, n, dataset.channels(), dataset.height(), dataset.width());
        float[] reconstructions = Floats.of(saved.model().reconstruct(images));
        if (reconstructions.length != originals.length) {
            throw new IOException("model " + saved.file() + " expects images of shape "
                    + java.util.Arrays.toString(saved.metadata().imageShape()) + ", dataset gives "
                    + dataset.channels() + "×" + dataset.height() + "×" + dataset.width());
        }
        float[] pixels = new float[originals.length * 2];
        System.arraycopy(originals, 0, pixels, 0, originals.length);
        System.arraycopy(reconstructions, 0, pixels, originals.length, originals.length);
        ImageGrid grid = new ImageGrid(2, n, dataset.channels(), dataset.height(), dataset.width(), pixels,
                new String[] {"input", "reconstruction"}, new double[n]);
        Path target = Path.of(args.required("out"));
        grid.writePng(target, 2);
        double error = 0;
        for (int i = 0; i < originals.length; i++) {
            error += Math.abs(originals[i] - reconstructions[i]);
        }
        out.printf("reconstruction grid written to %s (mean absolute pixel error %.4f)%n", target,
                error / originals.length);
        return VaescopeCli.OK;
    }
}
