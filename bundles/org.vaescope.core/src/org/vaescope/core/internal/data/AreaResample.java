package org.vaescope.core.internal.data;

/** Shrinks square 8-bit images by area averaging (each output pixel = mean of the input area it covers). */
public final class AreaResample {

    private final int from;
    private final int to;
    private final int[][] sourceIndex;
    private final double[][] weight;

    /** A resampler from {@code from × from} to {@code to × to} pixels, {@code to ≤ from}. */
    public AreaResample(int from, int to) {
        if (to < 1 || to > from) {
            throw new IllegalArgumentException("can only shrink: " + from + " -> " + to);
        }
        this.from = from;
        this.to = to;
        this.sourceIndex = new int[to][];
        this.weight = new double[to][];
        double ratio = (double) from / to;
        for (int j = 0; j < to; j++) {
            double lo = j * ratio;
            double hi = (j + 1) * ratio;
            int first = (int) Math.floor(lo);
            int last = Math.min(from - 1, (int) Math.ceil(hi) - 1);
            sourceIndex[j] = new int[last - first + 1];
            weight[j] = new double[last - first + 1];
            for (int s = first; s <= last; s++) {
                double overlap = Math.min(hi, s + 1) - Math.max(lo, s);
                sourceIndex[j][s - first] = s;
                weight[j][s - first] = overlap / ratio;
            }
        }
    }

    /** Resamples the image at {@code src[srcOffset..]} into {@code dst[dstOffset..]}, rounding to the nearest byte. */
    public void apply(byte[] src, int srcOffset, byte[] dst, int dstOffset) {
        if (from == to) {
            System.arraycopy(src, srcOffset, dst, dstOffset, from * from);
            return;
        }
        double[] rows = new double[to * from];
        for (int r = 0; r < from; r++) {
            for (int j = 0; j < to; j++) {
                double sum = 0;
                for (int k = 0; k < sourceIndex[j].length; k++) {
                    sum += weight[j][k] * (src[srcOffset + r * from + sourceIndex[j][k]] & 0xFF);
                }
                rows[j * from + r] = sum;
            }
        }
        for (int i = 0; i < to; i++) {
            for (int j = 0; j < to; j++) {
                double sum = 0;
                for (int k = 0; k < sourceIndex[i].length; k++) {
                    sum += weight[i][k] * rows[j * from + sourceIndex[i][k]];
                }
                dst[dstOffset + i * to + j] = (byte) Math.min(255, Math.round(sum));
            }
        }
    }
}
