package org.vaescope.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.vaescope.core.numpy.NdArray;
import org.vaescope.core.numpy.Npy;
import org.vaescope.core.numpy.Npz;
import org.vaescope.core.runtime.InputFiles;

/**
 * Reads an N×d matrix from a {@code .npy} file, a {@code .npz} archive ({@code file.npz} holding one
 * array, or {@code file.npz:key}) or a CSV file.
 */
final class MatrixFiles {

    private MatrixFiles() {
    }

    static double[][] read(String spec) throws IOException {
        String lower = spec.toLowerCase(Locale.ROOT);
        int keyAt = lower.lastIndexOf(".npz:");
        InputFiles.requireRegularFile(Path.of(keyAt >= 0 ? spec.substring(0, keyAt + 4) : spec));
        if (lower.endsWith(".csv") || lower.endsWith(".txt")) {
            return CodesCsv.read(Path.of(spec)).values();
        }
        if (lower.endsWith(".npy")) {
            return toMatrix(Npy.read(Path.of(spec)), spec);
        }
        int colon = lower.lastIndexOf(".npz:");
        if (colon >= 0) {
            String file = spec.substring(0, colon + 4);
            String key = spec.substring(colon + 5);
            try (Npz npz = Npz.open(Path.of(file))) {
                return toMatrix(npz.array(key), spec);
            }
        }
        if (lower.endsWith(".npz")) {
            try (Npz npz = Npz.open(Path.of(spec))) {
                List<String> keys = npz.keys();
                if (keys.size() != 1) {
                    throw new IOException(spec + ": holds arrays " + keys + "; name one as " + spec + ":KEY");
                }
                return toMatrix(npz.array(keys.get(0)), spec);
            }
        }
        throw new IOException(spec + ": unknown file type (expected .npy, .npz, .npz:KEY or .csv)");
    }

    private static double[][] toMatrix(NdArray array, String source) throws IOException {
        int[] shape = array.shape();
        if (shape.length != 2 && shape.length != 1) {
            throw new IOException(source + ": expected a 2-D array (samples × columns), got shape "
                    + java.util.Arrays.toString(shape));
        }
        int rows = shape[0];
        int cols = shape.length == 2 ? shape[1] : 1;
        double[][] matrix = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double value = array.getDouble(r * cols + c);
                if (!Double.isFinite(value)) {
                    throw new IOException(source + ": row " + r + ", column " + c + " is " + value
                            + " — every value must be a finite number; repair or drop that row");
                }
                matrix[r][c] = value;
            }
        }
        return matrix;
    }
}
