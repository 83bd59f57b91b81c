package org.vaescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaescope.core.numpy.NdArray;
import org.vaescope.core.numpy.Npy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class VaescopeCliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return VaescopeCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void demoDescribesTrainsAndAnalyses() throws Exception {
        assertEquals(0, run("demo", dir.toString(), "--steps", "20"), err());
        assertTrue(out().contains("encoder.conv1"), out());
        assertTrue(out().contains("32×32×32"), out());
        assertTrue(out().contains("disentanglement score (MIG)"), out());
        for (String file : new String[] {"demo-encoder.zip", "demo-betavae.vsm", "reconstructions.png", "demo-betavae.vsa",
            "circuits.dot"}) {
            assertTrue(Files.size(dir.resolve(file)) > 0, file);
        }
        JsonNode analysis = new ObjectMapper().readTree(dir.resolve("demo-betavae.vsa").toFile());
        assertEquals("vaescope-analysis", analysis.path("format").asText());
        assertEquals(3, analysis.path("version").asInt(), "the IDE's analysis file version");
        assertEquals("demo-betavae.vsm", analysis.path("provenance").path("model").asText());
        assertEquals("dsprites:size=32", analysis.path("provenance").path("dataset").asText());
        assertFalse(Files.exists(dir.resolve("analysis.json")), "no version-1 analysis is written");
    }

    @Test
    void describeOfATextFileFailsWithTheFileNamed() throws Exception {
        Path text = Files.writeString(dir.resolve("model.zip"), "hello");
        assertEquals(1, run("describe", text.toString()));
        assertTrue(err().startsWith(text + ": is a text file"), err());
    }

    /**
     * Codes that copy two factors laid out on a full 4×4 grid: each code has mutual information
     * H(f) with its own factor and exactly 0 with the other, so MIG = (H − 0) / H = 1.
     */
    @Test
    void metricsOfCodesThatCopyTheFactorsGiveAPerfectMig() throws Exception {
        int n = 640;
        double[] factors = new double[n * 2];
        for (int i = 0; i < n; i++) {
            factors[2 * i] = i % 4;
            factors[2 * i + 1] = (i / 4) % 4;
        }
        Path codesFile = dir.resolve("codes.npy");
        Path factorsFile = dir.resolve("factors.csv");
        Npy.write(codesFile, NdArray.ofFloat64(factors.clone(), n, 2));
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int i = 0; i < n; i++) {
            csv.append((int) factors[2 * i]).append(',').append((int) factors[2 * i + 1]).append('\n');
        }
        Files.writeString(factorsFile, csv);

        assertEquals(0, run("metrics", "--codes", codesFile.toString(), "--factors", factorsFile.toString(),
                "--train", "640", "--test", "320"), err());

        JsonNode mig = new ObjectMapper().readTree(out()).path("metrics").path("MIG");
        assertEquals("MIG", mig.path("metric").asText(), out());
        assertEquals(1.0, mig.path("score").asDouble(), out());
    }

    @Test
    void metricsRejectsMismatchedRowCounts() throws Exception {
        Path a = Files.writeString(dir.resolve("a.csv"), "1\n2\n3\n");
        Path b = Files.writeString(dir.resolve("b.csv"), "1\n2\n");
        assertEquals(1, run("metrics", "--codes", a.toString(), "--factors", b.toString()));
        assertEquals(b + ": has 2 rows but the codes " + a + " have 3 — give one factor row per code row",
                err().strip());
    }

    /**
     * A factor with 40 classes is used as given (disentanglement_lib does not re-bin it): codes
     * copying it keep MI = H(f) with 40 classes, so the entropy in the JSON is ln 40, not ln 20.
     */
    @Test
    void metricsUseFactorsAsGivenAndBinOnlyOnRequest() throws Exception {
        int n = 800;
        StringBuilder codes = new StringBuilder();
        StringBuilder factors = new StringBuilder();
        for (int i = 0; i < n; i++) {
            codes.append(i % 40).append(',').append((i / 40) % 2).append('\n');
            factors.append(i % 40).append(',').append((i / 40) % 2).append('\n');
        }
        Path codesFile = Files.writeString(dir.resolve("codes40.csv"), codes);
        Path factorsFile = Files.writeString(dir.resolve("factors40.csv"), factors);

        assertEquals(0, run("metrics", "--codes", codesFile.toString(), "--factors", factorsFile.toString(),
                "--train", "800", "--test", "200"), err());
        JsonNode entropy = new ObjectMapper().readTree(out()).findValue("factor_entropy");
        assertTrue(entropy != null && entropy.isArray(), out());
        assertEquals(Math.log(40), entropy.get(0).asDouble(), 1e-9);
        assertTrue(!out().contains("discretised"), out());
        int firstRun = out().length();

        assertEquals(0, run("metrics", "--codes", codesFile.toString(), "--factors", factorsFile.toString(),
                "--train", "800", "--test", "200", "--bin-factors", "20"), err());
        assertTrue(out().substring(firstRun).strip().startsWith("factors discretised into 20 equal-width bins"),
                out());
    }

    /**
     * Continuous codes have more distinct values than the default 128 candidate thresholds, so DCI
     * with every split point (scikit-learn's search) differs; the flag gives exactly the library's
     * exact-search value.
     */
    @Test
    void metricsSearchEverySplitPointOnRequest() throws Exception {
        int n = 1200;
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        double[][] codes = new double[n][];
        int[][] factors = new int[n][];
        StringBuilder codesCsv = new StringBuilder();
        StringBuilder factorsCsv = new StringBuilder();
        for (int i = 0; i < n; i++) {
            factors[i] = new int[] {random.nextInt(10), random.nextInt(10)};
            codes[i] = new double[] {factors[i][0] + random.nextGaussian() * 2, factors[i][1] + random.nextGaussian() * 2,
                    random.nextGaussian()};
            codesCsv.append(codes[i][0]).append(',').append(codes[i][1]).append(',').append(codes[i][2]).append('\n');
            factorsCsv.append(factors[i][0]).append(',').append(factors[i][1]).append('\n');
        }
        Path codesFile = Files.writeString(dir.resolve("continuous.csv"), codesCsv);
        Path factorsFile = Files.writeString(dir.resolve("tens.csv"), factorsCsv);
        String[] args = {"metrics", "--codes", codesFile.toString(), "--factors", factorsFile.toString(), "--train",
            "800", "--test", "400", "--seed", "5"};

        assertEquals(0, run(args), err());
        double windows = new ObjectMapper().readTree(out()).path("metrics").path("DCI").path("disentanglement").asDouble();
        int firstRun = out().length();
        String[] exact = java.util.Arrays.copyOf(args, args.length + 1);
        exact[args.length] = "--exact-splits";
        assertEquals(0, run(exact), err());
        double everySplit = new ObjectMapper().readTree(out().substring(firstRun)).path("metrics").path("DCI")
                .path("disentanglement").asDouble();

        double library = org.vaescope.metrics.DisentanglementSuite.runOnArrays(
                new org.vaescope.metrics.CodesAndFactors(codes, factors),
                org.vaescope.metrics.DisentanglementSuite.Config.withSampleCounts(800, 400).withExactSplitSearch(), 5)
                .get("DCI").score();
        assertEquals(library, everySplit, 1e-12);
        assertNotEquals(windows, everySplit, 1e-9);
    }

    @Test
    void metricsRejectsNonIntegerFactorsAndMissingFilesWithAReason() throws Exception {
        Path codes = Files.writeString(dir.resolve("c.csv"), "1\n2\n3\n");
        Path factors = Files.writeString(dir.resolve("f.csv"), "1\n2.5\n3\n");
        assertEquals(1, run("metrics", "--codes", codes.toString(), "--factors", factors.toString()));
        assertTrue(err().contains(factors + ":2: row 2, column 1 is 2.5 — factors must be class labels"), err());

        Path missing = dir.resolve("missing.npy");
        assertEquals(1, run("metrics", "--codes", missing.toString(), "--factors", factors.toString()));
        assertTrue(err().contains(missing + ": no such file"), err());
    }

    /**
     * Every value error names the file, the row and column of the matrix (1-based) and, in a text
     * file, the line, which differs from the row after a header or a comment.
     */
    @Test
    void metricsNameFileRowAndColumnTheSameWayForTextAndBinaryFiles() throws Exception {
        Path codes = Files.writeString(dir.resolve("c.csv"), "z\n1\n2\n3\n");
        Path csv = Files.writeString(dir.resolve("f.csv"), "shape,scale\n# measured\n0,1\n1,2.5\n0,3\n");
        assertEquals(1, run("metrics", "--codes", codes.toString(), "--factors", csv.toString()));
        assertEquals(csv + ":4: row 2, column 2 is 2.5 — factors must be class labels (whole numbers); pass "
                + "--bin-factors B to discretise continuous factors into B bins", err().strip());

        Path npy = dir.resolve("f.npy");
        Npy.write(npy, NdArray.ofFloat64(new double[] {0, 1, 1, 2.5, 0, 3}, 3, 2));
        int before = err().length();
        assertEquals(1, run("metrics", "--codes", codes.toString(), "--factors", npy.toString()));
        assertTrue(err().substring(before).startsWith(npy + ": row 2, column 2 is 2.5 — factors must be class labels"),
                err());
    }

    @Test
    void metricsRejectEmptyArraysAndFactorsThatNeverVaryNamingTheFile() throws Exception {
        Path codes = Files.writeString(dir.resolve("c.csv"), "1\n2\n3\n");
        Path empty = dir.resolve("empty.npy");
        Npy.write(empty, NdArray.ofFloat64(new double[0], 0, 2));
        assertEquals(1, run("metrics", "--codes", empty.toString(), "--factors", codes.toString()));
        assertTrue(err().contains(empty + ": the array has shape [0, 2] — it needs at least one row"), err());

        Path constant = Files.writeString(dir.resolve("f.csv"), "4,0\n4,0\n4,0\n");
        assertEquals(1, run("metrics", "--codes", codes.toString(), "--factors", constant.toString()));
        assertTrue(err().contains(constant + ": every factor column holds a single value in all 3 rows"), err());
    }

    @Test
    void checkReportsErrorsLikeACompiler() throws Exception {
        Path script = Files.writeString(dir.resolve("bad.vis"), "seed 1\npatch\n");
        assertEquals(1, run("check", script.toString()));
        assertTrue(out().contains(script + ":2:"), out());
        assertTrue(out().contains(": error: "), out());
    }

    @Test
    void checkOfTheExamplesIsClean() throws Exception {
        Path examples = Path.of(System.getProperty("vaescope.examples"));
        try (var scripts = Files.list(examples)) {
            for (Path script : scripts.filter(p -> p.toString().endsWith(".vis")).toList()) {
                out.reset();
                int code = run("check", script.toString());
                // the example models are trained by 'examples' into the git-ignored models/ folder
                boolean modelsMissing = !Files.isDirectory(examples.resolve("models"));
                assertTrue(code == 0 || modelsMissing && out().lines().filter(l -> l.contains(": error: "))
                        .allMatch(l -> l.contains("cannot be loaded: no such file")), script + ": " + out());
            }
        }
    }

    @Test
    void usageMistakesExitWithTwo() {
        assertEquals(2, run());
        assertEquals(2, run("frobnicate"));
        assertEquals(2, run("metrics", "--codes", "a.csv", "--factors", "b.csv", "--codez", "x"));
        assertTrue(err().contains("usage error: ") && err().contains("'--codez'"), err());
        assertEquals(2, run("analyse", "model.vsm", "--modularity-repeats", "1"));
        assertTrue(err().contains("--modularity-repeats needs 0 (no interval) or a whole number in 2..100, got 1"),
                err());
        assertEquals(2, run("reproduce", "--modularity-repeats", "-3"));
    }

    @Test
    void aBenchmarksOwnOptionsPassThroughWithoutASeparator() {
        assertEquals(2, run("benchmark", "nosuch", "--memory", "10"));
        assertTrue(err().contains("benchmark needs one of") && !err().contains("Unknown option"), err());
    }

    @Test
    void runWritesIntoTheScriptsDefaultFolderAndCheckRejectsUnknownHooks() throws Exception {
        Path model = dir.resolve("models/vae-dsprites.vsm");
        assertEquals(0, run("train", "--variant", "vae", "--dataset", "dsprites:size=16", "--arch", "mlp", "--steps",
                "25", "--batch", "16", "--seed", "3", "--out", model.toString()), err());
        String header = "vaescope 1\nmodel \"models/vae-dsprites.vsm\"\ndataset dsprites(size=16)\nsamples 12\nseed 5\n";
        Path script = Files.writeString(dir.resolve("cli.vis"),
                header + "traverse latent 0..1 range -2..2 steps 3\nimages \"t.png\"\nreport html \"r.html\"\n");
        out.reset();
        assertEquals(0, run("run", script.toString(), "--quick"), out() + err());
        assertTrue(out().contains("line 6: traverse latent 0..1 range -2..2 steps 3"), out());
        assertTrue(out().contains("completed"), out());
        assertTrue(Files.size(dir.resolve("cli-out/t.png")) > 0);
        assertTrue(Files.readString(dir.resolve("cli-out/r.html")).contains("data:image/png;base64,"));

        Path broken = Files.writeString(dir.resolve("cli-broken.vis"), header + "ablate encoder.conv1 units all\n");
        assertEquals(1, run("check", broken.toString()));
        assertTrue(out().contains("unknown hook point 'encoder.conv1'"), out());
        assertEquals(1, run("run", broken.toString()));
    }
}
