package org.vaescope.core.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.vaescope.core.internal.data.BitImages;
import org.vaescope.core.numpy.NdArray;
import org.vaescope.core.numpy.NpyHeader;
import org.vaescope.core.numpy.Npz;

/**
 * Loads a dSprites {@code .npz} in the official layout: {@code imgs} (uint8 0/1, N×H×W),
 * {@code latents_classes} (integers, N×6) and optionally {@code latents_values} (floats, N×6).
 * Other keys (the official file's pickled {@code metadata}) are ignored, never unpickled.
 * <p>
 * The file may hold any subset of the grid in any order: the class → image map is built from
 * {@code latents_classes}. Factors keep the official names and class counts (larger if the file
 * has larger classes); a class's value is taken from {@code latents_values} when the file has it
 * (it must be the same in every row with that class), else the official value (NaN beyond the
 * official grid). Images are held in memory at one bit per pixel (360 MiB for the full 737,280
 * images at 64×64).
 */
public final class DSpritesNpz {

    private static final int FACTORS = 6;

    private DSpritesNpz() {
    }

    /** Reads the file; see the class comment for the accepted layout. */
    public static TabulatedFactorDataset load(Path file) throws IOException {
        try (Npz npz = Npz.open(file)) {
            for (String key : List.of("imgs", "latents_classes")) {
                if (!npz.contains(key)) {
                    throw new DatasetFormatException(file + ": dSprites npz has no '" + key + "' array (keys: " + npz.keys() + ")");
                }
            }
            int[] classes = TableLoading.intTable(npz.array("latents_classes"), FACTORS, file + " [latents_classes]");
            int rows = classes.length / FACTORS;
            double[] values = null;
            if (npz.contains("latents_values")) {
                NdArray v = npz.array("latents_values");
                TableLoading.requireShape(v.shape(), FACTORS, file + " [latents_values]");
                if (v.dim(0) != rows) {
                    throw new DatasetFormatException(file + ": latents_values has " + v.dim(0) + " rows, latents_classes " + rows);
                }
                values = v.toDoubleArray();
            }
            List<Factor> factors = factors(classes, values, rows, file);
            NpyHeader header = npz.header("imgs");
            TableLoading.requireImages(header, rows, new int[] {-1, -1}, file + " [imgs]");
            int height = header.shape()[1];
            int width = header.shape()[2];
            BitImages images = new BitImages(rows, height * width);
            npz.readRecords("imgs", (r, record) -> {
                for (int p = 0; record.hasRemaining(); p++) {
                    int value = record.get() & 0xFF;
                    if (value == 1) {
                        images.set((int) r, p);
                    } else if (value != 0) {
                        throw new DatasetFormatException(file + " [imgs]: image " + r + " pixel " + p + " has value " + value
                                + "; dSprites images must be 0/1");
                    }
                }
            });
            return new TabulatedFactorDataset("dsprites", 1, height, width, true, factors, classes, images);
        }
    }

    private static List<Factor> factors(int[] classes, double[] values, int rows, Path file) throws DatasetFormatException {
        List<Factor> official = DSpritesDataset.officialFactors();
        List<Factor> factors = new ArrayList<>();
        for (int f = 0; f < FACTORS; f++) {
            int max = -1;
            for (int r = 0; r < rows; r++) {
                max = Math.max(max, classes[r * FACTORS + f]);
            }
            Factor o = official.get(f);
            double[] v = new double[Math.max(o.size(), max + 1)];
            Arrays.fill(v, Double.NaN);
            System.arraycopy(o.values(), 0, v, 0, o.size());
            if (values != null) {
                observedValues(classes, values, rows, f, v, file);
            }
            factors.add(new Factor(o.name(), v));
        }
        return factors;
    }

    private static void observedValues(int[] classes, double[] values, int rows, int f, double[] v, Path file)
            throws DatasetFormatException {
        int[] firstRow = new int[v.length];
        Arrays.fill(firstRow, -1);
        for (int r = 0; r < rows; r++) {
            int c = classes[r * FACTORS + f];
            if (c < 0) {
                throw new DatasetFormatException(file + " [latents_classes]: row " + r + " has negative class " + c);
            }
            double value = values[r * FACTORS + f];
            if (firstRow[c] < 0) {
                firstRow[c] = r;
                v[c] = value;
            } else if (Math.abs(v[c] - value) > 1e-9 * Math.max(1, Math.abs(value))) {
                throw new DatasetFormatException(file + ": factor " + DSpritesDataset.officialFactors().get(f).name()
                        + " class " + c + " has value " + v[c] + " in row " + firstRow[c] + " but " + value + " in row " + r);
            }
        }
    }
}
