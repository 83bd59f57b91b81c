package org.vaescope.core.data;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;

import org.vaescope.core.runtime.InputFiles;
import org.vaescope.core.internal.data.ByteImages;
import org.vaescope.core.internal.data.Hdf5Images;
import org.vaescope.core.internal.data.ImageSource;

/**
 * Loads 3DShapes ({@code 3dshapes.h5}): datasets {@code images} (uint8, N×64×64×3) and
 * {@code labels} (float64, N×6), read with the pure-Java HDF5 library jhdf.
 * <p>
 * Factors and their label values (the official grids): floorHue 10 (0, 0.1, …, 0.9), wallHue 10,
 * objectHue 10 (same values), scale 8 (linspace(0.75, 1.25, 8)), shape 4 (0, 1, 2, 3), orientation
 * 15 (linspace(−30, 30, 15)). Each label is mapped to the class of the nearest official value and
 * must lie within 1% of a grid step of it. Rows may be any subset in any order. Files whose images
 * take at most {@value #IN_MEMORY_LIMIT_MIB} MiB are read into memory and closed; larger files (the
 * full 480,000 images) stay open and each image is read on demand — close the dataset when done.
 * int8 images (what jhdf's own writer produces) are accepted and taken as unsigned bytes.
 */
public final class ThreeDShapesH5 {

    /** Largest image data read into memory at load time, in MiB. */
    public static final int IN_MEMORY_LIMIT_MIB = 512;
    private static final String[] NAMES = {"floorHue", "wallHue", "objectHue", "scale", "shape", "orientation"};
    private static final List<Factor> FACTORS = List.of(
            new Factor(NAMES[0], DSpritesDataset.linspace(0, 0.9, 10)),
            new Factor(NAMES[1], DSpritesDataset.linspace(0, 0.9, 10)),
            new Factor(NAMES[2], DSpritesDataset.linspace(0, 0.9, 10)),
            new Factor(NAMES[3], DSpritesDataset.linspace(0.75, 1.25, 8)),
            new Factor(NAMES[4], new double[] {0, 1, 2, 3}),
            new Factor(NAMES[5], DSpritesDataset.linspace(-30, 30, 15)));
    private static final int BATCH = 256;

    private ThreeDShapesH5() {
    }

    /** The 3DShapes factors with their official values. */
    public static List<Factor> factors() {
        return FACTORS;
    }

    /** Reads the file; see the class comment. */
    public static TabulatedFactorDataset load(Path path) throws IOException {
        return load(path, (long) IN_MEMORY_LIMIT_MIB << 20);
    }

    /** Reads the file, keeping it open for on-demand reading if its images exceed {@code inMemoryLimit} bytes. */
    static TabulatedFactorDataset load(Path path, long inMemoryLimit) throws IOException {
        InputFiles.requireRegularFile(path);
        HdfFile file;
        try {
            file = new HdfFile(path);
        } catch (RuntimeException | OutOfMemoryError e) {
            // jhdf fails on damaged files with whatever its parser meets (HdfException, buffer underflows, ...),
            // and sizes arrays by what the file declares: the JVM refuses impossible ones before allocating
            throw new DatasetFormatException(path + ": not a readable HDF5 file (damaged or truncated) — export it "
                    + "again with h5py");
        }
        boolean keepOpen = false;
        try {
            Dataset images = dataset(file, "images", path);
            Dataset labels = dataset(file, "labels", path);
            int[] dims = images.getDimensions();
            if (dims.length != 4 || dims[3] != 3) {
                throw new DatasetFormatException(path + " [images]: expected shape (N, H, W, 3), found " + Arrays.toString(dims));
            }
            Class<?> type = images.getJavaType();
            if (type != byte.class && type != int.class && type != short.class) {
                throw new DatasetFormatException(path + " [images]: expected 8-bit integer images, found " + type);
            }
            int rows = dims[0];
            int[] classes = classes(labels, rows, path);
            long bytes = (long) rows * dims[1] * dims[2] * 3;
            ImageSource source;
            if (bytes <= inMemoryLimit) {
                source = readAll(images, dims, path + " [images]");
            } else {
                source = new Hdf5Images(file, images, path + " [images]");
                keepOpen = true;
            }
            return new TabulatedFactorDataset("3dshapes", 3, dims[1], dims[2], false, FACTORS, classes, source);
        } catch (HdfException | IllegalArgumentException e) {
            throw new DatasetFormatException(path + ": " + e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            throw new DatasetFormatException(path + ": the HDF5 content is damaged or truncated — export it again "
                    + "with h5py");
        } finally {
            if (!keepOpen) {
                file.close();
            }
        }
    }

    private static Dataset dataset(HdfFile file, String name, Path path) throws DatasetFormatException {
        Node node = file.getChildren().get(name);
        if (!(node instanceof Dataset dataset)) {
            throw new DatasetFormatException(path + ": no dataset '" + name + "' (found: " + file.getChildren().keySet() + ")");
        }
        return dataset;
    }

    private static ByteImages readAll(Dataset images, int[] dims, String where) {
        int rows = dims[0];
        ByteImages store = new ByteImages(rows, 3, dims[1], dims[2], true, where);
        byte[] buffer = new byte[BATCH * store.imageBytes()];
        for (int from = 0; from < rows; from += BATCH) {
            int n = Math.min(BATCH, rows - from);
            Object slice = images.getData(new long[] {from, 0, 0, 0}, new int[] {n, dims[1], dims[2], dims[3]});
            Hdf5Images.flattenUnsigned(slice, buffer, 0, where);
            for (int i = 0; i < n; i++) {
                store.put(from + i, buffer, i * store.imageBytes());
            }
        }
        return store;
    }

    private static int[] classes(Dataset labels, int rows, Path path) throws DatasetFormatException {
        int[] dims = labels.getDimensions();
        if (dims.length != 2 || dims[0] != rows || dims[1] != NAMES.length) {
            throw new DatasetFormatException(path + " [labels]: expected shape (" + rows + ", 6), found " + Arrays.toString(dims));
        }
        Object flat = labels.getDataFlat();
        if (!flat.getClass().isArray() || !flat.getClass().getComponentType().isPrimitive()) {
            throw new DatasetFormatException(path + " [labels]: expected numeric labels, found " + labels.getJavaType());
        }
        int[] classes = new int[rows * NAMES.length];
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < NAMES.length; f++) {
                double value = Array.getDouble(flat, r * NAMES.length + f);
                classes[r * NAMES.length + f] = classOf(FACTORS.get(f), value, path, r);
            }
        }
        return classes;
    }

    /** The class of the official value nearest to {@code value}, which must be within 1% of a step. */
    static int classOf(Factor factor, double value, Path path, int row) throws DatasetFormatException {
        double[] grid = factor.values();
        double step = grid[1] - grid[0];
        int best = (int) Math.round((value - grid[0]) / step);
        if (!Double.isFinite(value)) {
            throw new DatasetFormatException(path + " [labels]: row " + row + ", column " + factor.name() + " is "
                    + value + " — every label must be one of the 3DShapes values; repair or drop that row");
        }
        if (best < 0 || best >= grid.length || Math.abs(grid[best] - value) > 0.01 * step) {
            List<Double> allowed = new ArrayList<>();
            for (double g : grid) {
                allowed.add(Math.round(g * 1e4) / 1e4);
            }
            throw new DatasetFormatException(path + " [labels]: row " + row + " " + factor.name() + " = " + value
                    + " is not one of the 3DShapes values " + allowed);
        }
        return best;
    }
}
