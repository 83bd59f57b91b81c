package org.vaescope.core.vae;

import java.util.Arrays;
import java.util.Locale;

/**
 * The encoder/decoder pair of a VAE and the image shape it reads.
 * <p>
 * {@link Kind#CONV} (spec section 3, disentanglement_lib): conv w0 k4 s2 → conv w1 k4 s2 → conv
 * w2 k2 s2 → conv w3 k2 s2 (ReLU) → dense w4 (ReLU) → μ, log σ² (dense latentSize each); decoder
 * dense w4 → dense w3·(h/16)·(w/16) (ReLU) → reshape w3 × h/16 × w/16 → deconv w2 k4 s2 → deconv w1
 * k4 s2 → deconv w0 k4 s2 (ReLU between) → deconv channels k4 s2 → logits. Default widths
 * {32, 32, 64, 64, 256}; height and width must be multiples of 16 (64 × 64 gives the spec's
 * 4 × 4 × 64 = 1024 reshape).
 * <p>
 * {@link Kind#MLP}: dense widths[0] → … → dense widths[n−1] (ReLU) → μ, log σ²; the decoder mirrors
 * the widths in reverse and ends in a dense layer to channels × height × width logits.
 *
 * @param kind       convolutional or multilayer perceptron
 * @param channels   image channels
 * @param height     image height
 * @param width      image width
 * @param latentSize number of latent dimensions
 * @param widths     layer widths as described above
 */
public record Architecture(Kind kind, int channels, int height, int width, int latentSize, int[] widths) {

    /** The two families of encoder/decoder pairs. */
    public enum Kind {
        CONV, MLP;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses {@code conv} or {@code mlp}. */
        public static Kind parse(String text) {
            for (Kind k : values()) {
                if (k.id().equalsIgnoreCase(text.trim())) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown architecture '" + text + "' (known: conv, mlp)");
        }
    }

    /** The spec's convolutional widths. */
    public static final int[] CONV_WIDTHS = {32, 32, 64, 64, 256};
    /** Default MLP widths. */
    public static final int[] MLP_WIDTHS = {256, 256};

    public Architecture {
        if (kind == null) {
            throw new IllegalArgumentException("architecture kind must be given");
        }
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image shape must be positive, got " + channels + "x" + height + "x"
                    + width);
        }
        if (latentSize < 1) {
            throw new IllegalArgumentException("latent size must be positive, got " + latentSize);
        }
        widths = widths.clone();
        for (int w : widths) {
            if (w < 1) {
                throw new IllegalArgumentException("layer widths must be positive, got " + Arrays.toString(widths));
            }
        }
        if (kind == Kind.CONV) {
            if (widths.length != 5) {
                throw new IllegalArgumentException("a conv architecture needs 5 widths (4 conv channels and the dense"
                        + " width), got " + Arrays.toString(widths));
            }
            if (height % 16 != 0 || width % 16 != 0) {
                throw new IllegalArgumentException("a conv architecture needs height and width divisible by 16, got "
                        + height + "x" + width);
            }
        } else if (widths.length == 0) {
            throw new IllegalArgumentException("an MLP architecture needs at least one hidden width");
        }
    }

    /** The spec's convolutional pair for images of this shape. */
    public static Architecture conv(int channels, int height, int width, int latentSize) {
        return new Architecture(Kind.CONV, channels, height, width, latentSize, CONV_WIDTHS);
    }

    /** An MLP pair with these hidden widths (default 256, 256 if none are given). */
    public static Architecture mlp(int channels, int height, int width, int latentSize, int... hidden) {
        return new Architecture(Kind.MLP, channels, height, width, latentSize, hidden.length == 0 ? MLP_WIDTHS : hidden);
    }

    /** The conv pair for images whose sides are multiples of 16 and at least 64, the MLP pair otherwise. */
    public static Architecture defaultFor(int channels, int height, int width, int latentSize) {
        boolean convFits = height >= 64 && width >= 64 && height % 16 == 0 && width % 16 == 0;
        return convFits ? conv(channels, height, width, latentSize) : mlp(channels, height, width, latentSize);
    }

    @Override
    public int[] widths() {
        return widths.clone();
    }

    /** channels × height × width. */
    public int[] imageShape() {
        return new int[] {channels, height, width};
    }

    /** Number of values in one image. */
    public int imageSize() {
        return channels * height * width;
    }

    /** A copy with another latent size. */
    public Architecture withLatentSize(int newLatentSize) {
        return new Architecture(kind, channels, height, width, newLatentSize, widths);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Architecture a && a.kind == kind && a.channels == channels && a.height == height
                && a.width == width && a.latentSize == latentSize && Arrays.equals(a.widths, widths);
    }

    @Override
    public int hashCode() {
        return ((kind.hashCode() * 31 + channels) * 31 + height) * 31 + width + 17 * latentSize
                + Arrays.hashCode(widths);
    }

    @Override
    public String toString() {
        return kind.id() + " " + channels + "x" + height + "x" + width + " latent " + latentSize + " widths "
                + Arrays.toString(widths);
    }
}
