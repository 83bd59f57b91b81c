package org.vaescope.core.numpy;

import java.util.Arrays;

/**
 * A typed n-dimensional array in C (row-major) order, as read from or written to {@code .npy}.
 * <p>
 * The elements live in one Java primitive array chosen by the {@link DType}: {@code byte[]} for
 * {@code u1}, {@code i1} and {@code b1} (u1 values are read back unsigned), {@code short[]} for
 * {@code i2}, {@code int[]} for {@code i4}, {@code long[]} for {@code i8}, {@code float[]} for
 * {@code f4}, {@code double[]} for {@code f8}. Arrays are therefore limited to
 * {@link Integer#MAX_VALUE} elements; larger {@code .npy} data is read record by record with
 * {@link Npy#readRecords}.
 */
public final class NdArray {

    private final DType dtype;
    private final int[] shape;
    private final int size;
    private final Object data;

    private NdArray(DType dtype, int[] shape, Object data, int dataLength) {
        this.dtype = dtype;
        this.shape = shape.clone();
        long n = elementCount(shape);
        if (n != dataLength) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n
                    + " elements but the data has " + dataLength);
        }
        this.size = dataLength;
        this.data = data;
    }

    /** Product of the dimensions; throws for negative dimensions. */
    static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        return n;
    }

    /** An array of zeros of the given type and shape. */
    public static NdArray zeros(DType dtype, int... shape) {
        long n = elementCount(shape);
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than 2^31-1 elements");
        }
        int len = (int) n;
        Object data = switch (dtype) {
            case UINT8, INT8, BOOL -> new byte[len];
            case INT16 -> new short[len];
            case INT32 -> new int[len];
            case INT64 -> new long[len];
            case FLOAT32 -> new float[len];
            case FLOAT64 -> new double[len];
        };
        return new NdArray(dtype, shape, data, len);
    }

    /** Wraps unsigned bytes (not copied). */
    public static NdArray ofUint8(byte[] data, int... shape) {
        return new NdArray(DType.UINT8, shape, data, data.length);
    }

    /** Wraps signed bytes (not copied). */
    public static NdArray ofInt8(byte[] data, int... shape) {
        return new NdArray(DType.INT8, shape, data, data.length);
    }

    /** A boolean array (copied into bytes 0/1). */
    public static NdArray ofBool(boolean[] data, int... shape) {
        byte[] b = new byte[data.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (data[i] ? 1 : 0);
        }
        return new NdArray(DType.BOOL, shape, b, b.length);
    }

    /** Wraps shorts (not copied). */
    public static NdArray ofInt16(short[] data, int... shape) {
        return new NdArray(DType.INT16, shape, data, data.length);
    }

    /** Wraps ints (not copied). */
    public static NdArray ofInt32(int[] data, int... shape) {
        return new NdArray(DType.INT32, shape, data, data.length);
    }

    /** Wraps longs (not copied). */
    public static NdArray ofInt64(long[] data, int... shape) {
        return new NdArray(DType.INT64, shape, data, data.length);
    }

    /** Wraps floats (not copied). */
    public static NdArray ofFloat32(float[] data, int... shape) {
        return new NdArray(DType.FLOAT32, shape, data, data.length);
    }

    /** Wraps doubles (not copied). */
    public static NdArray ofFloat64(double[] data, int... shape) {
        return new NdArray(DType.FLOAT64, shape, data, data.length);
    }

    public DType dtype() {
        return dtype;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Length of dimension {@code axis}. */
    public int dim(int axis) {
        return shape[axis];
    }

    /** Total number of elements. */
    public int size() {
        return size;
    }

    /**
     * The backing primitive array (not a copy; see the class comment for its type). Changes to it
     * change this array.
     */
    public Object rawData() {
        return data;
    }

    /** The C-order flat position of a multi-index. */
    public int flatIndex(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index of rank " + index.length + " for an array of rank " + shape.length);
        }
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            if (index[d] < 0 || index[d] >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + index[d] + " out of range for axis " + d + " of length " + shape[d]);
            }
            flat = flat * shape[d] + index[d];
        }
        return flat;
    }

    /** Element at a multi-index, as a double. */
    public double at(int... index) {
        return getDouble(flatIndex(index));
    }

    /** Element at a flat C-order position, as a double (u1 unsigned, b1 as 0/1). */
    public double getDouble(int flat) {
        return switch (dtype) {
            case UINT8 -> ((byte[]) data)[flat] & 0xFF;
            case INT8, BOOL -> ((byte[]) data)[flat];
            case INT16 -> ((short[]) data)[flat];
            case INT32 -> ((int[]) data)[flat];
            case INT64 -> ((long[]) data)[flat];
            case FLOAT32 -> ((float[]) data)[flat];
            case FLOAT64 -> ((double[]) data)[flat];
        };
    }

    /**
     * Element at a flat position as a long.
     *
     * @throws ArithmeticException for a float element that is not a whole number
     */
    public long getLong(int flat) {
        return switch (dtype) {
            case UINT8 -> ((byte[]) data)[flat] & 0xFF;
            case INT8, BOOL -> ((byte[]) data)[flat];
            case INT16 -> ((short[]) data)[flat];
            case INT32 -> ((int[]) data)[flat];
            case INT64 -> ((long[]) data)[flat];
            case FLOAT32, FLOAT64 -> {
                double v = getDouble(flat);
                if (v != Math.rint(v) || Double.isInfinite(v)) {
                    throw new ArithmeticException("element " + flat + " = " + v + " is not an integer");
                }
                yield (long) v;
            }
        };
    }

    /** Sets the element at a flat position, converting the value to this array's type. */
    public void setDouble(int flat, double value) {
        switch (dtype) {
            case UINT8, INT8 -> ((byte[]) data)[flat] = (byte) (long) value;
            case BOOL -> ((byte[]) data)[flat] = (byte) (value != 0 ? 1 : 0);
            case INT16 -> ((short[]) data)[flat] = (short) (long) value;
            case INT32 -> ((int[]) data)[flat] = (int) (long) value;
            case INT64 -> ((long[]) data)[flat] = (long) value;
            case FLOAT32 -> ((float[]) data)[flat] = (float) value;
            case FLOAT64 -> ((double[]) data)[flat] = value;
        }
    }

    /** All elements as doubles (a new array). */
    public double[] toDoubleArray() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = getDouble(i);
        }
        return out;
    }

    /** All elements as floats (a new array). */
    public float[] toFloatArray() {
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = (float) getDouble(i);
        }
        return out;
    }

    /** All elements as longs (a new array); floats must be whole numbers. */
    public long[] toLongArray() {
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = getLong(i);
        }
        return out;
    }

    /**
     * All elements as ints (a new array).
     *
     * @throws ArithmeticException if an element is not an int
     */
    public int[] toIntArray() {
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = Math.toIntExact(getLong(i));
        }
        return out;
    }

    /** Same type, shape and elements (NaN equal to NaN). */
    public boolean contentEquals(NdArray other) {
        if (other.dtype != dtype || !Arrays.equals(other.shape, shape)) {
            return false;
        }
        return switch (dtype) {
            case UINT8, INT8, BOOL -> Arrays.equals((byte[]) data, (byte[]) other.data);
            case INT16 -> Arrays.equals((short[]) data, (short[]) other.data);
            case INT32 -> Arrays.equals((int[]) data, (int[]) other.data);
            case INT64 -> Arrays.equals((long[]) data, (long[]) other.data);
            case FLOAT32 -> Arrays.equals((float[]) data, (float[]) other.data);
            case FLOAT64 -> Arrays.equals((double[]) data, (double[]) other.data);
        };
    }

    @Override
    public String toString() {
        return "NdArray(" + dtype.code() + ", shape " + Arrays.toString(shape) + ")";
    }
}
