package org.vaescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaescope.core.data.Datasets;
import org.vaescope.core.numpy.NdArray;
import org.vaescope.core.numpy.Npy;
import org.vaescope.core.numpy.Npz;
import org.vaescope.core.store.ModelFile;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;

/**
 * Feeds every file reader seeded mutations of a valid file (bytes flipped, integers set to extremes,
 * truncations; for {@code .vsm} metadata, JSON values replaced) and asserts that each read either
 * succeeds or fails with the reader's documented exception, an {@link IOException} whose message names
 * the file — never another exception, never a hang.
 */
class ReaderFuzzTest {

    private static final long SEED = 12;
    private static final int MUTANTS = 150;
    private static final int[] EXTREMES = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 65536, 1 << 30};
    private static final Map<String, int[]> RESULTS = new TreeMap<>();

    @TempDir
    static Path dir;

    private static Path model;

    /** A reader under test: reads a file, may throw only IOException. */
    private interface Reader {
        void read(Path file) throws IOException;
    }

    @BeforeAll
    static void trainATinyModel() {
        model = dir.resolve("seed.vsm");
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(sink, true, StandardCharsets.UTF_8);
        assertEquals(0, VaescopeCli.run(new String[] {"train", "--variant", "vae", "--dataset", "dsprites:size=16",
            "--arch", "mlp", "--hidden", "8", "--latent", "2", "--steps", "1", "--batch", "4", "--out", model.toString()},
                print, print), sink.toString(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void writeTheReport() throws IOException {
        List<String> lines = new ArrayList<>();
        RESULTS.forEach((reader, counts) -> lines.add(String.format(Locale.ROOT,
                "%-16s %4d mutants: %4d read, %4d documented error, %d other", reader, counts[0] + counts[1] + counts[2],
                counts[0], counts[1], counts[2])));
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/reader-fuzz.txt"), lines, StandardCharsets.UTF_8);
        lines.forEach(System.out::println);
    }

    @Test
    void npy() throws Exception {
        Path seed = dir.resolve("seed.npy");
        Npy.write(seed, NdArray.ofFloat64(new double[] {1, 2, 3, 4, 5, 6}, 3, 2));
        fuzzBytes("npy", Files.readAllBytes(seed), ".npy", Npy::read);
    }

    @Test
    void npz() throws Exception {
        Path seed = dir.resolve("seed.npz");
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        arrays.put("codes", NdArray.ofFloat64(new double[] {1, 2, 3, 4, 5, 6}, 3, 2));
        arrays.put("factors", NdArray.ofFloat64(new double[] {0, 1, 2}, 3, 1));
        Npz.write(seed, arrays, false);
        fuzzBytes("npz", Files.readAllBytes(seed), ".npz", Npz::readAll);
        Npz.write(seed, arrays, true);
        fuzzBytes("npz-compressed", Files.readAllBytes(seed), ".npz", Npz::readAll);
    }

    @Test
    void threeDShapesH5() throws Exception {
        Path seed = dir.resolve("seed.h5");
        try (WritableHdfFile h5 = HdfFile.write(seed)) {
            h5.putDataset("images", new byte[2][64][64][3]);
            h5.putDataset("labels", new double[][] {{0, 0, 0, 0.75, 0, -30}, {0.9, 0.9, 0.9, 1.25, 3, 30}});
        }
        fuzzBytes("3dshapes-h5", Files.readAllBytes(seed), ".h5", file -> Datasets.open(file, "3dshapes-h5").close());
    }

    @Test
    void smallNorb() throws Exception {
        int n = 2;
        byte[] dat = norb(0x1E3D4C55, new int[] {n, 2, 96, 96}, new byte[n * 2 * 96 * 96]);
        byte[] cat = norb(0x1E3D4C54, new int[] {n}, ints(0, 4));
        byte[] info = norb(0x1E3D4C54, new int[] {n, 4}, ints(4, 8, 10, 5, 9, 0, 34, 2));
        Map<String, byte[]> files = Map.of("dat", dat, "cat", cat, "info", info);
        for (String part : List.of("dat", "cat", "info")) {
            fuzzBytes("smallnorb-" + part, files.get(part), "-" + part + ".mat", mutant -> {
                Path folder = Files.createDirectories(mutant.resolveSibling(mutant.getFileName() + "-set"));
                for (String other : files.keySet()) {
                    Path target = folder.resolve("x-" + other + ".mat");
                    if (other.equals(part)) {
                        Files.copy(mutant, target);
                    } else {
                        Files.write(target, files.get(other));
                    }
                }
                Datasets.open(folder.resolve("x-dat.mat"), "smallnorb").close();
            });
        }
    }

    @Test
    void vsmMetadata() throws Exception {
        String metadata;
        try (ZipFile zip = new ZipFile(model.toFile())) {
            metadata = new String(zip.getInputStream(zip.getEntry("metadata.json")).readAllBytes(),
                    StandardCharsets.UTF_8);
        }
        SplittableRandom random = new SplittableRandom(SEED);
        Pattern values = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?|\"[^\"]*\"|true|false");
        String[] replacements = {"-1", "0", "2147483648", "65536", "1e308", "-1e308", "NaN", "\"x\"", "null", "[]",
            "{}", "99999999999999999999"};
        for (int i = 0; i < MUTANTS; i++) {
            List<int[]> spans = new ArrayList<>();
            Matcher m = values.matcher(metadata);
            while (m.find()) {
                spans.add(new int[] {m.start(), m.end()});
            }
            StringBuilder mutant = new StringBuilder(metadata);
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                int[] span = spans.get(random.nextInt(spans.size()));
                if (span[1] <= mutant.length()) {
                    mutant.replace(span[0], span[1], replacements[random.nextInt(replacements.length)]);
                }
            }
            String text = random.nextInt(10) == 0 ? mutant.substring(0, random.nextInt(mutant.length()))
                    : mutant.toString();
            Path file = dir.resolve("vsm-metadata-" + i + ".vsm");
            withMetadata(file, text);
            tryRead("vsm-metadata", file, ModelFile::load);
        }
        fuzzBytes("vsm-bytes", Files.readAllBytes(model), ".vsm", ModelFile::load);
    }

    // ---- machinery --------------------------------------------------------------------------

    private static void fuzzBytes(String name, byte[] seed, String suffix, Reader reader) throws Exception {
        SplittableRandom random = new SplittableRandom(SEED ^ name.hashCode());
        for (int i = 0; i < MUTANTS; i++) {
            byte[] mutant = mutate(seed, random);
            Path file = Files.write(dir.resolve(name + "-" + i + suffix), mutant);
            tryRead(name, file, reader);
        }
    }

    private static byte[] mutate(byte[] seed, SplittableRandom random) {
        byte[] bytes = seed.clone();
        for (int k = 1 + random.nextInt(4); k > 0; k--) {
            switch (random.nextInt(4)) {
                case 0 -> bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                case 1 -> {
                    // headers sit at the start: aim most integer writes there
                    int at = random.nextInt(Math.min(bytes.length - 3, random.nextBoolean() ? 256 : bytes.length));
                    ByteBuffer.wrap(bytes).order(random.nextBoolean() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN)
                            .putInt(at, EXTREMES[random.nextInt(EXTREMES.length)]);
                }
                case 2 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
                default -> {
                    int at = random.nextInt(bytes.length);
                    if (Character.isDigit(bytes[at])) {
                        bytes[at] = '9';
                    } else {
                        bytes[at] = (byte) random.nextInt(256);
                    }
                }
            }
            if (bytes.length < 4) {
                break;
            }
        }
        return bytes;
    }

    private static void tryRead(String name, Path file, Reader reader) {
        int[] counts = RESULTS.computeIfAbsent(name, k -> new int[3]);
        Throwable escaped = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try {
                reader.read(file);
                counts[0]++;
                return null;
            } catch (IOException e) {
                counts[1]++;
                assertTrue(e.getMessage() != null && e.getMessage().contains(file.getFileName().toString()
                        .replaceFirst("-(dat|cat|info)\\.mat$", "")), name + ": message does not name the file: "
                                + e.getMessage());
                return null;
            } catch (RuntimeException | Error e) {
                counts[2]++;
                return e;
            }
        }, name + ": " + file + " hangs");
        if (escaped != null) {
            throw new AssertionError(name + ": " + file + " let an undocumented " + escaped + " escape", escaped);
        }
    }

    private static void withMetadata(Path target, String metadata) throws IOException {
        try (ZipFile source = new ZipFile(model.toFile());
                ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry entry : java.util.Collections.list(source.entries())) {
                byte[] bytes = entry.getName().equals("metadata.json") ? metadata.getBytes(StandardCharsets.UTF_8)
                        : source.getInputStream(entry).readAllBytes();
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(bytes);
                zip.closeEntry();
            }
        }
    }

    private static byte[] norb(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + 4 * Math.max(3, dims.length) + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(magic).putInt(dims.length);
        for (int d = 0; d < Math.max(3, dims.length); d++) {
            b.putInt(d < dims.length ? dims[d] : 1);
        }
        return b.put(data).array();
    }

    private static byte[] ints(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }
}
