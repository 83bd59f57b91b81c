package org.vaescope.core.internal.data;

import java.lang.reflect.Array;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;

/**
 * Channel-last 8-bit images (N×H×W×C) of an HDF5 dataset, read one image at a time with jhdf
 * slicing; the file stays open until {@link #close}. Accepts uint8 data (read by jhdf as ints) and
 * int8 data (as written by jhdf, whose writer has no unsigned types), whose bytes are taken as
 * unsigned.
 */
public final class Hdf5Images implements ImageSource {

    private final HdfFile file;
    private final Dataset dataset;
    private final int count;
    private final int height;
    private final int width;
    private final int channels;
    private final String where;

    public Hdf5Images(HdfFile file, Dataset dataset, String where) {
        int[] dims = dataset.getDimensions();
        this.file = file;
        this.dataset = dataset;
        this.count = dims[0];
        this.height = dims[1];
        this.width = dims[2];
        this.channels = dims[3];
        this.where = where;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public synchronized void render(int row, float[] out, int offset) {
        Object slice = dataset.getData(new long[] {row, 0, 0, 0}, new int[] {1, height, width, channels});
        byte[] bytes = new byte[height * width * channels];
        flattenUnsigned(slice, bytes, 0, where);
        int plane = height * width;
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < channels; c++) {
                out[offset + c * plane + p] = (bytes[p * channels + c] & 0xFF) / 255f;
            }
        }
    }

    /**
     * Copies a nested primitive array of 8-bit values (byte: taken as unsigned; short/int/long:
     * must be 0..255) into {@code out} in C order.
     *
     * @return the next free position of {@code out}
     */
    public static int flattenUnsigned(Object nested, byte[] out, int at, String where) {
        Class<?> component = nested.getClass().getComponentType();
        int length = Array.getLength(nested);
        if (component == byte.class) {
            System.arraycopy(nested, 0, out, at, length);
            return at + length;
        }
        if (component.isPrimitive()) {
            for (int i = 0; i < length; i++) {
                long v = Array.getLong(nested, i);
                if (v < 0 || v > 255) {
                    throw new IllegalArgumentException(where + ": pixel value " + v + " is not an 8-bit value");
                }
                out[at + i] = (byte) v;
            }
            return at + length;
        }
        int position = at;
        for (int i = 0; i < length; i++) {
            position = flattenUnsigned(Array.get(nested, i), out, position, where);
        }
        return position;
    }

    @Override
    public synchronized void close() {
        file.close();
    }
}
