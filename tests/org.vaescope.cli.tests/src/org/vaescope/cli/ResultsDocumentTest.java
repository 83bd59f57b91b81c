package org.vaescope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.vaescope.core.analysis.Estimate;
import org.vaescope.core.pipeline.Reproduction;
import org.vaescope.core.vae.Variant;

class ResultsDocumentTest {

    /**
     * Four factors, twelve off-diagonal entries: d unreadable (a -> d, b -> d, c -> d set aside, a -> d
     * even though it is also confounded), a -> b confounded, c without an intervention of its own
     * (c -> a, c -> b; c -> d counts as unreadable), the other six tested.
     */
    @Test
    void theNegativeControlCountsTestedAndSetAsideEntries() {
        Map<String, Double> accuracy = new LinkedHashMap<>();
        for (String factor : List.of("a", "b", "c", "d")) {
            accuracy.put(factor, 0.5);
        }
        Estimate none = Estimate.withoutInterval(0, 1, 1);
        Reproduction.Run run = new Reproduction.Run("dsprites", Variant.BETA_VAE, 1, 0.2, 0.2, none, none, none, 0, 0,
                0, 3, Map.of(), Map.of(), List.of(), List.of(), null, null, accuracy, accuracy, accuracy,
                List.of("a -> b", "a -> d"), List.of("d"), List.of("c"), Map.of(), Map.of(), Map.of(), 0.01, Double.NaN, 1);

        assertArrayEquals(new int[] {6, 3, 1, 2}, ResultsDocument.setAside(run));
    }

    /** Our order of the variants comes with each mean's t-interval and names the pairs the intervals separate. */
    @Test
    void theOrderingSaysOurOrderWithIntervalsAndWhichPairsAreApart() {
        List<Reproduction.Run> runs = new java.util.ArrayList<>();
        double[][] migs = {{0.01, 0.02, 0.03}, {0.30, 0.32, 0.34}, {0.1, 0.3, 0.5}};
        for (int v = 0; v < 3; v++) {
            for (int seed = 0; seed < 3; seed++) {
                runs.add(runWithMig(Reproduction.VARIANTS.get(v), seed + 1, migs[v][seed]));
            }
        }
        assertEquals("Ours: beta-VAE 0.320 [0.270, 0.370] > FactorVAE 0.300 [-0.197, 0.797] > VAE 0.020 [-0.005, 0.045];"
                + " intervals apart: beta-VAE > VAE.", ResultsDocument.ourOrder(runs, Reproduction.Run::mig));
    }

    private static Reproduction.Run runWithMig(Variant variant, long seed, double mig) {
        Estimate none = Estimate.withoutInterval(0, 1, 1);
        return new Reproduction.Run("dsprites", variant, seed, mig, 0.2, none, none, none, 0, 0, 0, 3, Map.of(),
                Map.of(), List.of(), List.of(), null, null, Map.of(), Map.of(), Map.of(), List.of(), List.of(),
                List.of(), Map.of(), Map.of(), Map.of(), 0.01, Double.NaN, 1);
    }

