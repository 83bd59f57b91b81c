package org.vaescope.core.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.vaescope.core.internal.data.ByteImages;
import org.vaescope.core.numpy.NpyHeader;
import org.vaescope.core.numpy.Npz;

/**
 * Loads MPI3D ({@code mpi3d_toy}, {@code _realistic}, {@code _real}) from an {@code .npz} with
 * {@code images} (uint8, N×64×64×3).
 * <p>
 * Factors (values are the class indices): object color 6, object shape 6, object size 2, camera
 * height 3, background color 3, horizontal axis 40, vertical axis 40. Classes come from an integer
 * N×7 array named {@code latents_classes} (or {@code classes}) if the file has one, so a subset of
 * the grid in any order can be used; without it the file must hold the full grid of 1,036,800
 * images in C order over the factors above, as the official files do. Images are held in memory
 * (12 KiB each: the full grid needs 12 GiB of heap).
 */
public final class Mpi3dNpz {

    private static final String[] NAMES = {"objectColor", "objectShape", "objectSize", "cameraHeight",
        "backgroundColor", "horizontalAxis", "verticalAxis"};
    private static final int[] SIZES = {6, 6, 2, 3, 3, 40, 40};
    /** Images in the full grid. */
    public static final int FULL_COUNT = 1_036_800;

    private Mpi3dNpz() {
    }

    /** The MPI3D factors, in order. */
    public static List<Factor> factors() {
        return TableLoading.indexFactors(NAMES, SIZES);
    }

    /** Reads the file; see the class comment. */
    public static TabulatedFactorDataset load(Path file) throws IOException {
        try (Npz npz = Npz.open(file)) {
            if (!npz.contains("images")) {
                throw new DatasetFormatException(file + ": MPI3D npz has no 'images' array (keys: " + npz.keys() + ")");
            }
            NpyHeader header = npz.header("images");
            TableLoading.requireImages(header, -1, new int[] {64, 64, 3}, file + " [images]");
            int rows = header.shape()[0];
            int[] classes = classes(npz, rows, file);
            ByteImages images = new ByteImages(rows, 3, 64, 64, true, file + ": " + rows + " MPI3D images");
            npz.readRecords("images", (r, record) -> images.put((int) r, record.array(), 0));
            return new TabulatedFactorDataset("mpi3d", 3, 64, 64, false, factors(), classes, images);
        }
    }

    private static int[] classes(Npz npz, int rows, Path file) throws IOException {
        for (String key : List.of("latents_classes", "classes")) {
            if (npz.contains(key)) {
                int[] classes = TableLoading.intTable(npz.array(key), SIZES.length, file + " [" + key + "]");
                if (classes.length / SIZES.length != rows) {
                    throw new DatasetFormatException(file + ": '" + key + "' has " + classes.length / SIZES.length
                            + " rows but 'images' has " + rows);
                }
                return classes;
            }
        }
        if (rows != FULL_COUNT) {
            throw new DatasetFormatException(file + ": 'images' has " + rows + " images, not the full grid of " + FULL_COUNT
                    + "; a subset file needs an N×7 'latents_classes' array");
        }
        return TableLoading.completeGrid(SIZES);
    }
}
