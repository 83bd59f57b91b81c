package org.vaescope.core.numpy;

import java.nio.ByteOrder;
import java.util.Arrays;

import org.vaescope.core.runtime.MemoryBudget;

/**
 * The header of one {@code .npy} array: element type, byte order, memory order and shape.
 *
 * @param dtype element type
 * @param byteOrder byte order of multi-byte elements in the file
 * @param fortranOrder true if the data is stored column-major
 * @param shape dimensions (empty for a scalar)
 */
public record NpyHeader(DType dtype, ByteOrder byteOrder, boolean fortranOrder, int[] shape) {

    public NpyHeader {
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Number of elements (may exceed the int range; Long.MAX_VALUE when it exceeds the long range). */
    public long elementCount() {
        long n = 1;
        for (int d : shape) {
            n = MemoryBudget.product(n, d);
        }
        return n;
    }

    /** Number of data bytes following the header (Long.MAX_VALUE when that exceeds the long range). */
    public long dataBytes() {
        return MemoryBudget.product(elementCount(), dtype.itemSize());
    }

    /** The {@code descr} string of the header, e.g. {@code <f8} or {@code |u1}. */
    public String descr() {
        String mark = dtype.itemSize() == 1 ? "|" : byteOrder == ByteOrder.BIG_ENDIAN ? ">" : "<";
        return mark + dtype.code();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && h.dtype == dtype && h.fortranOrder == fortranOrder
                && (dtype.itemSize() == 1 || h.byteOrder.equals(byteOrder)) && Arrays.equals(h.shape, shape);
    }

    @Override
    public int hashCode() {
        return dtype.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "NpyHeader(" + descr() + ", fortran " + fortranOrder + ", shape " + Arrays.toString(shape) + ")";
    }
}
