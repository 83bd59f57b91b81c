package org.vaescope.core.internal.data;

import org.vaescope.core.runtime.MemoryBudget;

/** Binary single-channel images packed one bit per pixel (1/8 of the memory of bytes). */
public final class BitImages implements ImageSource {

    private final int count;
    private final int pixels;
    private final int wordsPerImage;
    private final long[] bits;

    public BitImages(int count, int pixels) {
        this.count = count;
        this.pixels = pixels;
        this.wordsPerImage = (pixels + 63) / 64;
        long words = (long) count * wordsPerImage;
        if (words > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(count + " binary images of " + pixels + " pixels are too many to hold");
        }
        MemoryBudget.require(words * 8, count + " binary images");
        this.bits = new long[(int) words];
    }

    @Override
    public int count() {
        return count;
    }

    /** Sets pixel {@code pixel} (row-major) of image {@code row} to 1. */
    public void set(int row, int pixel) {
        int w = row * wordsPerImage + (pixel >>> 6);
        bits[w] |= 1L << (pixel & 63);
    }

    @Override
    public void render(int row, float[] out, int offset) {
        int base = row * wordsPerImage;
        for (int p = 0; p < pixels; p++) {
            out[offset + p] = (bits[base + (p >>> 6)] >>> (p & 63) & 1L) != 0 ? 1f : 0f;
        }
    }
}