    /**
     * A run analysed under the lower-bound rule shows the bound of its largest tested entry and says
     * which rule drew its edges; a run written before the rule (no bounds) says "value".
     */
    @Test
    void theNegativeControlSaysWhichRuleDrewTheEdgesAndShowsTheLowerBound() {
        Map<String, Double> accuracy = new LinkedHashMap<>();
        accuracy.put("a", 0.9);
        accuracy.put("b", 0.9);
        Estimate none = Estimate.withoutInterval(0, 1, 1);
        Map<String, Double> evidence = Map.of("a -> b", 0.12, "b -> a", 0.05);
        Reproduction.Run byBound = new Reproduction.Run("dsprites", Variant.BETA_VAE, 9, 0.2, 0.2, none, none, none,
                0, 0, 0, 2, Map.of(), Map.of(), List.of(), List.of(), null, null, accuracy, accuracy, accuracy,
                List.of(), List.of(), List.of(), evidence, evidence, Map.of("a -> b", 0.08, "b -> a", 0.01), 0.01,
                Double.NaN, 1);
        Reproduction.Run byValue = new Reproduction.Run("dsprites", Variant.BETA_VAE, 5, 0.2, 0.2, none, none, none,
                0, 0, 0, 2, Map.of(), Map.of(), List.of(), List.of("a -> b"), null, null, accuracy, accuracy, accuracy,
                List.of(), List.of(), List.of(), evidence, evidence, null, 0.01, Double.NaN, 1);

        assertEquals("a -> b 0.120 [lower 0.080] (largest measured M: a -> b 0.120)",
                ResultsDocument.largestTested(byBound));
        assertTrue(byBound.edgesByLowerBound() && !byValue.edgesByLowerBound());
        StringBuilder md = new StringBuilder();
        ResultsDocument.appendNegativeControl(md, List.of(byBound, byValue));
        String table = md.toString();
        assertTrue(table.contains("| beta-VAE | 9 | [] | 2 of 2 | 0 | 0 | 0 | a -> b 0.120 [lower 0.080] "
                + "(largest measured M: a -> b 0.120) | 95 % lower bound | passes |"), table);
        assertTrue(table.contains("| beta-VAE | 5 | [a -> b] | 2 of 2 | 0 | 0 | 0 | a -> b 0.120 "
                + "(largest measured M: a -> b 0.120) | value | fails |"), table);
    }

    /**
     * Two VAE seeds (CES 4 and 6, DCI 0.1 and 0.3) and two VQ-VAE seeds (CES 1 and 1, DCI 0.5 and 0.7):
     * the four models correlate negatively (r = -0.74), the two variant means (5, 0.2) and (1, 0.6) perfectly so.
     */
    @Test
    void theV3SectionCorrelatesCesWithDciOverModelsAndVariantMeansAndGivesVqVaeBothCesFigures() {
        List<Reproduction.Run> runs = List.of(run(Variant.VAE, 4, 0.1, Double.NaN), run(Variant.VAE, 6, 0.3, Double.NaN),
                run(Variant.VQ_VAE, 1, 0.5, 3), run(Variant.VQ_VAE, 1, 0.7, 5));
        StringBuilder md = new StringBuilder();

        ResultsDocument.appendV3(md, runs, List.of());

        assertTrue(md.toString().contains(
                "across the 4 models: Pearson r = -0.74 [-0.99, 0.77] (95 % Fisher-z interval)"), md::toString);
        assertTrue(md.toString().contains("Across the means of the 2 variants: r = -1.00 (no interval below 4)"),
                md::toString);
        assertTrue(md.toString().contains("VQ-VAE (2 seeds): mean CES 1.00 [1.00, 1.00] with the shift made before the "
                + "quantiser, 4.00 [-8.71, 16.71] fed after it; the Gaussian variants' models range from 4.00 to 6.00"),
                md::toString);
        assertTrue(!md.toString().contains("The causal dataset:"), "no causal section without two variants there");
    }

    /** On the causal dataset the same correlations: CES 4, 6, 1 against DCI 0.1, 0.3, 0.5 over three models. */
    @Test
    void theV3SectionCorrelatesTheCausalModelsToo() {
        List<Reproduction.Run> causal = List.of(run(Variant.BETA_VAE, 4, 0.1, Double.NaN),
                run(Variant.VAE, 6, 0.3, Double.NaN), run(Variant.VQ_VAE, 1, 0.5, 1));
        StringBuilder md = new StringBuilder();

        ResultsDocument.appendV3(md, List.of(), causal);

        // r of (4, 6, 1) with (0.1, 0.3, 0.5): -0.596
        assertTrue(md.toString().contains("The causal dataset:\n\n- CES against DCI disentanglement across the 3 "
                + "models: Pearson r = -0.60 (no interval below 4)."), md::toString);
        assertTrue(md.toString().contains("- VQ-VAE seed 1: mean CES 1.00, DCI 0.500, MIG 0.000"), md::toString);
    }

