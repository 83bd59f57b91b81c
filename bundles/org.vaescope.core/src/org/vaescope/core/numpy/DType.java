package org.vaescope.core.numpy;

/**
 * The NumPy element types VAEScope reads and writes, with their {@code .npy} type codes.
 * Byte order is not part of the type: it is chosen when writing and read from the header.
 */
public enum DType {
    /** unsigned 8-bit integer ({@code u1}). */
    UINT8("u1", 1),
    /** signed 8-bit integer ({@code i1}). */
    INT8("i1", 1),
    /** signed 16-bit integer ({@code i2}). */
    INT16("i2", 2),
    /** signed 32-bit integer ({@code i4}). */
    INT32("i4", 4),
    /** signed 64-bit integer ({@code i8}). */
    INT64("i8", 8),
    /** 32-bit IEEE float ({@code f4}). */
    FLOAT32("f4", 4),
    /** 64-bit IEEE float ({@code f8}). */
    FLOAT64("f8", 8),
    /** boolean stored as one byte 0/1 ({@code b1}). */
    BOOL("b1", 1);

    private final String code;
    private final int itemSize;

    DType(String code, int itemSize) {
        this.code = code;
        this.itemSize = itemSize;
    }

    /** The type code without byte-order mark, e.g. {@code f8}. */
    public String code() {
        return code;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    /** True for the integer and boolean types. */
    public boolean isIntegral() {
        return this != FLOAT32 && this != FLOAT64;
    }

    /**
     * The type for a code without byte-order mark ({@code u1}, {@code f8}, ...).
     *
     * @throws NpyFormatException naming the code if it is not supported
     */
    public static DType fromCode(String code, String where) throws NpyFormatException {
        for (DType t : values()) {
            if (t.code.equals(code)) {
                return t;
            }
        }
        if (code.startsWith("O")) {
            throw new NpyFormatException(where + ": pickled object arrays are not supported (dtype '" + code + "')");
        }
        if (code.equals("?")) {
            return BOOL;
        }
        if (code.equals("b")) {
            return INT8;
        }
        if (code.equals("B")) {
            return UINT8;
        }
        throw new NpyFormatException(where + ": unsupported dtype '" + code + "' (supported: u1, i1, i2, i4, i8, f4, f8, b1)");
    }
}
