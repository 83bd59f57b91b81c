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

    /**
     * A matrix and where its values came from.
     *
     * @param source the file as given (with {@code :KEY} for an archive entry)
     * @param values rows × columns, at least one of each
     * @param lines the line of each row in a text file, or null for binary arrays
     */
    record Matrix(String source, double[][] values, int[] lines) {

        /** {@code FILE[:LINE]: row R, column C} (1-based), the same for every file type. */
        String place(int row, int column) {
            return source + (lines == null ? "" : ":" + lines[row]) + ": row " + (row + 1) + ", column " + (column + 1);
        }

        int rows() {
            return values.length;
        }
    }

    private MatrixFiles() {
    }

    static Matrix read(String spec) throws IOException {
        String lower = spec.toLowerCase(Locale.ROOT);
        int keyAt = lower.lastIndexOf(".npz:");
        InputFiles.requireRegularFile(Path.of(keyAt >= 0 ? spec.substring(0, keyAt + 4) : spec));
        if (lower.endsWith(".csv") || lower.endsWith(".txt")) {
            CodesCsv.Table table = CodesCsv.read(Path.of(spec));
            return new Matrix(spec, table.values(), table.lines());
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

    private static Matrix toMatrix(NdArray array, String source) throws IOException {
        int[] shape = array.shape();
        if (shape.length != 2 && shape.length != 1) {
            throw new IOException(source + ": expected a 2-D array (samples × columns), got shape "
                    + java.util.Arrays.toString(shape));
        }
        int rows = shape[0];
        int cols = shape.length == 2 ? shape[1] : 1;
        if (rows == 0 || cols == 0) {
            throw new IOException(source + ": the array has shape " + java.util.Arrays.toString(shape)
                    + " — it needs at least one row (sample) and one column");
        }
        double[][] matrix = new double[rows][cols];
        Matrix result = new Matrix(source, matrix, null);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double value = array.getDouble(r * cols + c);
                if (!Double.isFinite(value)) {
                    throw new IOException(result.place(r, c) + " is " + value
                            + " — every value must be a finite number; repair or drop that row");
                }
                matrix[r][c] = value;
            }
        }
        return result;
    }
}
