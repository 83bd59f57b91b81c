package org.vaescope.core.runtime;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Copies between ND4J arrays and Java float arrays (C order). */
public final class Floats {

    private Floats() {
    }

    /** The values of {@code array} in C order, as a new Java array. */
    public static float[] of(INDArray array) {
        INDArray source = array;
        if (array.dataType() != DataType.FLOAT) {
            source = array.castTo(DataType.FLOAT);
        }
        if (source.isView() || source.ordering() != 'c' || source.data().length() != source.length()
                || source.offset() != 0) {
            source = source.dup('c');
        }
        int n = Math.toIntExact(source.length());
        float[] values = new float[n];
        // a bulk native copy; DataBuffer.asFloat() copies element by element and is ~100x slower
        new FloatPointer(source.data().addressPointer()).get(values, 0, n);
        return values;
    }

    /** A new float32 array with this shape holding {@code data} in C order. */
    public static INDArray array(float[] data, long... shape) {
        long length = 1;
        for (long s : shape) {
            length *= s;
        }
        if (length != data.length) {
            throw new IllegalArgumentException("shape " + java.util.Arrays.toString(shape) + " holds " + length
                    + " values, got " + data.length);
        }
        INDArray array = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        new FloatPointer(array.data().addressPointer()).put(data, 0, data.length);
        return array;
    }

    /** Overwrites a C-ordered, non-view float32 array with {@code data}. */
    public static void fill(INDArray target, float[] data) {
        if (target.isView() || target.ordering() != 'c' || target.length() != data.length
                || target.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("fill needs a dense C-ordered float32 array of " + data.length
                    + " values");
        }
        new FloatPointer(target.data().addressPointer()).put(data, 0, data.length);
    }

    /** A new float32 array from double values. */
    public static INDArray array(double[] data, long... shape) {
        float[] f = new float[data.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) data[i];
        }
        return array(f, shape);
    }

    /** Product of the dimensions from {@code from} on. */
    public static int sizeFrom(long[] shape, int from) {
        long size = 1;
        for (int i = from; i < shape.length; i++) {
            size *= shape[i];
        }
        return Math.toIntExact(size);
    }
}
