package org.vaescope.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.vaescope.core.internal.analysis.JsonWriter;

class CircuitsTest {

    private static final List<String> ABC = List.of("a", "b", "c");

    @Test
    void disjointCircuitsGiveModularityOne() {
        FactorCircuits circuits = TestCircuits.of(List.of("enc1", "dec1"), ABC, new int[] {6, 9},
                new int[][] {{0, 1}, {0, 1, 2}}, new int[][] {{2, 3}, {3, 4, 5}}, new int[][] {{4, 5}, {6, 7, 8}});
        assertEquals(Set.of(new UnitRef("enc1", 4), new UnitRef("enc1", 5), new UnitRef("dec1", 6),
                new UnitRef("dec1", 7), new UnitRef("dec1", 8)), circuits.circuits().members("c"));
        assertEquals(1.0, Circuits.modularity(circuits.circuits()));
        assertEquals(1.0, circuits.modularity().value());
        assertEquals(16 * 3, circuits.modularity().sampleCount(), "pairs per factor × factors");
    }

    @Test
    void identicalCircuitsForAllFactorsGiveModularityZero() {
        int[][] same = {{0, 1}};
        assertEquals(0.0, Circuits.modularity(TestCircuits.of(List.of("h"), ABC, new int[] {3}, same, same, same)
                .circuits()));
    }

    @Test
    void halfOverlapCaseMatchesTheHandComputedJaccard() {
        // C_a = {h1:0, h1:1, h2:0}, C_b = {h1:1, h1:2, h2:0}: |∩| = 2, |∪| = 4, J = 1/2.
        // C_c = {h1:3} is disjoint from both: J(a,c) = J(b,c) = 0.
        // modularity = 1 − (1/2 + 0 + 0) / 3 = 5/6.
        CircuitSet circuits = TestCircuits.of(List.of("h1", "h2"), ABC, new int[] {4, 1},
                new int[][] {{0, 1}, {0}}, new int[][] {{1, 2}, {0}}, new int[][] {{3}, {}}).circuits();
        assertEquals(0.5, Circuits.jaccard(circuits.members("a"), circuits.members("b")), 1e-15);
        assertEquals(0.0, Circuits.jaccard(circuits.members("a"), circuits.members("c")));
        assertEquals(5.0 / 6.0, Circuits.modularity(circuits), 1e-15);
    }

    @Test
    void jaccardOfTwoEmptySetsIsZeroOverlap() {
        assertEquals(0.0, Circuits.jaccard(Set.of(), Set.of()));
        int[][] none = {{}};
        assertEquals(1.0, Circuits.modularity(TestCircuits.of(List.of("h"), List.of("a", "b"), new int[] {2}, none,
                none).circuits()), "two factors without any circuit share no unit");
    }

    @Test
    void modularityIsUndefinedForASingleFactor() {
        assertTrue(Double.isNaN(Circuits.modularity(TestCircuits.of(List.of("h"), List.of("a"), new int[] {2},
                new int[][] {{0}}).circuits())));
    }

    @Test
    void theVerdictComparesTheCircuitWithRandomSetsOfItsSize() {
        assertEquals(FactorCircuits.Verdict.NECESSARY, FactorCircuits.Verdict.of(0.05, 0.95, 0.02));
        assertEquals(FactorCircuits.Verdict.NECESSARY, FactorCircuits.Verdict.of(0.5, 0.56, 0.02),
                "0.06 below the random sets is three of their sds");
        assertEquals(FactorCircuits.Verdict.NOT_SPECIFIC, FactorCircuits.Verdict.of(0.5, 0.51, 0.02),
                "a circuit that removes barely more than any set of its size is not singled out");
        assertEquals(FactorCircuits.Verdict.NOT_SPECIFIC, FactorCircuits.Verdict.of(0.1, 0.4, 0.01),
                "removing as many other units removes the effect too");
        assertEquals(FactorCircuits.Verdict.NOT_NECESSARY, FactorCircuits.Verdict.of(0.6, 1.0, 0.02));
        assertEquals(FactorCircuits.Verdict.UNTESTED, FactorCircuits.Verdict.of(0.1, Double.NaN, Double.NaN),
                "no random sets");
        assertEquals(FactorCircuits.Verdict.UNTESTED, FactorCircuits.Verdict.of(0.1, 0.9, Double.NaN),
                "one random set has no spread to compare with");
        assertEquals(FactorCircuits.Verdict.UNTESTED, FactorCircuits.HookCircuit.none(8, 0.0).verdict());
    }

