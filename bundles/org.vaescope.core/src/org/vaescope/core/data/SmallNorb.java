package org.vaescope.core.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.vaescope.core.runtime.InputFiles;
import org.vaescope.core.runtime.MemoryBudget;
import org.vaescope.core.internal.data.AreaResample;
import org.vaescope.core.internal.data.ByteImages;

/**
 * Loads SmallNORB from its binary matrix files: {@code …-dat.mat} (uint8, N×2×96×96 stereo pairs),
 * {@code …-cat.mat} (int32, N categories) and {@code …-info.mat} (int32, N×4: instance,
 * elevation, azimuth, lighting), optionally gzipped ({@code .mat.gz}).
 * <p>
 * Matrix format: little-endian int32 magic (0x1E3D4C55 uint8 or 0x1E3D4C54
 * int32), int32 ndim, then max(3, ndim) int32 dimensions (unused ones are 1), then the data.
 * <p>
 * Factors (classes; values): category 5 (0..4: animal, human, airplane, truck, car); instance 10
 * (0..9); elevation 9 (30, 35, …, 70 degrees); azimuth 18 (info values 0, 2, …, 34 → class
 * value/2, values 0, 20, …, 340 degrees); lighting 6 (0..5). Only the first image of each stereo
 * pair is used, shrunk by area averaging to the requested size (96 = unchanged, 64 for the standard
 * models). The training file holds instances 4, 6, 7, 8, 9 of each category and the test file
 * instances 0, 1, 2, 3, 5: one file covers half the instance classes, and images of the other
 * half cannot be rendered; load both files (or their directory) for the full grid of 48,600.
 */
public final class SmallNorb {

