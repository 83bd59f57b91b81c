package org.vaescope.core.numpy;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.vaescope.core.runtime.InputFiles;
import org.vaescope.core.runtime.MemoryBudget;

/**
 * Reads and writes NumPy {@code .npy} arrays (format versions 1.0, 2.0 and 3.0 for reading; 1.0 or
 * 2.0 for writing), for the element types of {@link DType}, either byte order, C or Fortran order.
 * Pickled object arrays and structured dtypes are rejected with an {@link NpyFormatException}.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGNMENT = 64;
    private static final int CHUNK_BYTES = 1 << 16;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*(?:'([^']*)'|(\\[))");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** Receives the records of an array one at a time, see {@link #readRecords}. */
    @FunctionalInterface
    public interface RecordSink {
        /**
         * @param index record number along the first axis
         * @param record the record's bytes in file byte order, positioned at 0 (valid only during the call)
         */
        void accept(long index, ByteBuffer record) throws IOException;
    }

    private Npy() {
    }

    /**
     * Reads the array stored in a {@code .npy} file; its declared size is checked against the file's
     * size and the memory budget before anything is allocated.
     */
    public static NdArray read(Path file) throws IOException {
        long fileBytes = InputFiles.requireRegularFile(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            NpyHeader header = readHeader(in, file.toString());
            requireData(header, fileBytes, file.toString());
            return readData(in, header, file.toString());
        }
    }

    /**
     * Refuses an array whose declared data cannot be in {@code availableBytes} (what the file or zip
     * entry holds), or would not fit the memory budget.
     */
    static void requireData(NpyHeader header, long availableBytes, String source) throws NpyFormatException {
        if (header.dataBytes() > availableBytes) {
            throw new NpyFormatException(source + ": the header declares shape " + Arrays.toString(header.shape())
                    + " of " + header.descr() + " (" + header.dataBytes() + " bytes) but only " + availableBytes
                    + " bytes are stored — the file is truncated or its header is wrong; export it again");
        }
        try {
            MemoryBudget.require(header.dataBytes(), source + ": an array of shape " + Arrays.toString(header.shape()));
        } catch (IllegalStateException e) {
            throw new NpyFormatException(e.getMessage());
        }
    }

    /**
     * Reads one array from a stream positioned at the magic string.
     *
     * @param source name used in error messages (file, or file and key)
     */
    public static NdArray read(InputStream in, String source) throws IOException {
        NpyHeader header = readHeader(in, source);
        return readData(in, header, source);
    }

    /** Reads and parses the magic string and header, leaving the stream at the first data byte. */
    public static NpyHeader readHeader(InputStream in, String source) throws IOException {
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new NpyFormatException(source + ": bad magic, not a .npy array (expected \\x93NUMPY)");
        }
        byte[] version = in.readNBytes(2);
        if (version.length < 2) {
            throw new NpyFormatException(source + ": truncated header (no version)");
        }
        int major = version[0];
        int lengthBytes = switch (major) {
            case 1 -> 2;
            case 2, 3 -> 4;
            default -> throw new NpyFormatException(source + ": unsupported .npy format version " + major + "." + version[1]);
        };
        byte[] lengthField = in.readNBytes(lengthBytes);
        if (lengthField.length < lengthBytes) {
            throw new NpyFormatException(source + ": truncated header (no header length)");
        }
        long headerLength = lengthBytes == 2
                ? ByteBuffer.wrap(lengthField).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF
                : ByteBuffer.wrap(lengthField).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
        if (headerLength > 1 << 24) {
            throw new NpyFormatException(source + ": implausible header length " + headerLength);
        }
        byte[] text = in.readNBytes((int) headerLength);
        if (text.length < headerLength) {
            throw new NpyFormatException(source + ": truncated header: expected " + headerLength + " bytes, got " + text.length);
        }
        String dict = new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return parseHeader(dict, source);
    }

    static NpyHeader parseHeader(String dict, String source) throws NpyFormatException {
        Matcher descr = DESCR.matcher(dict);
        if (!descr.find()) {
            throw new NpyFormatException(source + ": header has no 'descr': " + dict.strip());
        }
        if (descr.group(2) != null) {
            throw new NpyFormatException(source + ": structured dtypes are not supported: " + dict.strip());
        }
        String typeString = descr.group(1);
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        String code = typeString;
        if (!typeString.isEmpty() && "<>|=".indexOf(typeString.charAt(0)) >= 0) {
            char mark = typeString.charAt(0);
            order = mark == '>' ? ByteOrder.BIG_ENDIAN : mark == '=' ? ByteOrder.nativeOrder() : ByteOrder.LITTLE_ENDIAN;
            code = typeString.substring(1);
        }
        DType dtype = DType.fromCode(code, source);
        Matcher fortran = FORTRAN.matcher(dict);
        if (!fortran.find()) {
            throw new NpyFormatException(source + ": header has no 'fortran_order': " + dict.strip());
        }
        Matcher shapeMatch = SHAPE.matcher(dict);
        if (!shapeMatch.find()) {
            throw new NpyFormatException(source + ": header has no 'shape': " + dict.strip());
        }
        return new NpyHeader(dtype, order, fortran.group(1).equals("True"), parseShape(shapeMatch.group(1), source));
    }

    private static int[] parseShape(String tuple, String source) throws NpyFormatException {
        String[] parts = tuple.split(",");
        int count = 0;
        int[] dims = new int[parts.length];
        for (String p : parts) {
            String t = p.strip();
            if (t.endsWith("L")) {
                t = t.substring(0, t.length() - 1);
            }
            if (t.isEmpty()) {
                continue;
            }
            try {
                long d = Long.parseLong(t);
                if (d < 0 || d > Integer.MAX_VALUE) {
                    throw new NpyFormatException(source + ": dimension " + d + " out of range in shape (" + tuple + ")");
                }
                dims[count++] = (int) d;
            } catch (NumberFormatException e) {
                throw new NpyFormatException(source + ": bad shape (" + tuple + ")");
            }
        }
        return Arrays.copyOf(dims, count);
    }

    /**
     * Reads the data described by {@code header} into a C-order array.
     *
     * @throws NpyFormatException if the data is truncated or has more than 2^31-1 elements
     */
    public static NdArray readData(InputStream in, NpyHeader header, String source) throws IOException {
        if (header.elementCount() > Integer.MAX_VALUE) {
            throw new NpyFormatException(source + ": array of shape " + Arrays.toString(header.shape())
                    + " has more than 2^31-1 elements; read it record by record");
        }
        requireData(header, Long.MAX_VALUE, source);
        NdArray array = NdArray.zeros(header.dtype(), header.shape());
        ElementOrder order = new ElementOrder(header.shape(), header.fortranOrder());
        int item = header.dtype().itemSize();
        long expected = header.dataBytes();
        ByteBuffer chunk = ByteBuffer.allocate(chunkSize(item)).order(header.byteOrder());
        long done = 0;
        while (done < expected) {
            int want = (int) Math.min(chunk.capacity(), expected - done);
            int got = readFully(in, chunk.array(), want);
            if (got < want) {
                throw truncated(source, expected, done + got);
            }
            chunk.clear().limit(want);
            while (chunk.hasRemaining()) {
                ElementCodec.get(chunk, array, order.next());
            }
            done += want;
        }
        return array;
    }

    /**
     * Streams a C-order array one record (sub-array along the first axis) at a time, for arrays
     * too large to hold in one {@link NdArray}.
     */
    public static void readRecords(InputStream in, NpyHeader header, String source, RecordSink sink) throws IOException {
        if (header.fortranOrder() && header.shape().length > 1) {
            throw new NpyFormatException(source + ": record-wise reading needs C order, the array is Fortran order");
        }
        int[] shape = header.shape();
        if (shape.length == 0) {
            throw new NpyFormatException(source + ": a scalar has no records");
        }
        long recordBytes = header.dataBytes() / Math.max(1, shape[0]);
        if (shape[0] == 0) {
            return;
        }
        if (recordBytes > Integer.MAX_VALUE) {
            throw new NpyFormatException(source + ": one record has " + recordBytes + " bytes, too large");
        }
        ByteBuffer record = ByteBuffer.allocate((int) recordBytes).order(header.byteOrder());
        long expected = header.dataBytes();
        for (long i = 0; i < shape[0]; i++) {
            int got = readFully(in, record.array(), (int) recordBytes);
            if (got < recordBytes) {
                throw truncated(source, expected, i * recordBytes + got);
            }
            record.clear();
            sink.accept(i, record);
        }
    }

    private static NpyFormatException truncated(String source, long expected, long actual) {
        return new NpyFormatException(source + ": truncated data: expected " + expected + " bytes, got " + actual);
    }

    private static int chunkSize(int item) {
        return CHUNK_BYTES - CHUNK_BYTES % item;
    }

    private static int readFully(InputStream in, byte[] buffer, int length) throws IOException {
        int total = 0;
        while (total < length) {
            int n = in.read(buffer, total, length - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    /** Writes {@code array} to a {@code .npy} file: format 1.0, little endian, C order. */
    public static void write(Path file, NdArray array) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            write(out, array, ByteOrder.LITTLE_ENDIAN, false, 1);
        }
    }

    /**
     * Writes {@code array} as {@code .npy} data.
     *
     * @param byteOrder byte order of multi-byte elements
     * @param fortranOrder store column-major instead of row-major
     * @param version format major version, 1 or 2 (1 is promoted to 2 if the header needs it)
     */
    public static void write(OutputStream out, NdArray array, ByteOrder byteOrder, boolean fortranOrder, int version)
            throws IOException {
        if (version != 1 && version != 2) {
            throw new IllegalArgumentException("can write .npy format version 1 or 2, not " + version);
        }
        NpyHeader header = new NpyHeader(array.dtype(), byteOrder, fortranOrder, array.shape());
        writeHeader(out, header, version);
        ElementOrder order = new ElementOrder(array.shape(), fortranOrder);
        ByteBuffer chunk = ByteBuffer.allocate(chunkSize(array.dtype().itemSize())).order(byteOrder);
        for (int i = 0; i < array.size(); i++) {
            if (!chunk.hasRemaining()) {
                out.write(chunk.array(), 0, chunk.position());
                chunk.clear();
            }
            ElementCodec.put(chunk, array, order.next());
        }
        out.write(chunk.array(), 0, chunk.position());
    }

    /** Writes the magic string and the header; the data must follow. */
    public static void writeHeader(OutputStream out, NpyHeader header, int version) throws IOException {
        StringBuilder dict = new StringBuilder("{'descr': '").append(header.descr())
                .append("', 'fortran_order': ").append(header.fortranOrder() ? "True" : "False")
                .append(", 'shape': (");
        int[] shape = header.shape();
        for (int i = 0; i < shape.length; i++) {
            dict.append(shape[i]).append(i == 0 && shape.length == 1 ? "," : i < shape.length - 1 ? ", " : "");
        }
        dict.append("), }");
        int major = version;
        int prefix = MAGIC.length + 2 + (major == 1 ? 2 : 4);
        int total = padded(prefix + dict.length() + 1);
        if (major == 1 && total - prefix > 0xFFFF) {
            major = 2;
            prefix += 2;
            total = padded(prefix + dict.length() + 1);
        }
        while (prefix + dict.length() + 1 < total) {
            dict.append(' ');
        }
        dict.append('\n');
        byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
        out.write(MAGIC);
        out.write(major);
        out.write(0);
        ByteBuffer length = ByteBuffer.allocate(major == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
        if (major == 1) {
            length.putShort((short) text.length);
        } else {
            length.putInt(text.length);
        }
        out.write(length.array());
        out.write(text);
    }

    private static int padded(int length) {
        return (length + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    /** Yields the C-order flat index of each element in file order (C or Fortran). */
    private static final class ElementOrder {
        private final int[] shape;
        private final int[] cStrides;
        private final int[] counter;
        private final boolean fortran;
        private int cIndex;
        private int produced;

        ElementOrder(int[] shape, boolean fortran) {
            this.shape = shape;
            this.fortran = fortran && shape.length > 1;
            this.cStrides = new int[shape.length];
            this.counter = new int[shape.length];
            int stride = 1;
            for (int d = shape.length - 1; d >= 0; d--) {
                cStrides[d] = stride;
                stride *= shape[d];
            }
        }

        int next() {
            if (!fortran) {
                return produced++;
            }
            int result = cIndex;
            produced++;
            for (int d = 0; d < shape.length; d++) {
                counter[d]++;
                cIndex += cStrides[d];
                if (counter[d] < shape[d]) {
                    break;
                }
                cIndex -= counter[d] * cStrides[d];
                counter[d] = 0;
            }
            return result;
        }
    }

    /** Element-wise conversion between buffers and the typed backing arrays. */
    private static final class ElementCodec {
        static void get(ByteBuffer b, NdArray a, int i) {
            Object d = a.rawData();
            switch (a.dtype()) {
                case UINT8, INT8, BOOL -> ((byte[]) d)[i] = b.get();
                case INT16 -> ((short[]) d)[i] = b.getShort();
                case INT32 -> ((int[]) d)[i] = b.getInt();
                case INT64 -> ((long[]) d)[i] = b.getLong();
                case FLOAT32 -> ((float[]) d)[i] = b.getFloat();
                case FLOAT64 -> ((double[]) d)[i] = b.getDouble();
            }
        }

        static void put(ByteBuffer b, NdArray a, int i) {
            Object d = a.rawData();
            switch (a.dtype()) {
                case UINT8, INT8, BOOL -> b.put(((byte[]) d)[i]);
                case INT16 -> b.putShort(((short[]) d)[i]);
                case INT32 -> b.putInt(((int[]) d)[i]);
                case INT64 -> b.putLong(((long[]) d)[i]);
                case FLOAT32 -> b.putFloat(((float[]) d)[i]);
                case FLOAT64 -> b.putDouble(((double[]) d)[i]);
            }
        }
    }
}
