package org.vaescope.core.data;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.vaescope.core.internal.data.ClassIndex;
import org.vaescope.core.internal.data.ImageSource;

/**
 * A dataset loaded from a file: a table of rows, each with its factor classes and its image.
 * <p>
 * The rows need not cover every combination of classes (subset files, the SmallNORB train/test
 * split): {@link #sampleFactors} draws rows uniformly, {@link #sampleWithFixed} draws uniformly among
 * the rows with the fixed class, and {@link #render} of a combination no row has throws. Close the
 * dataset to release a file kept open for on-demand reading.
 */
public final class TabulatedFactorDataset implements FactorDataset, AutoCloseable {

    private final String name;
    private final int channels;
    private final int height;
    private final int width;
    private final boolean binary;
    private final List<Factor> factors;
    private final int[] rowClasses;
    private final int rows;
    private final ClassIndex index;
    private final ImageSource images;
    private int[][][] rowsByClass;

    TabulatedFactorDataset(String name, int channels, int height, int width, boolean binary, List<Factor> factors,
            int[] rowClasses, ImageSource images) {
        this.name = name;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.binary = binary;
        this.factors = List.copyOf(factors);
        int k = factors.size();
        if (rowClasses.length % k != 0) {
            throw new IllegalArgumentException("class table length " + rowClasses.length + " is not a multiple of " + k);
        }
        this.rows = rowClasses.length / k;
        if (images.count() != rows) {
            throw new IllegalArgumentException(name + ": " + images.count() + " images but " + rows + " class rows");
        }
        int[] sizes = new int[k];
        for (int f = 0; f < k; f++) {
            sizes[f] = factors.get(f).size();
        }
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < k; f++) {
                int c = rowClasses[r * k + f];
                if (c < 0 || c >= sizes[f]) {
                    throw new IllegalArgumentException(name + ": row " + r + " has class " + c + " for factor "
                            + factors.get(f) + ", out of range 0.." + (sizes[f] - 1));
                }
            }
        }
        this.rowClasses = rowClasses;
        this.index = new ClassIndex(sizes, rowClasses);
        this.images = images;
    }

    /** Number of rows (images) in the file. */
    public int rowCount() {
        return rows;
    }

    /** True if the rows are exactly every class combination in C order (the full grid). */
    public boolean isCompleteGrid() {
        return index.isCompleteGrid();
    }

    /** The classes of row {@code row}. */
    public int[] classesOf(int row) {
        int k = factors.size();
        return Arrays.copyOfRange(rowClasses, row * k, row * k + k);
    }

    /** The first row with these classes, or -1 if the file has none. */
    public int rowOf(int[] classes) {
        checkClasses(classes);
        return index.rowOf(classes);
    }

    /** Writes the image of row {@code row}. */
    public void renderRow(int row, float[] out, int offset) {
        if (row < 0 || row >= rows) {
            throw new IllegalArgumentException(name + ": row " + row + " out of range 0.." + (rows - 1));
        }
        images.render(row, out, offset);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public boolean binary() {
        return binary;
    }

    @Override
    public List<Factor> factors() {
        return factors;
    }

    /** Rows drawn uniformly with replacement. */
    @Override
    public int[][] sampleFactors(int n, SplittableRandom random) {
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            out[i] = classesOf(random.nextInt(rows));
        }
        return out;
    }

    /** Rows drawn uniformly among those whose factor {@code factor} has class {@code cls}. */
    @Override
    public int[][] sampleWithFixed(int n, int factor, int cls, SplittableRandom random) {
        if (factor < 0 || factor >= factors.size()) {
            throw new IllegalArgumentException("factor index " + factor + " out of range 0.." + (factors.size() - 1));
        }
        if (cls < 0 || cls >= factors.get(factor).size()) {
            throw new IllegalArgumentException("class " + cls + " out of range for factor " + factors.get(factor));
        }
        int[] candidates = rowsByClass()[factor][cls];
        if (candidates.length == 0) {
            throw new IllegalArgumentException(name + ": no row has class " + cls + " of factor "
                    + factors.get(factor).name());
        }
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            out[i] = classesOf(candidates[random.nextInt(candidates.length)]);
        }
        return out;
    }

    private synchronized int[][][] rowsByClass() {
        if (rowsByClass == null) {
            int k = factors.size();
            int[][][] table = new int[k][][];
            for (int f = 0; f < k; f++) {
                int[] counts = new int[factors.get(f).size()];
                for (int r = 0; r < rows; r++) {
                    counts[rowClasses[r * k + f]]++;
                }
                table[f] = new int[counts.length][];
                for (int c = 0; c < counts.length; c++) {
                    table[f][c] = new int[counts[c]];
                }
                int[] fill = new int[counts.length];
                for (int r = 0; r < rows; r++) {
                    int c = rowClasses[r * k + f];
                    table[f][c][fill[c]++] = r;
                }
            }
            rowsByClass = table;
        }
        return rowsByClass;
    }

    @Override
    public void render(int[] classes, float[] out, int offset) {
        int row = rowOf(classes);
        if (row < 0) {
            throw new IllegalArgumentException(name + ": no image with classes " + Arrays.toString(classes)
                    + " in this file (it holds " + rows + " rows)");
        }
        images.render(row, out, offset);
    }

    private void checkClasses(int[] classes) {
        if (classes.length != factors.size()) {
            throw new IllegalArgumentException(name + " needs " + factors.size() + " classes, got " + classes.length);
        }
        for (int f = 0; f < classes.length; f++) {
            if (classes[f] < 0 || classes[f] >= factors.get(f).size()) {
                throw new IllegalArgumentException(name + ": class " + classes[f] + " out of range for factor "
                        + factors.get(f));
            }
        }
    }

    @Override
    public void close() throws IOException {
        images.close();
    }
}
