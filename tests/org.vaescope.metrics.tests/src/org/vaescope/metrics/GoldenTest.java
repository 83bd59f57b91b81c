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
        if (golden.has("sampled")) {
            failures.add(near(name, "factorvae", expected, factorVae(golden.get("sampled").get("factorvae"),
                    train.numFactors())));
            failures.add(near(name, "betavae", expected, betaVae(golden.get("sampled").get("betavae"))));
        }
        failures.removeIf(String::isEmpty);
        return failures;
    }

    /** The FactorVAE score of the votes the independent implementation drew. */
    private static double factorVae(JsonNode sampled, int numFactors) {
        FactorVaeScore.Config config = new FactorVaeScore.Config(64, sampled.get("train_factors").size(),
                sampled.get("eval_factors").size(), 2, sampled.get("threshold").asDouble());
        return FactorVaeScore.fromVotes(row(sampled.get("global_variances")),
                votes(sampled.get("train_factors"), sampled.get("train_variances")),
                votes(sampled.get("eval_factors"), sampled.get("eval_variances")), numFactors, config, SEED).score();
    }

    private static List<FactorVaeScore.Vote> votes(JsonNode factors, JsonNode variances) {
        List<FactorVaeScore.Vote> votes = new ArrayList<>();
        for (int v = 0; v < factors.size(); v++) {
            votes.add(new FactorVaeScore.Vote(factors.get(v).asInt(), row(variances.get(v))));
        }
        return votes;
    }

    /** The BetaVAE score of the points the independent implementation drew. */
    private static double betaVae(JsonNode sampled) throws IOException {
        int[] trainLabels = labels(sampled.get("train_labels"));
        int[] evalLabels = labels(sampled.get("eval_labels"));
        return BetaVaeScore.fromPoints(doubles(sampled.get("train_points")), trainLabels,
                doubles(sampled.get("eval_points")), evalLabels,
                new BetaVaeScore.Config(64, trainLabels.length, evalLabels.length), SEED).score();
    }

    private static int[] labels(JsonNode node) {
        int[] labels = new int[node.size()];
        for (int i = 0; i < labels.length; i++) labels[i] = node.get(i).asInt();
        return labels;
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

    private static double[] row(JsonNode values) {
        double[] row = new double[values.size()];
        for (int i = 0; i < row.length; i++) row[i] = values.get(i).asDouble();
        return row;
    }
}
