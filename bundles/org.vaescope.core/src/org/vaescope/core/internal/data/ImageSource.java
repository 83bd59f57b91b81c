package org.vaescope.core.internal.data;

import java.io.IOException;

/** The images of a table of samples, by row number, rendered as C×H×W floats in [0, 1]. */
public interface ImageSource extends AutoCloseable {

    /** Number of images. */
    int count();

    /** Writes image {@code row} into {@code out} at {@code offset}. */
    void render(int row, float[] out, int offset);

    /** Releases files held open; the default holds none. */
    @Override
    default void close() throws IOException {
    }
}
