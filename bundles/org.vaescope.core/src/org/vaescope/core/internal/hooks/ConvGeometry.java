package org.vaescope.core.internal.hooks;

import java.util.stream.IntStream;

/**
 * Patch layout of a 2-D convolution with TensorFlow "SAME" padding over an image of
 * channels × height × width (the large side of the convolution): output size ⌈side / stride⌉,
 * total padding max((out − 1)·stride + kernel − side, 0), the smaller half before.
 * <p>
 * {@link #im2col} lays the patches out as a matrix with one row per (channel, ky, kx) and one
 * column per (sample, oy, ox); {@link #col2im} is its adjoint (scatter-add). Rows (im2col) and
 * channels (col2im) are processed in parallel; every output value is written by one thread in a
 * fixed order, so results do not depend on scheduling.
 */
final class ConvGeometry {

    final int channels;
    final int height;
    final int width;
    final int kernel;
    final int stride;
    final int outHeight;
    final int outWidth;
    private final int padTop;
    private final int padLeft;

    ConvGeometry(int channels, int height, int width, int kernel, int stride) {
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.kernel = kernel;
        this.stride = stride;
        this.outHeight = (height + stride - 1) / stride;
        this.outWidth = (width + stride - 1) / stride;
        this.padTop = Math.max((outHeight - 1) * stride + kernel - height, 0) / 2;
        this.padLeft = Math.max((outWidth - 1) * stride + kernel - width, 0) / 2;
    }

    /** Rows of the patch matrix: channels · kernel². */
    int patchSize() {
        return channels * kernel * kernel;
    }

    /** Columns of the patch matrix for a batch: batch · outHeight · outWidth. */
    int positions(int batch) {
        return batch * outHeight * outWidth;
    }

    /** The patch matrix (patchSize × positions, row-major) of a batch of images (NCHW). */
    float[] im2col(float[] images, int batch) {
        int n = positions(batch);
        float[] cols = new float[patchSize() * n];
        IntStream.range(0, patchSize()).parallel().forEach(row -> {
            int c = row / (kernel * kernel);
            int ky = row / kernel % kernel;
            int kx = row % kernel;
            int base = row * n;
            for (int b = 0; b < batch; b++) {
                int plane = (b * channels + c) * height;
                for (int oy = 0; oy < outHeight; oy++) {
                    int iy = oy * stride + ky - padTop;
                    if (iy < 0 || iy >= height) {
                        continue;
                    }
                    int colStart = base + (b * outHeight + oy) * outWidth;
                    int rowStart = (plane + iy) * width;
                    for (int ox = 0; ox < outWidth; ox++) {
                        int ix = ox * stride + kx - padLeft;
                        if (ix >= 0 && ix < width) {
                            cols[colStart + ox] = images[rowStart + ix];
                        }
                    }
                }
            }
        });
        return cols;
    }

    /** Adds a patch matrix back into images (batch × channels × height × width). */
    float[] col2im(float[] cols, int batch) {
        int n = positions(batch);
        float[] images = new float[batch * channels * height * width];
        IntStream.range(0, channels).parallel().forEach(c -> {
            for (int ky = 0; ky < kernel; ky++) {
                for (int kx = 0; kx < kernel; kx++) {
                    int base = ((c * kernel + ky) * kernel + kx) * n;
                    for (int b = 0; b < batch; b++) {
                        int plane = (b * channels + c) * height;
                        for (int oy = 0; oy < outHeight; oy++) {
                            int iy = oy * stride + ky - padTop;
                            if (iy < 0 || iy >= height) {
                                continue;
                            }
                            int colStart = base + (b * outHeight + oy) * outWidth;
                            int rowStart = (plane + iy) * width;
                            for (int ox = 0; ox < outWidth; ox++) {
                                int ix = ox * stride + kx - padLeft;
                                if (ix >= 0 && ix < width) {
                                    images[rowStart + ix] += cols[colStart + ox];
                                }
                            }
                        }
                    }
                }
            }
        });
        return images;
    }
}
