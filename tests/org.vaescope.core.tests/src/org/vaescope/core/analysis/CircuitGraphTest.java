package org.vaescope.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CircuitGraphTest {

    private static final List<String> FACTORS = List.of("a", "b");
    private static final String ENC = "enc \"1\"";

    /** enc: units 0,1 → a; unit 2 → b; unit 3 silent. dec: unit 0 → a; units 1,2 → b. */
    private static UnitEffects units() {
        double[][] enc = {{1.0, 0.0}, {0.7, 0.1}, {0.0, 0.9}, {0.0, 0.0}};
        double[][] dec = {{0.8, 0.0}, {0.1, 1.0}, {0.0, 0.6}};
        return UnitEffects.of(List.of(ENC, "dec1"), List.of(enc, dec), FACTORS, 16, 3L);
    }

    /** The circuits: a = enc {0, 1} and dec {0}; b = enc {2} and dec {1, 2}. */
    private static CircuitSet circuits() {
        return TestCircuits.of(List.of(ENC, "dec1"), FACTORS, new int[] {4, 3},
                new int[][] {{0, 1}, {0}}, new int[][] {{2}, {1, 2}}).circuits();
    }

    private static CircuitGraph fullGraph() {
        PatchEffects patches = new PatchEffects(FACTORS, List.of(
                new PatchEffects.PatchEdge(ENC, 0, "dec1", 0, "a", 0.7),
                new PatchEffects.PatchEdge(ENC, 1, "dec1", 0, "a", 0.2),
                new PatchEffects.PatchEdge(ENC, 2, "dec1", 1, "b", 0.9),
                new PatchEffects.PatchEdge(ENC, 2, "dec1", 2, "b", Double.NaN),
                new PatchEffects.PatchEdge(ENC, 0, "dec1", 1, "a", 0.5)), 16, 3L);
        LatentEffects latents = LatentEffects.of(new double[] {1, 1, 1}, new double[][] {{0.8, 0.0}, {0.0, 0.5},
                {0.1, 0.1}}, new double[] {0.5, 0.5, 0.0}, FACTORS, 16, 3L);
        FactorEffectMatrix m = FactorEffectMatrix.of(FACTORS, new double[][] {{1, 0.3}, {0.02, 1}}, 16, 3L);
        return new CircuitGraphBuilder(units(), circuits(), AnalysisSettings.defaults()).patchEffects(patches)
                .latentEffects(latents).factorEffects(m).build();
    }

    private static long count(CircuitGraph graph, CircuitGraph.Evidence evidence) {
        return graph.edges().stream().filter(e -> e.evidence() == evidence).count();
    }

    @Test
    void builderCreatesCircuitNodesAndEdgesOfEachEvidenceKind() {
        CircuitGraph graph = fullGraph();
        // 2 factors + 3 enc units + 3 dec units + 2 active carrying latents
        assertEquals(10, graph.nodes().size());
        assertTrue(graph.node(CircuitGraph.unitId(ENC, 3)).isEmpty(), "silent unit is in no circuit");
        assertEquals(UnitClass.MONOSEMANTIC, graph.node(CircuitGraph.unitId(ENC, 1)).orElseThrow().unitClass());
        assertEquals(6, count(graph, CircuitGraph.Evidence.RESPONSE));
        // NaN edge and the a-edge into b's circuit unit dec1[1] are left out
        assertEquals(3, count(graph, CircuitGraph.Evidence.PATCHING));
        // z0 → a, z1 → b, a → b; z2 is inactive
        assertEquals(3, count(graph, CircuitGraph.Evidence.FACTOR_EFFECT));
        assertTrue(graph.node(CircuitGraph.latentId(2)).isEmpty());
    }

    @Test
    void perFactorViewAndWeightFilter() {
        CircuitGraph a = fullGraph().forFactor("a");
        assertTrue(a.edges().stream().allMatch(e -> "a".equals(e.factor())));
        // responses a → enc[0], enc[1], dec1[0]; two patching edges; z0 → a; a → b
        assertEquals(3 + 2 + 1 + 1, a.edges().size());
        assertTrue(a.node(CircuitGraph.factorId("b")).isPresent(), "target of the a → b factor edge");
        assertTrue(a.node(CircuitGraph.unitId("dec1", 1)).isEmpty());
        CircuitGraph strong = fullGraph().filterEdges(0.75);
        assertTrue(strong.edges().stream().allMatch(e -> Math.abs(e.weight()) >= 0.75));
        assertEquals(fullGraph().nodes().size(), strong.nodes().size());
        assertTrue(strong.withoutIsolatedNodes().nodes().size() < strong.nodes().size());
    }

    @Test
    void collapsingAHookMergesItsUnitsAndParallelEdges() {
        CircuitGraph collapsed = fullGraph().collapseHook(ENC);
        CircuitGraph.Node group = collapsed.node(CircuitGraph.groupId(ENC)).orElseThrow();
        assertEquals(3, group.memberCount());
        assertEquals(CircuitGraph.NodeKind.UNIT_GROUP, group.kind());
        assertTrue(collapsed.nodesAt(ENC).size() == 1);
        List<CircuitGraph.Edge> patchA = collapsed.edges().stream()
                .filter(e -> e.evidence() == CircuitGraph.Evidence.PATCHING && "a".equals(e.factor())).toList();
        assertEquals(1, patchA.size(), "enc[0] → dec1[0] and enc[1] → dec1[0] merge");
        assertEquals(0.7, patchA.get(0).weight());
        // response edges a → enc[0], a → enc[1] merge into one with the larger weight
        assertEquals(1.0, collapsed.edges().stream().filter(e -> e.target().equals(group.id())
                && "a".equals(e.factor())).findFirst().orElseThrow().weight());
        assertThrows(AnalysisInputException.class, () -> fullGraph().collapseHook("nope"));
    }

    @Test
    void jsonParsesBackWithVersionNodesAndEdges() throws Exception {
        CircuitGraph graph = fullGraph();
        JsonNode json = new ObjectMapper().readTree(graph.toJson());
        assertEquals(CircuitGraph.FORMAT, json.path("format").asText());
        assertEquals(CircuitGraph.FORMAT_VERSION, json.path("version").asInt());
        assertEquals(List.of(ENC, "dec1"), new ObjectMapper().convertValue(json.path("hooks"), List.class));
        JsonNode nodes = json.path("nodes");
        assertEquals(graph.nodes().size(), nodes.size());
        JsonNode unit = java.util.stream.StreamSupport.stream(nodes.spliterator(), false)
                .filter(n -> CircuitGraph.unitId(ENC, 2).equals(n.path("id").asText())).findFirst().orElseThrow();
        assertEquals("unit", unit.path("kind").asText());
        assertEquals(ENC, unit.path("hook").asText());
        assertEquals("monosemantic", unit.path("class").asText());
        JsonNode edges = json.path("edges");
        assertEquals(graph.edges().size(), edges.size());
        assertEquals(graph.edges().get(0).weight(), edges.path(0).path("weight").asDouble(), 1e-12);
        assertEquals("response", edges.path(0).path("evidence").asText());
    }

    @Test
    void dotHasOneClusterPerHookAndEscapedLabels() {
        String dot = fullGraph().toDot();
        assertEquals(2, dot.split("subgraph cluster_", -1).length - 1);
        assertTrue(dot.contains("label=\"enc \\\"1\\\"\""), dot);
        assertTrue(dot.contains("\"unit:enc \\\"1\\\"#0\" -> \"unit:dec1#0\""), dot);
        assertFalse(dot.contains("\"enc \"1\"\""));
        assertEquals(dot.chars().filter(c -> c == '{').count(), dot.chars().filter(c -> c == '}').count());
        assertTrue(dot.contains("penwidth=5.00"), "the strongest edge gets the widest pen");
        assertTrue(dot.startsWith("digraph circuit {") && dot.trim().endsWith("}"));
    }

    @Test
    void patchEdgesOutsideTheUnitEffectsAreRejected() {
        PatchEffects bad = new PatchEffects(FACTORS, List.of(new PatchEffects.PatchEdge(ENC, 9, "dec1", 0, "a", 0.5)),
                4, 0L);
        AnalysisInputException e = assertThrows(AnalysisInputException.class,
                () -> new CircuitGraphBuilder(units(), circuits(), AnalysisSettings.defaults()).patchEffects(bad).build());
        assertTrue(e.getMessage().contains("unit 9"), e.getMessage());
    }
}