    /** Factor a's circuit {1, 3} at h1, b's {0} at h1 and {2} at h2, with their checks. */
    private static FactorCircuits twoCircuits() {
        return new FactorCircuits(new CircuitSet(List.of("h1", "h2"), List.of("a", "b"),
                List.of(List.of(new int[] {3, 1}, new int[0]), List.of(new int[] {0}, new int[] {2}))),
                List.of(List.of(new FactorCircuits.HookCircuit(10, 2, 1.0, 0.85, 0.1, 0.9, 0.05, 10),
                        FactorCircuits.HookCircuit.none(6, 0.0)),
                        List.of(new FactorCircuits.HookCircuit(10, 1, 1.0, 0.9, 0.7, 0.95, 0.02, 10),
                                new FactorCircuits.HookCircuit(6, 1, 1.0, 0.95, 0.2, 0.1, 0.1, 10))),
                0.8, 32, 5L);
    }

    @Test
    void sizesAndChecksAreWrittenPerFactorAndHookPoint() throws Exception {
        FactorCircuits circuits = twoCircuits();
        assertEquals(2.0 / 16, circuits.sizeFraction(0));
        JsonWriter json = new JsonWriter();
        circuits.writeJson(json);
        JsonNode root = new ObjectMapper().readTree(json.toJson());
        JsonNode a = root.get("factors").get(0);
        assertEquals(2, a.get("size").asInt());
        assertEquals("[1,3]", a.get("hooks").get(0).get("members").toString());
        assertEquals("necessary", a.get("hooks").get(0).get("verdict").asText());
        assertEquals(0.85, a.get("hooks").get(0).get("fraction_restored").asDouble());
        assertEquals("untested", a.get("hooks").get(1).get("verdict").asText());
        JsonNode b = root.get("factors").get(1).get("hooks");
        assertEquals("not necessary", b.get(0).get("verdict").asText());
        assertEquals("not specific", b.get(1).get("verdict").asText());
        assertTrue(circuits.toText().startsWith("a: 2 of 16 units (12.5%); h1 2/10 restores 0.85, ablated leaves 0.10"
                + " (random 0.90±0.05) necessary"), circuits.toText());
    }

    /**
     * Three repeated searches with modularity 0.60, 0.62, 0.64 (sd 0.02): the interval is the
     * circuits' own value ± t(2 df, 0.975) · 0.02, and the file lists the repeats.
     */
    @Test
    void repeatedSearchesGiveModularityAStudentIntervalAroundItsValue() throws Exception {
        FactorCircuits circuits = twoCircuits();
        assertTrue(!circuits.modularity().hasInterval(), "one search: no interval");
        Estimate modularity = circuits.withRepeats(new FactorCircuits.Repeats(new double[] {0.60, 0.62, 0.64}, 0.95, 9L))
                .modularity();
        assertEquals(1.0, modularity.value(), "a and b share no unit");
        double half = 4.302652729749464 * 0.02;
        assertEquals(1.0 - half, modularity.lower(), 1e-9);
        assertEquals(1.0 + half, modularity.upper(), 1e-9);
        assertEquals(3, modularity.bootstrapReplicates());
        assertEquals(9L, modularity.bootstrapSeed());
        JsonWriter json = new JsonWriter();
        circuits.withRepeats(new FactorCircuits.Repeats(new double[] {0.60, 0.62, 0.64}, 0.95, 9L)).writeJson(json);
        assertEquals("[0.6,0.62,0.64]", new ObjectMapper().readTree(json.toJson()).get("modularity_repeats").toString());
        assertThrows(AnalysisInputException.class, () -> new FactorCircuits.Repeats(new double[] {0.6}, 0.95, 9L));
        assertThrows(AnalysisInputException.class,
                () -> new FactorCircuits.Repeats(new double[] {0.6, Double.NaN}, 0.95, 9L));
    }

    @Test
    void checksMustMatchTheCircuits() {
        CircuitSet set = new CircuitSet(List.of("h"), List.of("a"), List.of(List.of(new int[] {0, 1})));
        assertThrows(AnalysisInputException.class, () -> new FactorCircuits(set,
                List.of(List.of(FactorCircuits.HookCircuit.none(4, 0.0))), 0.8, 8, 1L));
    }
}
