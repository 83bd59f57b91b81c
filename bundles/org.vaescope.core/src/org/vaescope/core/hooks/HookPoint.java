package org.vaescope.core.hooks;

import java.util.Arrays;

/**
 * A named place in a model whose activation can be captured, overridden, fed or differentiated.
 * <p>
 * {@code shape} is the per-sample shape (the batch dimension is not included). For a
 * convolutional hook it is channels × height × width and a <em>unit</em> is a channel; for a dense
 * hook it is a single length and a unit is one element.
 *
 * @param name  stable, readable name such as {@code encoder.conv1} or {@code latent.mu}
 * @param shape per-sample shape, first dimension = number of units
 * @param kind  the kind of stage producing it ({@code input}, {@code dense}, {@code conv2d}, ...)
 */
public record HookPoint(String name, int[] shape, String kind) {

    public HookPoint {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("hook point name must not be blank");
        }
        if (shape.length == 0) {
            throw new IllegalArgumentException("hook point '" + name + "' has an empty shape");
        }
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Number of units: channels for a spatial hook, elements for a flat one. */
    public int units() {
        return shape[0];
    }

    /** Number of values one unit holds per sample (h·w for a channel, 1 for a flat unit). */
    public int unitSize() {
        int size = 1;
        for (int i = 1; i < shape.length; i++) {
            size *= shape[i];
        }
        return size;
    }

    /** Number of values per sample. */
    public int size() {
        return units() * unitSize();
    }

    /** True if units are channels of a feature map (rank 3 per sample). */
    public boolean spatial() {
        return shape.length == 3;
    }

    /** Shape of a batch of activations of this hook: batch × shape. */
    public long[] batchShape(int batch) {
        long[] result = new long[shape.length + 1];
        result[0] = batch;
        for (int i = 0; i < shape.length; i++) {
            result[i + 1] = shape[i];
        }
        return result;
    }

    /** The shape written as {@code 32x16x16}. */
    public String shapeText() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            text.append(i == 0 ? "" : "x").append(shape[i]);
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HookPoint h && h.name.equals(name) && Arrays.equals(h.shape, shape)
                && h.kind.equals(kind);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " [" + shapeText() + "]";
    }
}
