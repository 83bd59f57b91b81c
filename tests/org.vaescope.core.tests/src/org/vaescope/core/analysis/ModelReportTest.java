package org.vaescope.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.vaescope.core.data.FactorGraph;

class ModelReportTest {

    @Test
    void aRowWhoseIntervalRestsOnFewerDefinedReplicatesSaysHowMany() {
        StringBuilder text = new StringBuilder();
        ModelReport.metricRow(text, "edge precision", new Estimate(0.5, 0.2, 0.8, 0.95, 50, 1, 150, 0), 200);
        ModelReport.metricRow(text, "model CES", new Estimate(3.1, 3.0, 3.2, 0.95, 50, 1, 200, 0), 200);
        String[] rows = text.toString().split("\\R");
        assertTrue(rows[0].endsWith("(150 of 200 replicates defined)"), rows[0]);
        assertTrue(rows[1].endsWith(" 1"), "every replicate defined: nothing added; " + rows[1]);
    }

    private static final List<String> FACTORS = List.of("size", "brightness");

    private static LatentEffects latents() {
        SplittableRandom random = new SplittableRandom(2);
        int n = 40;
        double[][] o = new double[n][2];
        double[][][] e = new double[n][2][2];
        double[][] kl = new double[n][2];
        for (int x = 0; x < n; x++) {
            o[x] = new double[] {3 + random.nextDouble(), 1 + random.nextDouble()};
            e[x][0] = new double[] {0.7 + 0.1 * random.nextDouble(), 0.3};
            e[x][1] = new double[] {0.05, 0.5 + 0.1 * random.nextDouble()};
            kl[x] = new double[] {1.0, 0.4};
        }
        return LatentEffects.fromSamples(new LatentEffects.PerSample(o, e, kl), FACTORS, 17L);
    }

    private static UnitEffects units() {
        double[][] enc = {{1.0, 0.0}, {0.0, 1.0}, {0.5, 0.5}, {0.0, 0.0}};
        return UnitEffects.of(List.of("enc1"), List.<double[][]>of(enc), FACTORS, 25, 17L);
    }

    /** size: enc1 {0, 2}; brightness: enc1 {1, 2}. */
    private static FactorCircuits circuits() {
        return TestCircuits.of(List.of("enc1"), FACTORS, new int[] {4}, new int[][] {{0, 2}}, new int[][] {{1, 2}});
    }

    private static ModelReport report() {
        FactorEffectMatrix m = FactorEffectMatrix.of(FACTORS, new double[][] {{1, 0.4}, {0.0, 1}}, 40, 17L);
        FactorGraph truth = new FactorGraph(FACTORS, List.of(new FactorGraph.Edge("size", "brightness")));
        return ModelReport.compute(latents(), units(), circuits(), m, truth, AnalysisSettings.defaults(),
                BootstrapSettings.defaults(99));
    }

    @Test
    void reportBundlesTheMetrics() {
        ModelReport report = report();
        assertEquals(LatentMetrics.modelCes(latents(), 0.01), report.modelCes().value(), 1e-12);
        assertTrue(report.modelCes().hasInterval());
        assertEquals(2, report.activeLatentCount());
        // circuits: size {0, 2}, brightness {1, 2} → J = 1/3 → modularity 2/3
        assertEquals(2.0 / 3.0, report.circuitModularity().value(), 1e-12);
        assertEquals(1, report.unitCounts().get(0).dead().value());
        assertEquals(2, report.unitCounts().get(0).monosemantic().value());
        assertEquals(1.0, report.factorGraphComparison().precision().value());
    }

    @Test
    void jsonParsesBackWithTheSameValues() {
        ModelReport report = report();
        JsonNode json = readJson(report.toJson());
        assertEquals(ModelReport.FORMAT, json.path("format").asText());
        assertEquals(1, json.path("version").asInt());
        JsonNode ces = json.path("model_ces");
        assertEquals(report.modelCes().value(), ces.path("value").asDouble(), 1e-12);
        assertEquals(report.modelCes().lower(), ces.path("lower").asDouble(), 1e-12);
        assertEquals(40, ces.path("n").asInt());
        assertEquals(17, ces.path("seed").asLong());
        List<String> factorNames = new java.util.ArrayList<>();
        json.path("factor_ces").fieldNames().forEachRemaining(factorNames::add);
        assertEquals(FACTORS, factorNames);
        assertEquals("enc1", json.path("unit_classes").path(0).path("hook").asText());
        assertEquals(1, json.path("factor_graph_comparison").path("true_positives").size());
        // the unit effects had no pair terms: interval fields are null, and undecided is unknown
        assertTrue(json.path("circuit_modularity").get("lower").isNull());
        assertTrue(json.path("unit_classes").path(0).get("undecided").isNull());
    }

    private static JsonNode readJson(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Test
    void textTableNamesEveryMetric() {
        String text = report().toText();
        for (String expected : List.of("model CES", "intervention specificity", "circuit modularity", "CES[size]",
                "enc1", "edge precision", "true positives: size -> brightness", "missed: none")) {
            assertTrue(text.contains(expected), expected + " missing in\n" + text);
        }
    }

    @Test
    void optionalPartsMayBeLeftOutButNotHalfGiven() {
        ModelReport bare = ModelReport.compute(latents(), units(), circuits(), null, null, AnalysisSettings.defaults(),
                BootstrapSettings.none());
        assertNull(bare.factorGraphComparison());
        assertTrue(readJson(bare.toJson()).has("factor_graph_comparison"));
        FactorGraph truth = new FactorGraph(FACTORS, List.of());
        assertThrows(AnalysisInputException.class, () -> ModelReport.compute(latents(), units(), circuits(), null, truth,
                AnalysisSettings.defaults(), BootstrapSettings.none()));
        UnitEffects otherFactors = UnitEffects.of(List.of("enc1"), List.<double[][]>of(new double[][] {{1, 0}}),
                List.of("brightness", "size"), 5, 0L);
        assertThrows(AnalysisInputException.class, () -> ModelReport.compute(latents(), otherFactors, circuits(), null, null,
                AnalysisSettings.defaults(), BootstrapSettings.none()));
    }
}