    static final int BYTE_MAGIC = 0x1E3D4C55;
    static final int INT_MAGIC = 0x1E3D4C54;
    private static final String BYTE_MAGIC_HEX = "0x1E3D4C55";
    private static final String INT_MAGIC_HEX = "0x1E3D4C54";
    private static final int SIDE = 96;
    private static final List<Factor> FACTORS = List.of(
            new Factor("category", new double[] {0, 1, 2, 3, 4}),
            new Factor("instance", new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}),
            new Factor("elevation", DSpritesDataset.linspace(30, 70, 9)),
            new Factor("azimuth", DSpritesDataset.linspace(0, 340, 18)),
            new Factor("lighting", new double[] {0, 1, 2, 3, 4, 5}));

    private SmallNorb() {
    }

    /** The SmallNORB factors. */
    public static List<Factor> factors() {
        return FACTORS;
    }

    /**
     * Loads one {@code -dat} file (its {@code -cat} and {@code -info} files are found by name
     * beside it) or every {@code -dat} file in a directory.
     *
     * @param size image side, 1..96 (64 for the standard models)
     */
    public static TabulatedFactorDataset load(Path datFileOrDirectory, int size) throws IOException {
        if (Files.isDirectory(datFileOrDirectory)) {
            List<Path> dats;
            try (Stream<Path> files = Files.list(datFileOrDirectory)) {
                dats = files.filter(p -> p.getFileName().toString().matches(".*-dat\\.mat(\\.gz)?")).sorted().toList();
            }
            if (dats.isEmpty()) {
                throw new DatasetFormatException(datFileOrDirectory + ": no SmallNORB '*-dat.mat' file in this directory");
            }
            return load(dats, size);
        }
        return load(List.of(datFileOrDirectory), size);
    }

    /** Loads and concatenates several {@code -dat} files (e.g. training and testing). */
    public static TabulatedFactorDataset load(List<Path> datFiles, int size) throws IOException {
        if (size < 1 || size > SIDE) {
            throw new IllegalArgumentException("SmallNORB image size must be in 1..96, got " + size);
        }
        List<int[]> tables = new ArrayList<>();
        int total = 0;
        for (Path dat : datFiles) {
            int[] table = labels(dat);
            tables.add(table);
            total += table.length / FACTORS.size();
        }
        ByteImages images = new ByteImages(total, 1, size, size, false, total + " SmallNORB images");
        int[] classes = new int[total * FACTORS.size()];
        int row = 0;
        for (int i = 0; i < datFiles.size(); i++) {
            int[] table = tables.get(i);
            System.arraycopy(table, 0, classes, row * FACTORS.size(), table.length);
            readImages(datFiles.get(i), table.length / FACTORS.size(), size, images, row);
            row += table.length / FACTORS.size();
        }
        return new TabulatedFactorDataset("smallnorb", 1, size, size, false, FACTORS, classes, images);
    }

    static Path sibling(Path dat, String part) throws DatasetFormatException {
        String name = dat.getFileName().toString();
        int at = name.lastIndexOf("-dat");
        if (at < 0) {
            throw new DatasetFormatException(dat + ": a SmallNORB image file name must contain '-dat'");
        }
        return dat.resolveSibling(name.substring(0, at) + "-" + part + name.substring(at + 4));
    }

    /** The class table (N × 5) from the {@code -cat} and {@code -info} files of {@code dat}. */
    private static int[] labels(Path dat) throws IOException {
        Path catFile = sibling(dat, "cat");
        Path infoFile = sibling(dat, "info");
        int[] cat;
        int[] info;
        int n;
        try (DataInputStream in = open(catFile)) {
            int[] dims = header(in, catFile, INT_MAGIC);
            n = dims[0];
            cat = ints(in, n, catFile);
        }
        try (DataInputStream in = open(infoFile)) {
            int[] dims = header(in, infoFile, INT_MAGIC);
            if (dims.length < 2 || dims[0] != n || dims[1] != 4) {
                throw new DatasetFormatException(infoFile + ": expected an " + n + "×4 matrix, found " + Arrays.toString(dims));
            }
            info = ints(in, (int) Math.min(Integer.MAX_VALUE, 4L * n), infoFile);
        }
        int k = FACTORS.size();
        int[] table = new int[n * k];
        for (int r = 0; r < n; r++) {
            int azimuth = info[r * 4 + 2];
            if (azimuth % 2 != 0) {
                throw new DatasetFormatException(infoFile + ": row " + r + " has odd azimuth " + azimuth + " (expected 0, 2, ..., 34)");
            }
            table[r * k] = cat[r];
            table[r * k + 1] = info[r * 4];
            table[r * k + 2] = info[r * 4 + 1];
            table[r * k + 3] = azimuth / 2;
            table[r * k + 4] = info[r * 4 + 3];
            for (int f = 0; f < k; f++) {
                if (table[r * k + f] < 0 || table[r * k + f] >= FACTORS.get(f).size()) {
                    throw new DatasetFormatException((f == 0 ? catFile : infoFile) + ": row " + r + " has "
                            + FACTORS.get(f).name() + " " + (f == 3 ? azimuth : table[r * k + f]) + ", out of range");
                }
            }
        }
        return table;
    }

    private static void readImages(Path dat, int n, int size, ByteImages images, int firstRow) throws IOException {
        try (DataInputStream in = open(dat)) {
            int[] dims = header(in, dat, BYTE_MAGIC);
            if (dims.length != 4 || dims[0] != n || dims[1] != 2 || dims[2] != SIDE || dims[3] != SIDE) {
                throw new DatasetFormatException(dat + ": expected a " + n + "×2×96×96 matrix, found " + Arrays.toString(dims));
            }
            AreaResample resample = new AreaResample(SIDE, size);
            byte[] pair = new byte[2 * SIDE * SIDE];
            byte[] small = new byte[size * size];
            for (int r = 0; r < n; r++) {
                try {
                    in.readFully(pair);
                } catch (EOFException e) {
                    throw new DatasetFormatException(dat + ": truncated data: expected " + (long) n * pair.length
                            + " bytes of images, file ends in image " + r);
                }
                resample.apply(pair, 0, small, 0);
                images.put(firstRow + r, small, 0);
            }
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        Optional<String> problem = InputFiles.problem(file);
        if (problem.isPresent()) {
            throw new DatasetFormatException(file + ": " + problem.get() + " (SmallNORB needs the -dat, -cat and "
                    + "-info files)");
        }
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new DataInputStream(in);
    }

    /** Reads magic, ndim and the dimensions; returns the first ndim dimensions. */
    private static int[] header(DataInputStream in, Path file, int expectedMagic) throws IOException {
        try {
            int magic = Integer.reverseBytes(in.readInt());
            if (magic != expectedMagic) {
                throw new DatasetFormatException(file + ": bad magic 0x" + Integer.toHexString(magic).toUpperCase()
                        + ", expected " + (expectedMagic == BYTE_MAGIC ? BYTE_MAGIC_HEX + " (uint8 matrix)" : INT_MAGIC_HEX
                        + " (int32 matrix)"));
            }
            int ndim = Integer.reverseBytes(in.readInt());
            if (ndim < 1 || ndim > 16) {
                throw new DatasetFormatException(file + ": implausible number of dimensions " + ndim);
            }
            int[] dims = new int[Math.max(3, ndim)];
            for (int d = 0; d < dims.length; d++) {
                dims[d] = Integer.reverseBytes(in.readInt());
            }
            return Arrays.copyOf(dims, ndim);
        } catch (EOFException e) {
            throw new DatasetFormatException(file + ": truncated header");
        }
    }

    private static int[] ints(DataInputStream in, int count, Path file) throws IOException {
        long bytes = MemoryBudget.product(count, 4);
        boolean compressed = file.getFileName().toString().endsWith(".gz");
        if (count < 0 || bytes > Integer.MAX_VALUE || !compressed && bytes > Files.size(file)) {
            throw new DatasetFormatException(file + ": the header declares " + count + " values but the file holds "
                    + Files.size(file) + " bytes — the file is truncated or its header is damaged");
        }
        try {
            MemoryBudget.require(bytes, file + ": a table of " + count + " values");
        } catch (IllegalStateException e) {
            throw new DatasetFormatException(e.getMessage());
        }
        byte[] raw = new byte[count * 4];
        try {
            in.readFully(raw);
        } catch (EOFException e) {
            throw new DatasetFormatException(file + ": truncated data: expected " + raw.length + " bytes after the header");
        }
        int[] values = new int[count];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(values);
        return values;
    }
}
