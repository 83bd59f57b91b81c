package org.vaescope.core.interventions;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vaescope.core.internal.interventions.PngWriter;

/**
 * A grid of images (e.g. a latent traversal: one row per latent, one column per value), values in
 * [0, 1], each image channels × height × width in C order.
 */
public final class ImageGrid {

    private final int rows;
    private final int columns;
    private final int channels;
    private final int height;
    private final int width;
    private final float[] pixels;
    private final String[] rowLabels;
    private final double[] columnValues;

    /** {@code pixels} holds rows × columns images, row by row. */
    public ImageGrid(int rows, int columns, int channels, int height, int width, float[] pixels, String[] rowLabels,
            double[] columnValues) {
        if (pixels.length != (long) rows * columns * channels * height * width) {
            throw new IllegalArgumentException(pixels.length + " values do not make " + rows + "x" + columns
                    + " images of " + channels + "x" + height + "x" + width);
        }
        this.rows = rows;
        this.columns = columns;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.pixels = pixels.clone();
        this.rowLabels = rowLabels.clone();
        this.columnValues = columnValues.clone();
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Label of each row (e.g. {@code z3}). */
    public String[] rowLabels() {
        return rowLabels.clone();
    }

    /** The value of each column (e.g. the latent value of a traversal). */
    public double[] columnValues() {
        return columnValues.clone();
    }

    /** The image at (row, column), channels × height × width. */
    public float[] image(int row, int column) {
        if (row < 0 || row >= rows || column < 0 || column >= columns) {
            throw new IllegalArgumentException("cell (" + row + ", " + column + ") is outside the " + rows + "x"
                    + columns + " grid");
        }
        int size = channels * height * width;
        int start = (row * columns + column) * size;
        return java.util.Arrays.copyOfRange(pixels, start, start + size);
    }

    /** All values, row by row (a copy). */
    public float[] pixels() {
        return pixels.clone();
    }

    /**
     * The grid as one picture with {@code gap} pixels of grey (0.5) between cells; an image with
     * other than 1 or 3 channels shows its first channel.
     */
    public float[] mosaic(int gap) {
        int outChannels = channels == 3 ? 3 : 1;
        int h = mosaicHeight(gap);
        int w = mosaicWidth(gap);
        float[] out = new float[outChannels * h * w];
        java.util.Arrays.fill(out, 0.5f);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                float[] img = image(r, c);
                for (int ch = 0; ch < outChannels; ch++) {
                    for (int y = 0; y < height; y++) {
                        int oy = r * (height + gap) + y;
                        System.arraycopy(img, (ch * height + y) * width, out, (ch * h + oy) * w + c * (width + gap),
                                width);
                    }
                }
            }
        }
        return out;
    }

    private int mosaicHeight(int gap) {
        return rows * height + Math.max(0, rows - 1) * gap;
    }

    private int mosaicWidth(int gap) {
        return columns * width + Math.max(0, columns - 1) * gap;
    }

    /** Writes {@link #mosaic(int)} as a PNG file. */
    public void writePng(Path file, int gap) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            writePng(out, gap);
        }
    }

    /** Writes {@link #mosaic(int)} as PNG to a stream. */
    public void writePng(OutputStream out, int gap) throws IOException {
        if (gap < 0) {
            throw new IllegalArgumentException("gap must not be negative, got " + gap);
        }
        PngWriter.write(out, mosaic(gap), channels == 3 ? 3 : 1, mosaicHeight(gap), mosaicWidth(gap));
    }
}
