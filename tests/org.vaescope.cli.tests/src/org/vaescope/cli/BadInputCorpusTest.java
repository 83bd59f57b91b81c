package org.vaescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaescope.core.numpy.NdArray;
import org.vaescope.core.numpy.Npy;

/**
 * A corpus of bad inputs, generated here (no committed binaries), one or more per class of issue 12:
 * output safety, sizes declared beyond the file or the memory budget, NaN/Inf, non-regular files,
 * late failures, error style and usage. Each case runs the command line in-process and must end with
 * its exit code, a message in the style {@code file[:line:col]: what — what to do} (no exception class
 * names, no stack trace, no raw control characters), and no file changed outside its output folder.
 * The results by verdict go to {@code target/bad-input-corpus.txt}.
 */
class BadInputCorpusTest {

    private static final Pattern EXCEPTION_NAME = Pattern.compile("\\b[A-Z]\\w*(Exception|Error)\\b");
    private static final Pattern RAW_CONTROL = Pattern.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f\\x9b]");

    @TempDir
    static Path root;

    private static Path model;
    private static final List<String> REPORT = new ArrayList<>();
    private static final List<String> MEMORY = new ArrayList<>();
    private static final Map<String, Integer> VERDICTS = new TreeMap<>();
    private static long worstDeclaredBytes;
    private static long worstAllocatedBytes;
    private static String worstCase = "";
    private static long worstResidentDeclaredBytes;
    private static long worstResidentBytes = -1;
    private static String worstResidentCase = "not measured (no /proc/self/clear_refs)";

    /** One case: its folder holds {@code work/} (the user's folder) and {@code victim/} (elsewhere). */
    private record Outcome(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    @BeforeAll
    static void trainATinyModel() {
        model = root.resolve("tiny.vsm");
        Outcome trained = cli("train", "--variant", "vae", "--dataset", "dsprites:size=16", "--arch", "mlp", "--hidden",
                "16", "--latent", "2", "--steps", "2", "--batch", "8", "--seed", "1", "--out", model.toString());
        assertEquals(0, trained.code(), trained.all());
    }

    @AfterAll
    static void writeTheReport() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("bad-input corpus: " + REPORT.size() + " cases; by verdict " + VERDICTS);
        lines.add(String.format(Locale.ROOT, "worst huge-declared-size case: %s — declared %d bytes, heap peak growth %d "
                + "bytes (%.4f%% of declared)", worstCase, worstDeclaredBytes, worstAllocatedBytes,
                100.0 * worstAllocatedBytes / Math.max(1, worstDeclaredBytes)));
        lines.add(String.format(Locale.ROOT, "worst huge-declared-size case by resident memory (heap and native): %s"
                + " — declared %d bytes, process peak RSS growth %d bytes (%.4f%% of declared)", worstResidentCase,
                worstResidentDeclaredBytes, worstResidentBytes,
                100.0 * Math.max(0, worstResidentBytes) / Math.max(1, worstResidentDeclaredBytes)));
        lines.addAll(MEMORY);
        lines.addAll(REPORT);
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.write(target.resolve("bad-input-corpus.txt"), lines, StandardCharsets.UTF_8);
        lines.stream().limit(3).forEach(System.out::println);
    }

    // ---- output safety ----------------------------------------------------------------------

    @Test
    void aDefaultOutputFolderLinkedOutsideIsRefusedByRunAndCheck() throws Exception {
        Path work = folder("out-link");
        Path script = script(work, "s", "report html \"r.html\"\n");
        Path victim = Files.writeString(work.resolveSibling("victim").resolve("r.html"), "precious");
        Files.createSymbolicLink(work.resolve("s-out"), victim.getParent());
        expectError("run/default out folder is a link", work.getParent(), 1, "leads out of the script folder",
                "run", script.toString());
        expectError("check/default out folder is a link", work.getParent(), 1, "leads out of the script folder",
                "check", script.toString());
    }

    @Test
    void anOutputFolderPassingThroughALinkIsRefused() throws Exception {
        Path work = folder("out-through-link");
        Path script = script(work, "s", "report html \"r.html\"\n");
        Files.createDirectories(work.resolveSibling("victim").resolve("deep"));
        Files.createSymbolicLink(work.resolve("outs"), work.resolveSibling("victim"));
        expectError("run --out through a link", work.getParent(), 1, "leads out of the script folder", "run",
                script.toString(), "--out", work.resolve("outs/deep").toString());
    }

    @Test
    void aHardLinkInTheOutputFolderIsReplacedNotWrittenThrough() throws Exception {
        Path work = folder("hard-link");
        Path script = script(work, "s", "report html \"r.html\"\n");
        Path victim = Files.writeString(work.resolveSibling("victim").resolve("precious.html"), "precious");
        Files.createDirectories(work.resolve("s-out"));
        Files.createLink(work.resolve("s-out/r.html"), victim);
        Outcome outcome = expect("run/hard link in the output folder", work.getParent(), 0, "completed",
                p -> p.startsWith(work.resolve("s-out")), "run", script.toString(), "--quick");
        assertEquals("precious", Files.readString(victim), outcome.all());
        assertTrue(Files.readString(work.resolve("s-out/r.html")).contains("<html"), outcome.all());
    }

    @Test
    void anOutputFolderThatIsAFileIsRefusedBeforeRunning() throws Exception {
        Path work = folder("out-is-file");
        Path script = script(work, "s", "report html \"r.html\"\n");
        Files.writeString(work.resolve("s-out"), "a file");
        expectError("run/out folder is a file", work.getParent(), 1, "exists and is not a folder", "run",
                script.toString());
        expectError("check/out folder is a file", work.getParent(), 1, "exists and is not a folder", "check",
                script.toString());
    }

    @Test
    void outputFilesOfOtherCommandsAreCheckedBeforeWork() throws Exception {
        Path work = folder("other-outputs");
        Files.createDirectories(work.resolve("grid.png"));
        expectError("reconstruct --out is a folder", work.getParent(), 1, "is not a regular file", "reconstruct",
                work.resolve("tiny.vsm").toString(), "--dataset", "dsprites:size=16", "--out",
                work.resolve("grid.png").toString());
        Files.createDirectories(work.resolve("m.vsm"));
        expectError("train --out is a folder", work.getParent(), 1, "is not a regular file", "train", "--variant", "vae",
                "--dataset", "dsprites:size=16", "--steps", "1000000", "--out", work.resolve("m.vsm").toString());
    }

    // ---- declared sizes ---------------------------------------------------------------------

    @Test
    void aTinyNpyDeclaringTwoBillionRowsIsRefusedBeforeAllocating() throws Exception {
        Path work = folder("huge-npy");
        Path codes = work.resolve("codes.npy");
        Files.write(codes, npyHeader("<f8", "(2000000000, 8)"));
        Path factors = work.resolve("factors.csv");
        Files.writeString(factors, "1\n2\n");
        hugeCase("metrics/npy declaring 2e9 x 8 float64", work.getParent(), 2_000_000_000L * 8 * 8,
                "but only", "metrics", "--codes", codes.toString(), "--factors", factors.toString());
    }

    @Test
    void anNpzEntryDeclaringMoreThanItHoldsIsRefused() throws Exception {
        Path work = folder("huge-npz");
        Path codes = work.resolve("codes.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(codes))) {
            zip.putNextEntry(new ZipEntry("codes.npy"));
            zip.write(npyHeader("<f4", "(1000000000, 100)"));
            zip.closeEntry();
        }
        Path factors = Files.writeString(work.resolve("factors.csv"), "1\n2\n");
        hugeCase("metrics/npz entry declaring 1e9 x 100 float32", work.getParent(), 400_000_000_000L, "but only",
                "metrics", "--codes", codes.toString(), "--factors", factors.toString());
    }

    @Test
    void aModelDeclaringHugeWidthsIsRefusedBeforeBuildingIt() throws Exception {
        Path work = folder("huge-vsm");
        Path huge = rewriteMetadata(work.resolve("huge.vsm"),
                json -> json.replaceFirst("\"widths\" : \\[ [^]]* \\]", "\"widths\" : [ 65536, 65536 ]"));
        hugeCase("describe/.vsm declaring widths 65536,65536", work.getParent(), 65536L * 65536 * 2 * 4,
                "would need", "describe", huge.toString());
    }

    @Test
    void aSmallNorbTableDeclaringBillionsOfRowsIsRefused() throws Exception {
        Path work = folder("huge-norb");
        Path dat = work.resolve("x-dat.mat");
        Files.write(dat, norbHeader(0x1E3D4C55, 4, 10, 2, 96, 96));
        Files.write(work.resolve("x-cat.mat"), norbHeader(0x1E3D4C54, 1, Integer.MAX_VALUE, 1, 1));
        Files.write(work.resolve("x-info.mat"), norbHeader(0x1E3D4C54, 2, 10, 4, 1));
        hugeCase("train/SmallNORB cat declaring 2^31-1 rows", work.getParent(), Integer.MAX_VALUE * 4L,
                "the header declares", "train", "--variant", "vae", "--dataset", "smallnorb@" + dat, "--out",
                work.resolve("m.vsm").toString());
    }

    @Test
    void countsAreBoundedAtParseTime() throws Exception {
        Path work = folder("counts");
        String vsm = work.resolve("tiny.vsm").toString();
        String[][] usages = {
            {"reconstruct", vsm, "--dataset", "dsprites:size=16", "--out", "g.png", "--n", "0"},
            {"reconstruct", vsm, "--dataset", "dsprites:size=16", "--out", "g.png", "--n", "-5"},
            {"reconstruct", vsm, "--dataset", "dsprites:size=16", "--out", "g.png", "--n", "100000000000"},
            {"metrics", "--codes", "c.csv", "--factors", "f.csv", "--train", "2000000000"},
            {"metrics", "--codes", "c.csv", "--factors", "f.csv", "--test", "0"},
            {"train", "--variant", "vae", "--dataset", "dsprites", "--out", "m.vsm", "--steps", "99999999999"},
            {"train", "--variant", "vae", "--dataset", "dsprites", "--out", "m.vsm", "--batch", "-1"},
            {"train", "--variant", "vae", "--dataset", "dsprites", "--out", "m.vsm", "--latent", "0"},
            {"train", "--variant", "vae", "--dataset", "dsprites", "--out", "m.vsm", "--lr", "NaN"},
            {"reproduce", "--samples", "0", "--out", "r.md"},
            {"reproduce", "--size", "100000", "--out", "r.md"},
            {"reproduce", "--architecture", "resnet", "--out", "r.md"},
            {"reproduce", "--size", "40", "--out", "r.md"},
            {"reproduce", "--only", "dsprites:resnet", "--out", "r.md"},
            {"demo", work.resolve("demo").toString(), "--steps", "0"},
            {"examples", "--steps", "-1"},
        };
        for (String[] args : usages) {
            expectError("usage/" + String.join(" ", args).replace(work.toString(), "W"), work.getParent(), 2,
                    "usage error: ", args);
        }
        expectError("train/dataset size 100000", work.getParent(), 1, "must be a whole number in 1..1024", "train",
                "--variant", "vae", "--dataset", "dsprites:size=100000", "--out", work.resolve("m.vsm").toString());
    }

    // ---- NaN / Inf ------------------------------------------------------------------------

    @Test
    void nonFiniteValuesAreErrorsWithTheirPlace() throws Exception {
        Path work = folder("nan");
        Path csv = Files.writeString(work.resolve("codes.csv"), "a,b\n1,2\n3,NaN\n");
        Path factors = Files.writeString(work.resolve("factors.csv"), "1\n2\n");
        expectError("metrics/NaN in csv codes", work.getParent(), 1, "codes.csv:3:", "metrics", "--codes",
                csv.toString(), "--factors", factors.toString());
        Path npy = work.resolve("codes.npy");
        Npy.write(npy, NdArray.ofFloat64(new double[] {1, 2, Double.POSITIVE_INFINITY, 4}, 2, 2));
        expectError("metrics/Inf in npy codes", work.getParent(), 1, "row 2, column 1 is Infinity", "metrics",
                "--codes", npy.toString(), "--factors", factors.toString());
        Path nanModel = rewriteWeights(work.resolve("nan.vsm"), Float.NaN);
        expectError("describe/NaN weights", work.getParent(), 1, "contains NaN or infinite weights", "describe",
                nanModel.toString());
        Path shapes = work.resolve("shapes.h5");
        try (io.jhdf.WritableHdfFile h5 = io.jhdf.HdfFile.write(shapes)) {
            h5.putDataset("images", new byte[2][64][64][3]);
            h5.putDataset("labels", new double[][] {{0, 0, 0, 0.75, 0, -30}, {0, 0, Double.NaN, 0.75, 0, -30}});
        }
        expectError("train/NaN label in 3DShapes", work.getParent(), 1, "[labels]: row 1, column ", "train", "--variant",
                "vae", "--dataset", "3dshapes-h5@" + shapes, "--out", work.resolve("m.vsm").toString());
        expectError("train/--set beta=Infinity", work.getParent(), 2, "needs a finite number", "train", "--variant",
                "betavae", "--dataset", "dsprites", "--out", "m.vsm", "--set", "beta=Infinity");
    }

    // ---- non-regular files ------------------------------------------------------------------

    @Test
    void fifosDevicesAndFoldersAreRefusedUpFrontWithoutHanging() throws Exception {
        Path work = folder("fifo");
        Path fifo = work.resolve("pipe.vsm");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        Path fifoScript = work.resolve("pipe.vis");
        assertEquals(0, new ProcessBuilder("mkfifo", fifoScript.toString()).start().waitFor());
        String notRegular = "is not a regular file";
        expectError("describe/FIFO model", work.getParent(), 1, notRegular, "describe", fifo.toString());
        expectError("run/FIFO script", work.getParent(), 1, notRegular, "run", fifoScript.toString());
        expectError("check/FIFO script", work.getParent(), 1, notRegular, "check", fifoScript.toString());
        Path fifoCsv = work.resolve("pipe.csv");
        assertEquals(0, new ProcessBuilder("mkfifo", fifoCsv.toString()).start().waitFor());
        expectError("metrics/FIFO codes", work.getParent(), 1, notRegular, "metrics", "--codes", fifoCsv.toString(),
                "--factors", fifoCsv.toString());
        expectError("describe/device", work.getParent(), 1, notRegular, "describe", "/dev/zero");
        expectError("describe/folder", work.getParent(), 1, "is a folder", "describe", work.toString());
        expectError("reconstruct/FIFO model", work.getParent(), 1, notRegular, "reconstruct", fifo.toString(),
                "--dataset", "dsprites:size=16", "--out", work.resolve("g.png").toString());
        Path script = script(work, "fifo-model", "report html \"r.html\"\n")
                .resolveSibling("fifo-model.vis");
        Files.writeString(script, Files.readString(script).replace("tiny.vsm", "pipe.vsm"));
        expectError("check/script naming a FIFO model", work.getParent(), 1, notRegular, "check", script.toString());
    }

    @Test
    void missingFilesAreNamed() throws Exception {
        Path work = folder("missing");
        expectError("describe/missing model", work.getParent(), 1, "no such file — check the path", "describe",
                work.resolve("nope.vsm").toString());
        expectError("run/missing script", work.getParent(), 1, "no such file — check the path", "run",
                work.resolve("nope.vis").toString());
        expectError("metrics/missing codes", work.getParent(), 1, "no such file — check the path", "metrics",
                "--codes", work.resolve("nope.npy").toString(), "--factors", work.resolve("f.csv").toString());
        expectError("train/missing dataset file", work.getParent(), 1, "no such file — check the path", "train",
                "--variant", "vae", "--dataset", "3dshapes-h5@" + work.resolve("nope.h5"), "--out",
                work.resolve("m.vsm").toString());
    }

    // ---- damaged files --------------------------------------------------------------------

    @Test
    void damagedModelAndDataFilesGiveClearErrors() throws Exception {
        Path work = folder("damaged");
        Path dl4j = work.resolve("empty-config.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(dl4j))) {
            zip.putNextEntry(new ZipEntry("configuration.json"));
            zip.write("{}".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("coefficients.bin"));
            zip.write(new byte[16]);
            zip.closeEntry();
        }
        expectError("describe/DL4J zip with configuration {}", work.getParent(), 1, "empty-config.zip: ", "describe",
                dl4j.toString());
        Path h5 = work.resolve("truncated.h5");
        byte[] signature = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0, 8, 8, 0, 4};
        Files.write(h5, signature);
        expectError("train/truncated h5", work.getParent(), 1, "not a readable HDF5 file", "train", "--variant", "vae",
                "--dataset", "3dshapes-h5@" + h5, "--out", work.resolve("m.vsm").toString());
        byte[] bytes = Files.readAllBytes(work.resolve("tiny.vsm"));
        Path truncated = Files.write(work.resolve("truncated.vsm"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        expectError("describe/truncated .vsm", work.getParent(), 1, "truncated.vsm: ", "describe",
                truncated.toString());
        Path script = Files.write(work.resolve("latin1.vis"), new byte[] {'s', 'e', 'e', 'd', ' ', (byte) 0xe9});
        expectError("run/script not UTF-8", work.getParent(), 1, "is not valid UTF-8 text", "run", script.toString());
    }

    // ---- late failures --------------------------------------------------------------------

    @Test
    void checkFindsWhatRunWouldFailOnBeforeComputing() throws Exception {
        Path work = folder("late");
        Path mismatch = script(work, "mismatch", "report html \"r.html\"\n");
        Files.writeString(mismatch, Files.readString(mismatch).replace("dsprites(size=16)", "causal(size=32)"));
        expectError("check/image size differs from the model", work.getParent(), 1,
                "the dataset's images are 32×32 grey but the model 'tiny.vsm' expects 16×16 grey", "check",
                mismatch.toString());
        expectError("run/image size differs from the model", work.getParent(), 1, "expects 16×16 grey", "run",
                mismatch.toString());
        Path broken = Files.writeString(work.resolve("broken.vsm"), "not a model");
        Path unloadable = script(work, "unloadable", "report html \"r.html\"\n");
        Files.writeString(unloadable, Files.readString(unloadable).replace("tiny.vsm", "broken.vsm"));
        expectError("check/model that cannot load", work.getParent(), 1, "cannot be loaded", "check",
                unloadable.toString());
        Path nan = rewriteWeights(work.resolve("nan.vsm"), Float.POSITIVE_INFINITY);
        Path nanScript = script(work, "nan-model", "report html \"r.html\"\n");
        Files.writeString(nanScript, Files.readString(nanScript).replace("tiny.vsm", nan.getFileName().toString()));
        expectError("check/model with infinite weights", work.getParent(), 1, "NaN or infinite weights", "check",
                nanScript.toString());
    }

    @Test
    void scriptCountsGridsAndNumbersAreValidatedBeforeRunning() throws Exception {
        Path work = folder("script-numbers");
        String[][] cases = {
            {"fine grid", "perturb latent 0 by -2..2 step 0.0000000001\n", "more than 10000 — use a larger step"},
            {"huge traversal", "traverse latent 0 range -2..2 steps 100000000\n", "steps must be a whole number in 1..1000"},
            {"infinite value", "set latent 0 = 1e999\n", "not finite"},
        };
        for (String[] c : cases) {
            Path script = script(work, c[0].replace(' ', '-'), c[1]);
            expectError("check/" + c[0], work.getParent(), 1, c[2], "check", script.toString());
            expectError("run/" + c[0], work.getParent(), 1, c[2], "run", script.toString());
        }
    }

    // ---- error style ----------------------------------------------------------------------

    @Test
    void controlCharactersAreEscapedAndLongTokensShortened() throws Exception {
        Path work = folder("style");
        Path evil = work.resolve("bad\u001b]0;owned\u0007name\u001b[31m.vsm");
        Files.writeString(evil, "x");
        Outcome outcome = expectError("describe/escape sequences in the file name", work.getParent(), 1,
                "\\x1b]0;owned\\x07name", "describe", evil.toString());
        assertTrue(outcome.err().contains("name\\x1b[31m.vsm"), outcome.err());
        String longSpec = "x".repeat(5000);
        Outcome longToken = expectError("train/5000-character dataset name", work.getParent(), 1,
                "characters)", "train", "--variant", "vae", "--dataset", longSpec, "--out",
                work.resolve("m.vsm").toString());
        assertTrue(longToken.err().length() < 1000, longToken.err());
    }

    // ---- machinery --------------------------------------------------------------------------

    private static Path folder(String name) throws IOException {
        Path work = Files.createDirectories(root.resolve(name).resolve("work"));
        Files.createDirectories(root.resolve(name).resolve("victim"));
        Files.copy(model, work.resolve("tiny.vsm"));
        return work;
    }

    private static Path script(Path work, String name, String body) throws IOException {
        return Files.writeString(work.resolve(name + ".vis"), "vaescope 1\nmodel \"tiny.vsm\"\n"
                + "dataset dsprites(size=16)\nsamples 8\nseed 1\n" + body);
    }

    private static Outcome expectError(String name, Path world, int code, String message, String... args)
            throws Exception {
        return expect(name, world, code, message, p -> false, args);
    }

    /** Runs one case, records its verdict and asserts it: exit code, message, style, nothing else changed. */
    private static Outcome expect(String name, Path world, int code, String message, Predicate<Path> mayChange,
            String... args) throws Exception {
        Map<Path, String> before = snapshot(world, mayChange);
        Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> cli(args), name + " hangs");
        Map<Path, String> after = snapshot(world, mayChange);
        String text = outcome.all();
        boolean styled = !EXCEPTION_NAME.matcher(outcome.all()).find() && !outcome.all().contains("\tat ")
                && !RAW_CONTROL.matcher(outcome.all()).find();
        boolean unchanged = before.equals(after);
        String verdict = outcome.code() == code && text.contains(message) && styled && unchanged
                ? code == 0 ? "accepted" : "clear error" : "other";
        VERDICTS.merge(verdict, 1, Integer::sum);
        REPORT.add(String.format(Locale.ROOT, "%-12s exit %d  %-52s %s", verdict, outcome.code(), name,
                outcome.err().lines().findFirst().orElse("").replace(world.toString(), "W")));
        assertEquals(code, outcome.code(), name + ": " + outcome.all());
        assertTrue(text.contains(message), name + ": expected '" + message + "' in: " + text);
        assertTrue(styled, name + ": exception name, stack trace or raw control character in: " + outcome.all());
        assertEquals(before, after, name + ": files changed outside the output folder");
        return outcome;
    }

    /**
     * A case whose file declares far more than it holds: also measures the heap it made the JVM grow
     * by and, where Linux lets a process reset its peak resident size, the growth of the process's
     * peak RSS (heap and native memory, ND4J's off-heap buffers included).
     */
    private static void hugeCase(String name, Path world, long declaredBytes, String message, String... args)
            throws Exception {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        long used = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long residentBefore = resetPeakResidentBytes();
        expectError(name, world, 1, message, args);
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long grown = Math.max(0, peak - used);
        long residentGrown = residentBefore < 0 ? -1 : Math.max(0, residentBytes("VmHWM") - residentBefore);
        MEMORY.add(String.format(Locale.ROOT, "memory %-52s declared %d bytes, heap peak +%d, process peak RSS +%d",
                name, declaredBytes, grown, residentGrown));
        if (residentBefore >= 0) {
            if ((double) residentGrown / declaredBytes
                    > (double) worstResidentBytes / Math.max(1, worstResidentDeclaredBytes)) {
                worstResidentBytes = residentGrown;
                worstResidentDeclaredBytes = declaredBytes;
                worstResidentCase = name;
            }
            assertTrue(residentGrown < declaredBytes / 100, name + ": the peak resident size grew by "
                    + residentGrown + " bytes for a declared " + declaredBytes);
        }
        if ((double) grown / declaredBytes > (double) worstAllocatedBytes / Math.max(1, worstDeclaredBytes)) {
            worstAllocatedBytes = grown;
            worstDeclaredBytes = declaredBytes;
            worstCase = name;
        }
        assertTrue(grown < declaredBytes / 100, name + ": the heap grew by " + grown + " bytes for a declared "
                + declaredBytes);
    }

    /** Resets the process's peak resident size (Linux, "5" to clear_refs); the current RSS, or -1 if unsupported. */
    private static long resetPeakResidentBytes() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return residentBytes("VmRSS");
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }

    /** A {@code kB} field of /proc/self/status, in bytes. */
    private static long residentBytes(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("/proc/self/status has no " + field);
    }

    private static Outcome cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = VaescopeCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Every file and link below {@code world} that may not change, with its content hash or link target. */
    private static Map<Path, String> snapshot(Path world, Predicate<Path> mayChange) throws IOException {
        Map<Path, String> state = new TreeMap<>();
        try (Stream<Path> files = Files.walk(world)) {
            for (Path p : files.filter(p -> !mayChange.test(p)).toList()) {
                if (Files.isSymbolicLink(p)) {
                    state.put(p, "link " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    state.put(p, hash(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    state.put(p, "folder");
                }
            }
        }
        return state;
    }

    private static String hash(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] npyHeader(String descr, String shape) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = 10 + dict.length() + 1;
        String padded = dict + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteBuffer buffer = ByteBuffer.allocate(10 + padded.length()).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        buffer.putShort((short) padded.length());
        buffer.put(padded.getBytes(StandardCharsets.ISO_8859_1));
        return buffer.array();
    }

    static byte[] norbHeader(int magic, int ndim, int... dims) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + 4 * Math.max(3, dims.length)).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(magic).putInt(ndim);
        for (int d : dims) {
            buffer.putInt(d);
        }
        return buffer.array();
    }

    /** A copy of the tiny model with its metadata.json rewritten. */
    private static Path rewriteMetadata(Path target, java.util.function.UnaryOperator<String> edit) throws IOException {
        return rewrite(target, (name, bytes) -> name.equals("metadata.json")
                ? edit.apply(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8) : bytes);
    }

    /** A copy of the tiny model whose first weight is {@code value}. */
    private static Path rewriteWeights(Path target, float value) throws IOException {
        boolean[] done = {false};
        return rewrite(target, (name, bytes) -> {
            if (name.startsWith("weights/") && !done[0]) {
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(0, value);
                done[0] = true;
            }
            return bytes;
        });
    }

    private interface EntryEdit {
        byte[] apply(String name, byte[] bytes);
    }

    private static Path rewrite(Path target, EntryEdit edit) throws IOException {
        try (ZipFile source = new ZipFile(model.toFile());
                OutputStream file = Files.newOutputStream(target);
                ZipOutputStream zip = new ZipOutputStream(file)) {
            for (ZipEntry entry : java.util.Collections.list(source.entries())) {
                byte[] bytes = source.getInputStream(entry).readAllBytes();
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(edit.apply(entry.getName(), bytes));
                zip.closeEntry();
            }
        }
        return target;
    }
}
