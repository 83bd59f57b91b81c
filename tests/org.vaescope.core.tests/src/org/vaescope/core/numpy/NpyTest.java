package org.vaescope.core.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NpyTest {

    @TempDir
    Path dir;

    /** A 2×3×4 array of the type with distinct values, including negatives and u1 values above 127. */
    static NdArray sample(DType dtype, int... shape) {
        NdArray a = NdArray.zeros(dtype, shape);
        for (int i = 0; i < a.size(); i++) {
            double v = switch (dtype) {
                case UINT8 -> (i * 37 + 200) % 256;
                case BOOL -> i % 3 == 0 ? 1 : 0;
                case INT8 -> i * 11 % 256 - 128;
                case INT16 -> i * 2731 - 30000;
                case INT32 -> i * 123_456_789L % 2_000_000_000L - 1_000_000_000;
                case INT64 -> i * 987_654_321_987L - 5_000_000_000_000L;
                case FLOAT32, FLOAT64 -> (i - 7.25) * 1.5e-3 * (i % 2 == 0 ? 1 : -1e6);
            };
            a.setDouble(i, v);
        }
        return a;
    }

    static byte[] npyBytes(NdArray a, ByteOrder order, boolean fortran, int version) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, a, order, fortran, version);
        return out.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void roundTripsEveryByteOrderMemoryOrderAndVersion(DType dtype) throws IOException {
        NdArray a = sample(dtype, 2, 3, 4);
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            for (boolean fortran : new boolean[] {false, true}) {
                for (int version : new int[] {1, 2}) {
                    byte[] bytes = npyBytes(a, order, fortran, version);
                    assertEquals(version, bytes[6], "format version");
                    int headerEnd = version == 1 ? 10 + (bytes[8] & 0xFF | (bytes[9] & 0xFF) << 8)
                            : 12 + (bytes[8] & 0xFF | (bytes[9] & 0xFF) << 8);
                    assertEquals(0, headerEnd % 64, "data aligned to 64 bytes");
                    assertEquals(headerEnd + 24L * dtype.itemSize(), bytes.length);
                    NdArray back = Npy.read(new ByteArrayInputStream(bytes), "mem");
                    assertTrue(back.contentEquals(a), dtype + " " + order + " fortran=" + fortran + " v" + version);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void npzRoundTripsStoredAndDeflatedInBothByteOrders(DType dtype) throws IOException {
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        arrays.put("cube", sample(dtype, 2, 3, 4));
        arrays.put("vector", sample(dtype, 5));
        arrays.put("scalar", sample(dtype));
        arrays.put("empty", sample(dtype, 0, 3));
        arrays.put("rank5", sample(dtype, 2, 1, 3, 1, 2));
        int n = 0;
        for (boolean compressed : new boolean[] {false, true}) {
            for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
                Path file = dir.resolve("a" + n++ + ".npz");
                Npz.write(file, arrays, compressed, order, n % 2 == 0);
                Map<String, NdArray> back = Npz.readAll(file);
                assertEquals(new ArrayList<>(arrays.keySet()), new ArrayList<>(back.keySet()));
                for (String key : arrays.keySet()) {
                    assertTrue(back.get(key).contentEquals(arrays.get(key)), key + " compressed=" + compressed + " " + order);
                }
            }
        }
    }

    @Test
    void fortranOrderStoresColumnsFirstAndBigEndianStoresHighByteFirst() throws IOException {
        NdArray a = NdArray.ofInt8(new byte[] {0, 1, 2, 3, 4, 5}, 2, 3);
        byte[] f = npyBytes(a, ByteOrder.LITTLE_ENDIAN, true, 1);
        assertArrayEquals(new byte[] {0, 3, 1, 4, 2, 5}, Arrays.copyOfRange(f, f.length - 6, f.length));
        NdArray s = NdArray.ofInt16(new short[] {0x0102}, 1);
        byte[] big = npyBytes(s, ByteOrder.BIG_ENDIAN, false, 1);
        assertArrayEquals(new byte[] {1, 2}, Arrays.copyOfRange(big, big.length - 2, big.length));
        String header = new String(big, 10, big.length - 12, StandardCharsets.ISO_8859_1);
        assertTrue(header.startsWith("{'descr': '>i2', 'fortran_order': False, 'shape': (1,), }"), header);
    }

    @Test
    void readsAHeaderWrittenLikeNumpy() throws IOException {
        // What numpy 1.x writes for np.arange(6, dtype='>f4').reshape(3, 2, order='F'), with 16-byte alignment.
        byte[] bytes = rawNpy("{'descr': '>f4', 'fortran_order': True, 'shape': (3, 2), }", 6 * 4, 16);
        java.nio.ByteBuffer data = java.nio.ByteBuffer.wrap(bytes, bytes.length - 24, 24).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < 6; i++) {
            data.putFloat(i);
        }
        NdArray a = Npy.read(new ByteArrayInputStream(bytes), "mem");
        assertArrayEquals(new int[] {3, 2}, a.shape());
        // Fortran data 0..5 fills column 0 with 0,1,2 and column 1 with 3,4,5.
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, a.toFloatArray());
        assertEquals(4.0, a.at(1, 1));
    }

    /** .npy bytes with the given header text (padded to {@code align}) and zeroed data. */
    static byte[] rawNpy(String dict, int dataBytes, int align) {
        StringBuilder h = new StringBuilder(dict);
        while ((10 + h.length() + 1) % align != 0) {
            h.append(' ');
        }
        h.append('\n');
        byte[] text = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[10 + text.length + dataBytes];
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) text.length, (byte) (text.length >> 8)};
        System.arraycopy(magic, 0, out, 0, 10);
        System.arraycopy(text, 0, out, 10, text.length);
        return out;
    }

    @Test
    void rejectsBadMagic() {
        byte[] bytes = "PK\u0003\u0004 not numpy".getBytes(StandardCharsets.ISO_8859_1);
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(new ByteArrayInputStream(bytes), "x.npy"));
        assertTrue(e.getMessage().contains("x.npy") && e.getMessage().contains("bad magic"), e.getMessage());
    }

    @Test
    void rejectsObjectAndUnsupportedDtypes() {
        byte[] object = rawNpy("{'descr': '|O', 'fortran_order': False, 'shape': (2,), }", 16, 64);
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(new ByteArrayInputStream(object), "o.npy"));
        assertTrue(e.getMessage().contains("pickled object arrays are not supported"), e.getMessage());
        byte[] complex = rawNpy("{'descr': '<c16', 'fortran_order': False, 'shape': (2,), }", 32, 64);
        e = assertThrows(NpyFormatException.class, () -> Npy.read(new ByteArrayInputStream(complex), "c.npy"));
        assertTrue(e.getMessage().contains("unsupported dtype 'c16'"), e.getMessage());
        byte[] structured = rawNpy("{'descr': [('a', '<i4')], 'fortran_order': False, 'shape': (2,), }", 8, 64);
        e = assertThrows(NpyFormatException.class, () -> Npy.read(new ByteArrayInputStream(structured), "s.npy"));
        assertTrue(e.getMessage().contains("structured"), e.getMessage());
    }

    @Test
    void truncatedDataNamesFileKeyAndByteCounts() throws IOException {
        byte[] full = npyBytes(sample(DType.FLOAT64, 2, 3), ByteOrder.LITTLE_ENDIAN, false, 1);
        byte[] cut = Arrays.copyOf(full, full.length - 28);
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(new ByteArrayInputStream(cut), "t.npy"));
        assertTrue(e.getMessage().contains("t.npy") && e.getMessage().contains("expected 48 bytes, got 20"), e.getMessage());

        Path npz = dir.resolve("cut.npz");
        try (OutputStream out = Files.newOutputStream(npz); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("weights.npy"));
            zip.write(cut);
            zip.closeEntry();
        }
        e = assertThrows(NpyFormatException.class, () -> Npz.read(npz, "weights"));
        assertTrue(e.getMessage().contains("cut.npz [weights]") && e.getMessage().contains("expected 48 bytes, got 20"),
                e.getMessage());
    }

    @Test
    void npzSkipsUnreadableKeysAndNamesMissingOnes() throws IOException {
        Path npz = dir.resolve("mixed.npz");
        try (OutputStream out = Files.newOutputStream(npz); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("metadata.npy"));
            zip.write(rawNpy("{'descr': '|O', 'fortran_order': False, 'shape': (), }", 40, 64));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("codes.npy"));
            zip.write(npyBytes(sample(DType.FLOAT32, 4, 2), ByteOrder.LITTLE_ENDIAN, false, 1));
            zip.closeEntry();
        }
        try (Npz archive = Npz.open(npz)) {
            assertEquals(List.of("metadata", "codes"), archive.keys());
            assertTrue(archive.array("codes").contentEquals(sample(DType.FLOAT32, 4, 2)));
            NpyFormatException e = assertThrows(NpyFormatException.class, () -> archive.array("latents"));
            assertTrue(e.getMessage().contains("no key 'latents'") && e.getMessage().contains("codes"), e.getMessage());
        }
        Path notZip = dir.resolve("plain.npz");
        Files.writeString(notZip, "hello");
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npz.open(notZip));
        assertTrue(e.getMessage().contains("plain.npz"), e.getMessage());
    }

    @Test
    void streamsRecordsOfLargeArrays() throws IOException {
        NdArray a = sample(DType.INT32, 5, 2, 3);
        byte[] bytes = npyBytes(a, ByteOrder.BIG_ENDIAN, false, 1);
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        NpyHeader header = Npy.readHeader(in, "mem");
        assertEquals(5L * 6, header.elementCount());
        List<Long> seen = new ArrayList<>();
        Npy.readRecords(in, header, "mem", (i, record) -> {
            seen.add(i);
            for (int k = 0; k < 6; k++) {
                assertEquals(a.getLong((int) i * 6 + k), record.getInt());
            }
            assertFalse(record.hasRemaining());
        });
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), seen);
    }

    @Test
    void conversionsAndIndexing() {
        NdArray u = NdArray.ofUint8(new byte[] {(byte) 255, 0, 7, (byte) 128}, 2, 2);
        assertEquals(255.0, u.at(0, 0));
        assertEquals(128, u.toIntArray()[3]);
        assertEquals(3, u.flatIndex(1, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> u.flatIndex(2, 0));
        assertThrows(IllegalArgumentException.class, () -> NdArray.ofFloat64(new double[3], 2, 2));
        NdArray f = NdArray.ofFloat64(new double[] {1.5}, 1);
        assertThrows(ArithmeticException.class, f::toLongArray);
    }
}
