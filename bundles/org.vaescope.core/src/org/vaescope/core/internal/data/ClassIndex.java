package org.vaescope.core.internal.data;

import java.util.Arrays;

/**
 * Maps factor-class vectors to row numbers of a table of samples. Each vector is coded as its
 * C-order ravelled index over the factor sizes (ravel_multi_index); when row i has code i for every
 * row (a complete grid in C order, like dSprites) the map is the identity and costs no memory.
 * If several rows share a class vector, the first one is returned.
 */
public final class ClassIndex {

    private final int[] sizes;
    private final boolean identity;
    private final long[] sortedKeys;

    /**
     * @param sizes number of classes of each factor
     * @param rowClasses the class vectors of all rows, row after row (rows × sizes.length)
     */
    public ClassIndex(int[] sizes, int[] rowClasses) {
        this.sizes = sizes.clone();
        long combinations = 1;
        for (int s : sizes) {
            combinations *= s;
        }
        if (combinations > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many factor combinations (" + combinations + ") to index");
        }
        int k = sizes.length;
        int rows = rowClasses.length / k;
        boolean inOrder = rows == combinations;
        for (int r = 0; r < rows && inOrder; r++) {
            inOrder = code(rowClasses, r * k) == r;
        }
        this.identity = inOrder;
        if (inOrder) {
            sortedKeys = null;
        } else {
            sortedKeys = new long[rows];
            for (int r = 0; r < rows; r++) {
                sortedKeys[r] = (long) code(rowClasses, r * k) << 32 | r;
            }
            Arrays.sort(sortedKeys);
        }
    }

    /** True if row i holds the i-th combination in C order, for all combinations. */
    public boolean isCompleteGrid() {
        return identity;
    }

    /** The C-order ravelled index of the class vector at {@code classes[from..]}. */
    public int code(int[] classes, int from) {
        int c = 0;
        for (int f = 0; f < sizes.length; f++) {
            c = c * sizes[f] + classes[from + f];
        }
        return c;
    }

    /** The first row with these classes, or -1 if no row has them. Classes must be in range. */
    public int rowOf(int[] classes) {
        int code = code(classes, 0);
        if (identity) {
            return code;
        }
        int pos = Arrays.binarySearch(sortedKeys, (long) code << 32);
        if (pos < 0) {
            pos = -pos - 1;
        }
        if (pos < sortedKeys.length && (int) (sortedKeys[pos] >>> 32) == code) {
            return (int) sortedKeys[pos];
        }
        return -1;
    }
}
