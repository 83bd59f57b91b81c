package org.vaescope.ui.internal.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad analysis files are reported with the file, the place and the problem. */
class AnalysisReadTest {

    @TempDir
    Path folder;

    @Test
    void brokenJsonNamesFileLineAndColumn() throws Exception {
        Path file = folder.resolve("broken.vsa");
        Files.writeString(file, "{\n  \"format\": \"vaescope-analysis\",\n  \"version\": 2,\n  oops\n}");
        AnalysisFileException e = assertThrows(AnalysisFileException.class, () -> Analysis.read(file));
        assertTrue(e.getMessage().startsWith(file + ": line 4, column"), e.getMessage());
    }

    @Test
    void anOlderVersionAsksToAnalyseAgain() throws Exception {
        Path file = folder.resolve("old.vsa");
        Files.writeString(file, "{\"format\":\"vaescope-analysis\",\"version\":1}");
        AnalysisFileException e = assertThrows(AnalysisFileException.class, () -> Analysis.read(file));
        assertEquals(file + ": has analysis version 1; this VAEScope reads versions 2 and 3 (analyse the model again)",
                e.getMessage());
    }

    @Test
    void versionTwoEdgeObjectsAndVersionThreeColumnsReadAsTheSameGraph() throws Exception {
        Path two = folder.resolve("two.vsa");
        Files.writeString(two, minimal(2, "\"edges\": [{\"source\": \"factor:shape\", \"target\": \"unit:h#0\","
                + " \"weight\": 0.5, \"evidence\": \"response\", \"factor\": \"shape\"}]"));
        Path three = folder.resolve("three.vsa");
        Files.writeString(three, minimal(3, "\"circuits\": [{\"factor\": \"shape\", \"evidence\": \"response\","
                + " \"source\": [0], \"target\": [1], \"weight\": [0.5]}]"));
        Analysis.Edge expected = new Analysis.Edge("factor:shape", "unit:h#0", 0.5, "response", "shape");
        assertEquals(java.util.List.of(expected), Analysis.read(two).circuitGraph().edges());
        assertEquals(java.util.List.of(expected), Analysis.read(three).circuitGraph().edges());
    }

    @Test
    void anEdgeToANodeThatIsNotThereIsNamed() throws Exception {
        Path file = folder.resolve("dangling.vsa");
        Files.writeString(file, minimal(3, "\"circuits\": [{\"factor\": \"shape\", \"evidence\": \"patching\","
                + " \"source\": [0], \"target\": [7], \"weight\": [0.5]}]"));
        AnalysisFileException e = assertThrows(AnalysisFileException.class, () -> Analysis.read(file));
        assertEquals(file + ": circuit_graph.circuits of 'shape': node index 7 is not one of the 2 nodes", e.getMessage());
    }

    /** The smallest analysis file of a version: one factor, one unit, the given edges. */
    private static String minimal(int version, String edges) {
        return "{\"format\": \"vaescope-analysis\", \"version\": " + version + ", \"metrics\": [],"
                + " \"report\": {\"factors\": [\"shape\"]},"
                + " \"unit_effects\": {\"factors\": [\"shape\"], \"hooks\": [{\"hook\": \"h\", \"responses\": [[0.5]],"
                + " \"classes\": [\"mono\"]}]},"
                + " \"latent_effects\": {\"factors\": [\"shape\"], \"factor_effect\": [[0.1]]},"
                + " \"circuit_graph\": {\"hooks\": [\"h\"], \"nodes\": ["
                + "{\"id\": \"factor:shape\", \"kind\": \"factor\", \"label\": \"shape\"},"
                + " {\"id\": \"unit:h#0\", \"kind\": \"unit\", \"hook\": \"h\", \"label\": \"h[0]\"}], " + edges + "}}";
    }

    /** A minimal version-3 file without circuits whose report, and what follows it, is {@code report}. */
    private static String withReport(String report) {
        return minimal(3, "\"circuits\": []").replace("\"report\": {\"factors\": [\"shape\"]}", report);
    }

    @Test
    void aMissingSectionIsNamed() throws Exception {
        Path file = folder.resolve("partial.vsa");
        Files.writeString(file, "{\"format\":\"vaescope-analysis\",\"version\":2,\"metrics\":[]}");
        AnalysisFileException e = assertThrows(AnalysisFileException.class, () -> Analysis.read(file));
        assertTrue(e.getMessage().contains("\"unit_effects.hooks\" is missing"), e.getMessage());
    }

    @Test
    void everyFactorPairIsReadWithTheEnginesVerdictAndItsNumbers() throws Exception {
        Path file = folder.resolve("pairs.vsa");
        Files.writeString(file, withReport(
                "\"report\": {\"factors\": [\"a\", \"b\", \"c\"], \"implied_factor_graph\": [{\"cause\": \"a\", "
                        + "\"effect\": \"b\"}]}, \"factor_effect_matrix\": {\"carriers\": [[0], [1], [2]], "
                        + "\"m\": [[0.9, 0.3, 0.2], [0.6, 0.8, 0.1], [0.05, 0.04, 0.03]]}, "
                        + "\"factor_effect_evidence\": [[0.9, 0.25, 0.2], [0.6, 0.8, 0.1], [0.05, 0.04, 0.03]], "
                        + "\"factor_effect_evidence_lower\": [[0.8, 0.2, 0.1], [0.5, 0.7, 0.0], [0.0, 0.0, 0.0]], "
                        + "\"confounded_factor_pairs\": [\"b -> a\"], \"unreadable_factors\": [\"c\"], "
                        + "\"factors_without_own_intervention\": [\"c\"]"));

        java.util.List<Analysis.FactorPair> pairs = Analysis.read(file).factorGraphs().pairs();

        assertEquals(java.util.List.of("a -> b: edge", "a -> c: set aside: effect unreadable",
                "b -> a: set aside: confounded", "b -> c: set aside: effect unreadable",
                "c -> a: set aside: cause without an intervention of its own",
                "c -> b: set aside: cause without an intervention of its own"),
                pairs.stream().map(p -> p.cause() + " -> " + p.effect() + ": " + p.verdict()).toList());
        assertEquals(0.3, pairs.get(0).measured());
        assertEquals(0.25, pairs.get(0).evidence());
        assertEquals(0.2, pairs.get(0).evidenceLower());
    }

