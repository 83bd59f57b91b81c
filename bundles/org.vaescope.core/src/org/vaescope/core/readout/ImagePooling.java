package org.vaescope.core.readout;

/**
 * Average pooling by an integer factor p = ⌈max(H, W) / maxSide⌉ per channel; rows and columns
 * beyond a multiple of p are dropped. Also spreads feature gradients back to pixels.
 */
final class ImagePooling {

    final int channels;
    final int height;
    final int width;
    final int factor;
    final int outHeight;
    final int outWidth;

    ImagePooling(int channels, int height, int width, int maxSide) {
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.factor = Math.max(1, (Math.max(height, width) + maxSide - 1) / maxSide);
        this.outHeight = height / factor;
        this.outWidth = width / factor;
    }

    int features() {
        return channels * outHeight * outWidth;
    }

    int imageSize() {
        return channels * height * width;
    }

    /** Pools {@code n} images (n × imageSize) into n × features. */
    float[] pool(float[] images, int n) {
        float[] out = new float[n * features()];
        float scale = 1f / (factor * factor);
        for (int b = 0; b < n; b++) {
            int in = b * imageSize();
            int o = b * features();
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < outHeight * factor; y++) {
                    int row = in + (c * height + y) * width;
                    int outRow = o + (c * outHeight + y / factor) * outWidth;
                    for (int x = 0; x < outWidth * factor; x++) {
                        out[outRow + x / factor] += images[row + x] * scale;
                    }
                }
            }
        }
        return out;
    }

    /** The pixel gradient (n × imageSize) of a feature gradient (n × features). */
    float[] spread(float[] featureGradient, int n) {
        float[] out = new float[n * imageSize()];
        float scale = 1f / (factor * factor);
        for (int b = 0; b < n; b++) {
            int in = b * features();
            int o = b * imageSize();
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < outHeight * factor; y++) {
                    int row = o + (c * height + y) * width;
                    int fRow = in + (c * outHeight + y / factor) * outWidth;
                    for (int x = 0; x < outWidth * factor; x++) {
                        out[row + x] = featureGradient[fRow + x / factor] * scale;
                    }
                }
            }
        }
        return out;
    }
}
