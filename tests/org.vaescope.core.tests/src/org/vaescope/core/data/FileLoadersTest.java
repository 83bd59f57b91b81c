package org.vaescope.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaescope.core.numpy.NdArray;
import org.vaescope.core.numpy.Npz;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;

class FileLoadersTest {

    @TempDir
    Path dir;

    /** A distinctive 8-bit pixel value (covers values above 127) for image r, row y, column x, channel c. */
    private static int pixel(int r, int y, int x, int c) {
        return (r * 53 + y * 7 + x * 3 + c * 101) % 256;
    }

    // ---------------------------------------------------------------- 3DShapes

    private static final int[][] SHAPES_CLASSES = {{0, 0, 0, 0, 0, 0}, {9, 3, 5, 7, 3, 14}, {2, 8, 1, 4, 1, 7}, {5, 5, 9, 0, 2, 3}};

    private Path writeThreeDShapes(double[][] labels) throws IOException {
        int n = labels.length;
        // jhdf 0.9.4 writes Java bytes as signed int8; the real file is uint8 (read by jhdf as ints).
        byte[][][][] images = new byte[n][64][64][3];
        for (int r = 0; r < n; r++) {
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    for (int c = 0; c < 3; c++) {
                        images[r][y][x][c] = (byte) pixel(r, y, x, c);
                    }
                }
            }
        }
        Path file = dir.resolve("3dshapes.h5");
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            h5.putDataset("images", images);
            h5.putDataset("labels", labels);
        }
        return file;
    }

    private static double[][] shapesLabels() {
        List<Factor> factors = ThreeDShapesH5.factors();
        double[][] labels = new double[SHAPES_CLASSES.length][6];
        for (int r = 0; r < labels.length; r++) {
            for (int f = 0; f < 6; f++) {
                labels[r][f] = factors.get(f).value(SHAPES_CLASSES[r][f]);
            }
        }
        return labels;
    }

    @Test
    void threeDShapesReadsImagesAndMapsLabelsToClasses() throws IOException {
        Path file = writeThreeDShapes(shapesLabels());
        for (long limit : new long[] {1L << 30, 0}) {
            try (TabulatedFactorDataset d = ThreeDShapesH5.load(file, limit)) {
                assertEquals(3, d.channels());
                assertEquals(4, d.rowCount());
                assertEquals(List.of("floorHue", "wallHue", "objectHue", "scale", "shape", "orientation"),
                        d.factors().stream().map(Factor::name).toList());
                assertEquals(-30.0, d.factors().get(5).value(0), 1e-12);
                assertEquals(1.25, d.factors().get(3).value(7), 1e-12);
                float[] img = new float[d.imageSize()];
                for (int r = 0; r < SHAPES_CLASSES.length; r++) {
                    assertArrayEquals(SHAPES_CLASSES[r], d.classesOf(r));
                    d.render(SHAPES_CLASSES[r], img, 0);
                    for (int[] p : new int[][] {{0, 0, 0}, {10, 20, 1}, {63, 63, 2}, {31, 5, 2}}) {
                        assertEquals(pixel(r, p[0], p[1], p[2]) / 255f, img[p[2] * 4096 + p[0] * 64 + p[1]], 1e-6,
                                "limit " + limit + " image " + r + " pixel " + java.util.Arrays.toString(p));
                    }
                }
            }
        }
        markImagesUnsigned(file);
        try (HdfFile check = new HdfFile(file)) {
            assertEquals(int.class, check.getDatasetByPath("images").getJavaType(), "now uint8 as in the real file");
        }
        for (long limit : new long[] {1L << 30, 0}) {
            try (TabulatedFactorDataset d = ThreeDShapesH5.load(file, limit)) {
                float[] img = new float[d.imageSize()];
                d.render(SHAPES_CLASSES[1], img, 0);
                assertEquals(1, d.rowOf(SHAPES_CLASSES[1]));
                for (int[] p : new int[][] {{0, 0, 0}, {10, 20, 1}, {63, 63, 2}, {31, 5, 2}}) {
                    assertEquals(pixel(1, p[0], p[1], p[2]) / 255f, img[p[2] * 4096 + p[0] * 64 + p[1]], 1e-6);
                }
            }
        }
        try (TabulatedFactorDataset d = Datasets.open(file, "3dshapes-h5")) {
            assertEquals(2, d.rowOf(SHAPES_CLASSES[2]));
        }
    }

    /**
     * Turns the signed int8 image type jhdf writes into uint8, the type of the real file, by clearing
     * the "signed" bit of the fixed-point datatype message and updating the object header checksum.
     */
    private static void markImagesUnsigned(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        // datatype message body: version 1 | class 0 (fixed point), bit field 0x08 (signed), size 1, offset 0, precision 8
        byte[] signedInt8 = {0x10, 0x08, 0, 0, 1, 0, 0, 0, 0, 0, 8, 0};
        int at = indexOf(b, signedInt8, 0);
        assertTrue(at > 0 && indexOf(b, signedInt8, at + 1) < 0, "exactly one int8 datatype in the file");
        int header = at;
        while (!(b[header] == 'O' && b[header + 1] == 'H' && b[header + 2] == 'D' && b[header + 3] == 'R')) {
            header--;
        }
        int flags = b[header + 5];
        int sizeBytes = 1 << (flags & 3);
        int fixed = 6 + ((flags & 0x20) != 0 ? 16 : 0) + ((flags & 0x10) != 0 ? 4 : 0);
        long chunk = 0;
        for (int k = 0; k < sizeBytes; k++) {
            chunk |= (long) (b[header + fixed + k] & 0xFF) << (8 * k);
        }
        int end = header + fixed + sizeBytes + (int) chunk;
        assertTrue(at < end, "datatype message inside the first header chunk");
        b[at + 1] = 0;
        int checksum = io.jhdf.checksum.ChecksumUtils.checksum(java.util.Arrays.copyOfRange(b, header, end));
        ByteBuffer.wrap(b, end, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(checksum);
        Files.write(file, b);
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= haystack.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void threeDShapesRejectsLabelsOffTheGrid() throws IOException {
        double[][] labels = shapesLabels();
        labels[2][3] = 0.8; // between scale values 0.75 and 0.821
        Path file = writeThreeDShapes(labels);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> ThreeDShapesH5.load(file));
        assertTrue(e.getMessage().contains("row 2 scale = 0.8"), e.getMessage());
        Path notH5 = dir.resolve("text.h5");
        Files.writeString(notH5, "not hdf5 at all");
        e = assertThrows(DatasetFormatException.class, () -> ThreeDShapesH5.load(notH5));
        assertTrue(e.getMessage().contains("text.h5"), e.getMessage());
    }

    // ---------------------------------------------------------------- SmallNORB

    /** Writes one SmallNORB matrix: magic, ndim, max(3, ndim) dims, data, all little endian. */
    private static void writeNorbMatrix(Path file, int magic, int[] dims, byte[] data, boolean gzip) throws IOException {
        int stored = Math.max(3, dims.length);
        ByteBuffer header = ByteBuffer.allocate(8 + 4 * stored).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(magic).putInt(dims.length);
        for (int d = 0; d < stored; d++) {
            header.putInt(d < dims.length ? dims[d] : 1);
        }
        try (OutputStream raw = Files.newOutputStream(file); OutputStream out = gzip ? new GZIPOutputStream(raw) : raw) {
            out.write(header.array());
            out.write(data);
        }
    }

    private static byte[] ints(int[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    /** Rows: category, instance, elevation, azimuth (0..34 even), lighting. */
    private static final int[][] NORB_ROWS = {{0, 4, 0, 0, 0}, {4, 9, 8, 34, 5}, {2, 6, 3, 10, 2}};

    private Path writeNorb(String prefix, boolean gzip) throws IOException {
        int n = NORB_ROWS.length;
        byte[] dat = new byte[n * 2 * 96 * 96];
        int[] cat = new int[n];
        int[] info = new int[n * 4];
        for (int r = 0; r < n; r++) {
            for (int y = 0; y < 96; y++) {
                for (int x = 0; x < 96; x++) {
                    dat[r * 2 * 9216 + y * 96 + x] = (byte) pixel(r, y, x, 0);
                    dat[r * 2 * 9216 + 9216 + y * 96 + x] = (byte) 77; // second camera, ignored
                }
            }
            cat[r] = NORB_ROWS[r][0];
            System.arraycopy(NORB_ROWS[r], 1, info, r * 4, 4);
        }
        String gz = gzip ? ".gz" : "";
        Path datFile = dir.resolve(prefix + "-dat.mat" + gz);
        writeNorbMatrix(datFile, 0x1E3D4C55, new int[] {n, 2, 96, 96}, dat, gzip);
        writeNorbMatrix(dir.resolve(prefix + "-cat.mat" + gz), 0x1E3D4C54, new int[] {n}, ints(cat), gzip);
        writeNorbMatrix(dir.resolve(prefix + "-info.mat" + gz), 0x1E3D4C54, new int[] {n, 4}, ints(info), gzip);
        return datFile;
    }

    @Test
    void smallNorbReadsTheFirstCameraAndMapsInfoToClasses() throws IOException {
        for (boolean gzip : new boolean[] {false, true}) {
            Path dat = writeNorb("smallnorb-5x46789x9x18x6x2x96x96-training" + (gzip ? "z" : ""), gzip);
            TabulatedFactorDataset d = SmallNorb.load(dat, 96);
            assertEquals(3, d.rowCount());
            float[] img = new float[d.imageSize()];
            for (int r = 0; r < NORB_ROWS.length; r++) {
                int[] expected = NORB_ROWS[r].clone();
                expected[3] /= 2;
                assertArrayEquals(expected, d.classesOf(r));
                d.render(expected, img, 0);
                for (int[] p : new int[][] {{0, 0}, {50, 17}, {95, 95}}) {
                    assertEquals(pixel(r, p[0], p[1], 0) / 255f, img[p[0] * 96 + p[1]], 1e-6);
                }
            }
            assertEquals(340.0, d.factors().get(3).value(17), 1e-9);
            assertEquals(70.0, d.factors().get(2).value(8), 1e-9);
            // instances 0..3 and 5 belong to the test file
            assertThrows(IllegalArgumentException.class, () -> d.sampleWithFixed(1, 1, 0, new SplittableRandom(1)));
        }
    }

    @Test
    void smallNorbDownscalesByAreaAveragingAndLoadsADirectory() throws IOException {
        Path norbDir = Files.createDirectory(dir.resolve("norb"));
        dir = norbDir;
        Path dat = writeNorb("smallnorb-5x01235x9x18x6x2x96x96-testing", false);
        TabulatedFactorDataset d = Datasets.open(norbDir, "smallnorb");
        assertEquals(64, d.width());
        float[] img = new float[d.imageSize()];
        d.renderRow(0, img, 0);
        // output pixel (i, j) covers input [1.5i, 1.5i+1.5)²: weights 1, 1/2 by 1, 1/2 for even i, j
        for (int[] p : new int[][] {{0, 0}, {10, 20}, {31, 7}}) {
            double sum = 0;
            double weights = 0;
            int y0 = p[0] * 3 / 2;
            int x0 = p[1] * 3 / 2;
            for (int dy = 0; dy < 2; dy++) {
                for (int dx = 0; dx < 2; dx++) {
                    double wy = p[0] % 2 == 0 ? (dy == 0 ? 1 : 0.5) : (dy == 0 ? 0.5 : 1);
                    double wx = p[1] % 2 == 0 ? (dx == 0 ? 1 : 0.5) : (dx == 0 ? 0.5 : 1);
                    sum += wy * wx * pixel(0, y0 + dy, x0 + dx, 0);
                    weights += wy * wx;
                }
            }
            assertEquals(Math.round(sum / weights) / 255f, img[p[0] * 64 + p[1]], 1e-6, "pixel " + p[0] + "," + p[1]);
        }
        Path cat = SmallNorb.sibling(dat, "cat");
        byte[] bytes = Files.readAllBytes(cat);
        bytes[0] = 0x55; // int magic turned into the byte magic
        Files.write(cat, bytes);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> SmallNorb.load(dat, 64));
        assertTrue(e.getMessage().contains("-cat.mat") && e.getMessage().contains("bad magic"), e.getMessage());
    }

    // ---------------------------------------------------------------- MPI3D

    @Test
    void mpi3dReadsChannelLastImagesWithExplicitClasses() throws IOException {
        int[][] classes = {{5, 0, 1, 2, 0, 39, 0}, {0, 5, 0, 0, 2, 3, 38}};
        byte[] images = new byte[2 * 64 * 64 * 3];
        for (int r = 0; r < 2; r++) {
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    for (int c = 0; c < 3; c++) {
                        images[((r * 64 + y) * 64 + x) * 3 + c] = (byte) pixel(r, y, x, c);
                    }
                }
            }
        }
        long[] table = new long[14];
        for (int r = 0; r < 2; r++) {
            for (int f = 0; f < 7; f++) {
                table[r * 7 + f] = classes[r][f];
            }
        }
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        arrays.put("images", NdArray.ofUint8(images, 2, 64, 64, 3));
        arrays.put("latents_classes", NdArray.ofInt64(table, 2, 7));
        Path file = dir.resolve("mpi3d_subset.npz");
        Npz.write(file, arrays, true);
        TabulatedFactorDataset d = Datasets.open(file, "mpi3d-npz");
        assertEquals(List.of(6, 6, 2, 3, 3, 40, 40), d.factors().stream().map(Factor::size).toList());
        float[] img = new float[d.imageSize()];
        for (int r = 0; r < 2; r++) {
            d.render(classes[r], img, 0);
            for (int[] p : new int[][] {{0, 0, 0}, {12, 40, 1}, {63, 2, 2}}) {
                assertEquals(pixel(r, p[0], p[1], p[2]) / 255f, img[p[2] * 4096 + p[0] * 64 + p[1]], 1e-6);
            }
        }
        arrays.remove("latents_classes");
        Path noClasses = dir.resolve("mpi3d_noclasses.npz");
        Npz.write(noClasses, arrays, false);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Mpi3dNpz.load(noClasses));
        assertTrue(e.getMessage().contains("1036800") && e.getMessage().contains("latents_classes"), e.getMessage());
        arrays.put("images", NdArray.ofUint8(new byte[2 * 32 * 32 * 3], 2, 32, 32, 3));
        Path small = dir.resolve("mpi3d_small.npz");
        Npz.write(small, arrays, false);
        e = assertThrows(DatasetFormatException.class, () -> Mpi3dNpz.load(small));
        assertTrue(e.getMessage().contains("(N, 64, 64, 3)"), e.getMessage());
    }
}