    @Test
    void eachFactorsReadOutIsReadAndJudgedByTheEnginesFloor() throws Exception {
        Path file = folder.resolve("readouts.vsa");
        Files.writeString(file, withReport(
                "\"report\": {\"factors\": [\"shape\", \"posX\"]}, \"readout_accuracy\": {\"shape\": 0.48, "
                        + "\"posX\": 0.96}, \"readout_accuracy_on_reconstructions\": {\"shape\": 0.38, \"posX\": 0.9}, "
                        + "\"readout_chance_accuracy\": {\"shape\": 0.3333333333333333, \"posX\": 0.03125}"));
        java.util.Map<String, Analysis.Readout> readouts = Analysis.read(file).factorGraphs().readouts();
        assertEquals(java.util.List.of("shape", "posX"), java.util.List.copyOf(readouts.keySet()));
        assertEquals(0.48, readouts.get("shape").images());
        assertEquals(0.07, readouts.get("shape").aboveChance(), 1e-12);
        assertTrue(readouts.get("shape").unreadable(), "0.07 above chance is below the floor 0.1");
        assertEquals((0.9 - 0.03125) / (1 - 0.03125), readouts.get("posX").aboveChance(), 1e-12);
        assertTrue(!readouts.get("posX").unreadable());

        Path old = folder.resolve("no-readouts.vsa");
        Files.writeString(old, minimal(3, "\"circuits\": []"));
        assertTrue(Analysis.read(old).factorGraphs().readouts().isEmpty());
    }

    @Test
    void aFileWithoutThePairsHasNoneAndAFileWithoutLowerEndsShowsNone() throws Exception {
        Path file = folder.resolve("old-pairs.vsa");
        Files.writeString(file, minimal(3, "\"circuits\": []"));
        assertTrue(Analysis.read(file).factorGraphs().pairs().isEmpty());

        Path noLower = folder.resolve("no-lower.vsa");
        Files.writeString(noLower, withReport(
                "\"report\": {\"factors\": [\"a\", \"b\"]}, \"factor_effect_matrix\": {\"m\": [[0.9, 0.05], "
                        + "[0.02, 0.8]]}, \"factor_effect_evidence\": [[0.9, 0.04], [0.01, 0.8]]"));
        java.util.List<Analysis.FactorPair> pairs = Analysis.read(noLower).factorGraphs().pairs();
        assertEquals(java.util.List.of("no edge", "no edge"), pairs.stream().map(Analysis.FactorPair::verdict).toList());
        assertTrue(Double.isNaN(pairs.get(0).evidenceLower()));
    }

    @Test
    void unitSharesAreReadAndAFileWithoutThemHasNone() throws Exception {
        Path file = folder.resolve("shares.vsa");
        Files.writeString(file, minimal(3, "\"circuits\": []").replace("\"classes\": [\"mono\"]",
                "\"classes\": [\"monosemantic\"], \"share\": [0.7], \"share_lower\": [0.55], \"share_upper\": [0.8],"
                        + " \"undecided\": [true]"));
        Analysis.HookEffects hook = Analysis.read(file).units().hooks().get(0);
        assertEquals(0.55, hook.shareLower()[0]);
        assertEquals(1, hook.undecidedCount());
        assertEquals(1, hook.undecidedCount("monosemantic"));
        assertEquals(0, hook.undecidedCount("polysemantic"));
        java.util.List<String[]> rows = new java.util.ArrayList<>();
        new AnalysisElement.Unit(Analysis.read(file), "h", 0).addRows(rows);
        assertTrue(rows.stream().anyMatch(r -> r[0].equals("dominant share") && r[1].equals("0.7000 [0.5500, 0.8000]")));
        assertTrue(rows.stream().anyMatch(r -> r[0].equals("class settled") && r[1].startsWith("no:")));

        Path old = folder.resolve("no-shares.vsa");
        Files.writeString(old, minimal(3, "\"circuits\": []"));
        Analysis.HookEffects without = Analysis.read(old).units().hooks().get(0);
        assertTrue(Double.isNaN(without.share()[0]));
        assertEquals(0, without.undecidedCount());

        Path truncated = folder.resolve("short.vsa");
        Files.writeString(truncated, minimal(3, "\"circuits\": []").replace("\"classes\": [\"mono\"]",
                "\"classes\": [\"mono\"], \"share\": [], \"share_lower\": [], \"share_upper\": [], \"undecided\": []"));
        AnalysisFileException e = assertThrows(AnalysisFileException.class, () -> Analysis.read(truncated));
        assertTrue(e.getMessage().contains("1 units but 0 values of share"), e.getMessage());
    }
}
