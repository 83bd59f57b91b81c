package org.vaescope.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.vaescope.metrics.internal.learn.GradientBoostedTrees;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every standard metric against an independent implementation (numpy and scikit-learn following
 * disentanglement_lib: {@code golden/make_golden.py}) on the same training and test rows, within
 * ±0.01.
 */
class GoldenTest {

    private static final double TOLERANCE = 0.01;
    private static final int SEED = 7;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyGoldenCaseMatchesTheIndependentImplementation() throws IOException {
        List<Path> cases;
        try (Stream<Path> files = Files.list(goldenDirectory())) {
            cases = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(cases.isEmpty(), "no golden cases in " + goldenDirectory().toAbsolutePath());
        List<String> failures = new ArrayList<>();
        for (Path golden : cases) {
            failures.addAll(compare(golden));
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static List<String> compare(Path file) throws IOException {
        JsonNode golden = JSON.readTree(file.toFile());
        String name = golden.get("case").asText();
        CodesAndFactors train = new CodesAndFactors(doubles(golden.get("train_codes")), ints(golden.get("train_factors")));
        CodesAndFactors test = new CodesAndFactors(doubles(golden.get("test_codes")), ints(golden.get("test_factors")));
        JsonNode expected = golden.get("expected");
        int n = train.size();
        Dci.Result dci = Dci.compute(train, test, new Dci.Config(n, test.size(), GradientBoostedTrees.Params.exact()),
                SEED);
        ModularityExplicitness.Result modularity = ModularityExplicitness.compute(train, test,
                new ModularityExplicitness.Config(n, test.size(), 20), SEED);
        List<String> failures = new ArrayList<>();
        failures.add(near(name, "mig", expected, Mig.compute(train, new Mig.Config(n, 20), SEED).score()));
        failures.add(near(name, "dci_disentanglement", expected, dci.disentanglement()));
        failures.add(near(name, "dci_completeness", expected, dci.completeness()));
        failures.add(near(name, "dci_informativeness", expected, dci.informativenessTest()));
        failures.add(near(name, "sap", expected,
                Sap.compute(train, test, new Sap.Config(n, test.size(), 0.01), SEED).score()));
        failures.add(near(name, "modularity", expected, modularity.modularity()));
        failures.add(near(name, "explicitness", expected, modularity.explicitnessTest()));
        failures.add(near(name, "irs", expected, Irs.compute(train, new Irs.Config(n, 0.99, 20), SEED).score()));
        failures.removeIf(String::isEmpty);
        return failures;
    }

    /** Empty when within tolerance, else what differs. */
    private static String near(String name, String metric, JsonNode expected, double actual) {
        double reference = expected.get(metric).asDouble();
        return Math.abs(reference - actual) <= TOLERANCE ? ""
                : String.format(java.util.Locale.ROOT, "%s: %s %.4f, expected %.4f ± %.2f", name, metric, actual,
                        reference, TOLERANCE);
    }

    /** The fixtures beside the test bundle (its folder is the working directory of the tests). */
    static Path goldenDirectory() {
        Path here = Path.of("golden");
        return Files.isDirectory(here) ? here
                : Path.of(System.getProperty("vaescope.golden", "tests/org.vaescope.metrics.tests/golden"));
    }

    private static double[][] doubles(JsonNode rows) throws IOException {
        return JSON.treeToValue(rows, double[][].class);
    }

    private static int[][] ints(JsonNode rows) throws IOException {
        return JSON.treeToValue(rows, int[][].class);
    }
}