    private static Reproduction.Run run(Variant variant, double ces, double dci, double cesAfterQuantiser) {
        Estimate estimate = Estimate.withoutInterval(ces, 1, 1);
        return new Reproduction.Run("dsprites", variant, 1, 0, dci, estimate, estimate, estimate, 0, 0, 0, 1, Map.of(),
                Map.of(), List.of(), List.of(), null, null, Map.of(), Map.of(), Map.of(), List.of(), List.of(),
                List.of(), Map.of(), Map.of(), Map.of(), 0, cesAfterQuantiser, 1);
    }

    @Test
    void rewritingKeepsTheHandWrittenPartAndOnlyIt() {
        String previous = "# old table\n\n" + ResultsDocument.HAND_WRITTEN + "\n## Reading\n\nby hand\n";

        assertEquals("# new table\n\n" + ResultsDocument.HAND_WRITTEN + "\n## Reading\n\nby hand\n",
                ResultsDocument.keepingHandWritten("# new table\n", previous));
        assertEquals("# new table\n", ResultsDocument.keepingHandWritten("# new table\n", "# old table\n"));
        assertEquals("# new table\n", ResultsDocument.keepingHandWritten("# new table\n", null));
    }

    @Test
    void aCurveHasSettledWhenMigMovedLessThanThreeHundredthsOverItsLastTwoThousandSteps() {
        List<Reproduction.CurvePoint> rising = List.of(new Reproduction.CurvePoint(4000, 0.25),
                new Reproduction.CurvePoint(6000, 0.29), new Reproduction.CurvePoint(8000, 0.33));
        List<Reproduction.CurvePoint> flat = List.of(new Reproduction.CurvePoint(6000, 0.33),
                new Reproduction.CurvePoint(8000, 0.31));

        assertEquals("no (+0.040)", ResultsDocument.settled(rising));
        assertEquals("yes (-0.020)", ResultsDocument.settled(flat));
        assertEquals("too short to tell", ResultsDocument.settled(flat.subList(1, 2)));
    }

    @Test
    void theTrainingLineSaysWhenAModelMayTrainOnUntilItsCurveSettles() {
        Reproduction.Settings fixed = settings(8_000, 8_000);
        Reproduction.Settings settling = settings(8_000, 16_000);

        assertEquals("8000 steps", ResultsDocument.trainingLength(fixed));
        assertEquals("8000 steps, and on up to 16000 while the MIG curve has not settled (moved 0.03 or more over "
                + "the last 2,000 steps; checked at each curve point)", ResultsDocument.trainingLength(settling));
    }

    @Test
    void theSettingsSayWhichJobsWerePlannedAndWhetherTheImagesWereScaledDown() {
        Reproduction.Settings only = settings(8_000, 8_000, java.util.Set.of("dsprites:vae", "dsprites:betavae"));
        org.vaescope.core.vae.Architecture conv = org.vaescope.core.vae.Architecture.conv(1, 32, 32, 10);

        assertEquals("only the jobs dsprites:betavae, dsprites:vae", ResultsDocument.plannedJobs(only));
        assertTrue(ResultsDocument.plannedJobs(settings(8_000, 8_000)).startsWith("the controls first"));
        assertTrue(ResultsDocument.network(conv, 32).endsWith(") on the smaller images"));
        assertTrue(ResultsDocument.network(conv, 64).endsWith(")"));
    }

    private static Reproduction.Settings settings(int steps, int maxSteps) {
        return settings(steps, maxSteps, java.util.Set.of());
    }

    private static Reproduction.Settings settings(int steps, int maxSteps, java.util.Set<String> only) {
        return new Reproduction.Settings(org.vaescope.core.vae.Architecture.mlp(1, 16, 16, 4, 32), steps, maxSteps, 64,
                1e-3, List.of(1L, 2L), org.vaescope.core.pipeline.ModelAnalysis.Settings.quick(0), 32,
                java.nio.file.Path.of("runs"), 500, 2_000, only);
    }
}
