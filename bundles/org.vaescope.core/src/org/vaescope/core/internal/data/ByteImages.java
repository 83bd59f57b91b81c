package org.vaescope.core.internal.data;

import org.vaescope.core.runtime.MemoryBudget;

/**
 * 8-bit images held in memory, rendered as value / 255. Images are stored either channel-last
 * (H×W×C, as in the files) or channel-first; rendering always yields C×H×W. Storage is split into
 * blocks of whole images so that more than 2 GiB can be held.
 */
public final class ByteImages implements ImageSource {

    private static final long BLOCK_BYTES = 1L << 30;

    private final int count;
    private final int channels;
    private final int height;
    private final int width;
    private final boolean channelLast;
    private final int imageBytes;
    private final int imagesPerBlock;
    private final byte[][] blocks;

    public ByteImages(int count, int channels, int height, int width, boolean channelLast, String what) {
        this.count = count;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.channelLast = channelLast;
        this.imageBytes = channels * height * width;
        MemoryBudget.require((long) count * imageBytes, what);
        this.imagesPerBlock = (int) Math.max(1, BLOCK_BYTES / Math.max(1, imageBytes));
        int blockCount = (count + imagesPerBlock - 1) / imagesPerBlock;
        this.blocks = new byte[blockCount][];
        for (int b = 0; b < blockCount; b++) {
            int images = Math.min(imagesPerBlock, count - b * imagesPerBlock);
            blocks[b] = new byte[images * imageBytes];
        }
    }

    @Override
    public int count() {
        return count;
    }

    /** Bytes of one image. */
    public int imageBytes() {
        return imageBytes;
    }

    /** Copies one image's bytes (in the storage layout) from {@code src} at {@code srcOffset}. */
    public void put(int row, byte[] src, int srcOffset) {
        System.arraycopy(src, srcOffset, blocks[row / imagesPerBlock], (row % imagesPerBlock) * imageBytes, imageBytes);
    }

    @Override
    public void render(int row, float[] out, int offset) {
        byte[] block = blocks[row / imagesPerBlock];
        int base = (row % imagesPerBlock) * imageBytes;
        if (!channelLast || channels == 1) {
            for (int p = 0; p < imageBytes; p++) {
                out[offset + p] = (block[base + p] & 0xFF) / 255f;
            }
            return;
        }
        int plane = height * width;
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < channels; c++) {
                out[offset + c * plane + p] = (block[base + p * channels + c] & 0xFF) / 255f;
            }
        }
    }
}
