package org.vaescope.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaescope.core.numpy.NdArray;
import org.vaescope.core.numpy.Npy;
import org.vaescope.core.numpy.Npz;

class DSpritesNpzTest {

    @TempDir
    Path dir;

    private final DSpritesDataset generator = new DSpritesDataset();

    /** Indices of a subset grid: all shapes × scales {1, 4} × orientations {0, 9} × posX {2, 30} × posY {0, 17}, shuffled. */
    private int[] subsetIndices() {
        List<Integer> indices = new ArrayList<>();
        for (int shape = 0; shape < 3; shape++) {
            for (int scale : new int[] {1, 4}) {
                for (int o : new int[] {0, 9}) {
                    for (int x : new int[] {2, 30}) {
                        for (int y : new int[] {0, 17}) {
                            indices.add(DSpritesDataset.indexOf(new int[] {0, shape, scale, o, x, y}));
                        }
                    }
                }
            }
        }
        Collections.shuffle(indices, new Random(7));
        return indices.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void loadsASubsetGridInTheOfficialLayout() throws IOException {
        int[] indices = subsetIndices();
        Map<String, NdArray> arrays = new LinkedHashMap<>(generator.exportArrays(indices));
        Path file = dir.resolve("dsprites_subset.npz");
        writeWithPickledMetadata(file, arrays);

        TabulatedFactorDataset loaded = DSpritesNpz.load(file);
        assertEquals(48, loaded.rowCount());
        assertFalse(loaded.isCompleteGrid());
        assertTrue(loaded.binary());
        assertEquals(64, loaded.height());
        assertEquals(DSpritesDataset.officialFactors(), loaded.factors());
        float[] expected = new float[4096];
        float[] actual = new float[4096];
        for (int r = 0; r < indices.length; r++) {
            int[] classes = DSpritesDataset.latentsClasses(indices[r]);
            assertArrayEquals(classes, loaded.classesOf(r));
            assertEquals(r, loaded.rowOf(classes));
            generator.render(classes, expected, 0);
            loaded.render(classes, actual, 0);
            assertArrayEquals(expected, actual, "image of row " + r);
        }
        int[] missing = {0, 0, 2, 0, 2, 0};
        assertEquals(-1, loaded.rowOf(missing));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loaded.render(missing, actual, 0));
        assertTrue(e.getMessage().contains("no image with classes"), e.getMessage());

        int[][] fixed = loaded.sampleWithFixed(200, 2, 4, new SplittableRandom(3));
        for (int[] c : fixed) {
            assertEquals(4, c[2]);
            assertTrue(loaded.rowOf(c) >= 0, "only existing rows are drawn");
        }
        assertThrows(IllegalArgumentException.class, () -> loaded.sampleWithFixed(1, 2, 0, new SplittableRandom(3)));
        int[][] drawn = loaded.sampleFactors(300, new SplittableRandom(9));
        assertArrayEquals(drawn, loaded.sampleFactors(300, new SplittableRandom(9)));
        for (int[] c : drawn) {
            assertTrue(loaded.rowOf(c) >= 0);
        }
    }

    @Test
    void rowsInTheOfficialOrderAreFoundByTheirClasses() throws IOException {
        int[] first = new int[64];
        for (int i = 0; i < first.length; i++) {
            first[i] = i;
        }
        Path file = dir.resolve("first.npz");
        Npz.write(file, generator.exportArrays(first), true);
        TabulatedFactorDataset loaded = Datasets.open(file, "dsprites-npz");
        for (int i = 0; i < first.length; i++) {
            assertEquals(i, loaded.rowOf(DSpritesDataset.latentsClasses(i)));
        }
    }

    @Test
    void reportsInconsistentOrMissingArrays() throws IOException {
        int[] indices = {0, 1, 2, 3};
        Map<String, NdArray> arrays = new LinkedHashMap<>(generator.exportArrays(indices));
        double[] values = arrays.get("latents_values").toDoubleArray();
        values[3 * 6 + 2] = 0.9; // row 3 claims another value for scale class 0
        arrays.put("latents_values", NdArray.ofFloat64(values, 4, 6));
        Path bad = dir.resolve("bad_values.npz");
        Npz.write(bad, arrays, false);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> DSpritesNpz.load(bad));
        assertTrue(e.getMessage().contains("scale class 0") && e.getMessage().contains("row 3"), e.getMessage());

        Map<String, NdArray> noImages = new LinkedHashMap<>(generator.exportArrays(indices));
        noImages.remove("imgs");
        Path missing = dir.resolve("no_imgs.npz");
        Npz.write(missing, noImages, false);
        e = assertThrows(DatasetFormatException.class, () -> DSpritesNpz.load(missing));
        assertTrue(e.getMessage().contains("no 'imgs'"), e.getMessage());

        Map<String, NdArray> grey = new LinkedHashMap<>(generator.exportArrays(indices));
        byte[] pixels = (byte[]) grey.get("imgs").rawData();
        pixels[2 * 4096 + 100] = (byte) 255;
        Path greyFile = dir.resolve("grey.npz");
        Npz.write(greyFile, grey, false);
        e = assertThrows(DatasetFormatException.class, () -> DSpritesNpz.load(greyFile));
        assertTrue(e.getMessage().contains("image 2 pixel 100 has value 255"), e.getMessage());

        Map<String, NdArray> wrongShape = new LinkedHashMap<>(generator.exportArrays(indices));
        wrongShape.put("latents_classes", NdArray.ofInt64(new long[20], 4, 5));
        Path shapeFile = dir.resolve("shape.npz");
        Npz.write(shapeFile, wrongShape, false);
        e = assertThrows(DatasetFormatException.class, () -> DSpritesNpz.load(shapeFile));
        assertTrue(e.getMessage().contains("expected shape (N, 6)"), e.getMessage());
    }

    /** Writes the arrays like numpy.savez_compressed, plus a pickled 'metadata' entry as in the official file. */
    private static void writeWithPickledMetadata(Path file, Map<String, NdArray> arrays) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("metadata.npy"));
            String dict = "{'descr': '|O', 'fortran_order': False, 'shape': (), }";
            StringBuilder h = new StringBuilder(dict);
            while ((10 + h.length() + 1) % 64 != 0) {
                h.append(' ');
            }
            h.append('\n');
            byte[] text = h.toString().getBytes(StandardCharsets.ISO_8859_1);
            zip.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) text.length, 0});
            zip.write(text);
            zip.write(new byte[] {(byte) 0x80, 2, 'N', '.'}); // a pickle, never to be read
            zip.closeEntry();
            for (Map.Entry<String, NdArray> e : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                Npy.write(zip, e.getValue(), ByteOrder.LITTLE_ENDIAN, false, 1);
                zip.closeEntry();
            }
        }
    }
}
