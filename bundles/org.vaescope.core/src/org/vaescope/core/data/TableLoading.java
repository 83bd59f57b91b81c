package org.vaescope.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.vaescope.core.numpy.DType;
import org.vaescope.core.numpy.NdArray;
import org.vaescope.core.numpy.NpyHeader;

/** Checks and conversions shared by the file loaders. */
final class TableLoading {

    private TableLoading() {
    }

    /** Requires an integer array of shape (rows, columns) and returns it as ints. */
    static int[] intTable(NdArray array, int columns, String where) throws DatasetFormatException {
        requireShape(array.shape(), columns, where);
        if (!array.dtype().isIntegral()) {
            throw new DatasetFormatException(where + ": expected an integer array, found dtype " + array.dtype().code());
        }
        try {
            return array.toIntArray();
        } catch (ArithmeticException e) {
            throw new DatasetFormatException(where + ": " + e.getMessage());
        }
    }

    static void requireShape(int[] shape, int columns, String where) throws DatasetFormatException {
        if (shape.length != 2 || shape[1] != columns) {
            throw new DatasetFormatException(where + ": expected shape (N, " + columns + "), found " + Arrays.toString(shape));
        }
    }

    /** Requires a uint8 image array (N, dims...) with the given trailing dimensions (-1 = any). */
    static void requireImages(NpyHeader header, int rows, int[] trailing, String where) throws DatasetFormatException {
        int[] shape = header.shape();
        boolean ok = shape.length == trailing.length + 1 && (rows < 0 || shape[0] == rows);
        for (int d = 0; ok && d < trailing.length; d++) {
            ok = trailing[d] < 0 || shape[d + 1] == trailing[d];
        }
        if (!ok) {
            throw new DatasetFormatException(where + ": expected image array of shape (" + (rows < 0 ? "N" : rows)
                    + dims(trailing) + "), found " + Arrays.toString(shape));
        }
        if (header.dtype() != DType.UINT8 && header.dtype() != DType.BOOL && header.dtype() != DType.INT8) {
            throw new DatasetFormatException(where + ": expected uint8 images, found dtype " + header.dtype().code());
        }
    }

    private static String dims(int[] trailing) {
        StringBuilder b = new StringBuilder();
        for (int t : trailing) {
            b.append(", ").append(t < 0 ? "?" : Integer.toString(t));
        }
        return b.toString();
    }

    /** Row-major C-order unravel of every index 0..count-1 over {@code sizes}. */
    static int[] completeGrid(int[] sizes) {
        int count = 1;
        for (int s : sizes) {
            count = Math.multiplyExact(count, s);
        }
        int k = sizes.length;
        int[] table = new int[Math.multiplyExact(count, k)];
        for (int r = 0; r < count; r++) {
            int rest = r;
            for (int f = k - 1; f >= 0; f--) {
                table[r * k + f] = rest % sizes[f];
                rest /= sizes[f];
            }
        }
        return table;
    }

    /** Factors whose values are the class indices. */
    static List<Factor> indexFactors(String[] names, int[] sizes) {
        List<Factor> factors = new ArrayList<>();
        for (int f = 0; f < names.length; f++) {
            double[] values = new double[sizes[f]];
            for (int c = 0; c < sizes[f]; c++) {
                values[c] = c;
            }
            factors.add(new Factor(names[f], values));
        }
        return factors;
    }
}
