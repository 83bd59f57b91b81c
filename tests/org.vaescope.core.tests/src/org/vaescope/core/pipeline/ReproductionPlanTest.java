package org.vaescope.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vaescope.core.vae.Variant;

/** The reproduction trains the negative control's three dSprites seeds before the later causal seeds, the v3 variants last. */
class ReproductionPlanTest {

    @Test
    void controlsComeFirstWithThreeDSpritesSeedsEarly() {
        List<Reproduction.Job> plan = Reproduction.plan(List.of(1L, 2L, 3L, 4L));

        assertEquals(List.of(new Reproduction.Job("dsprites", Variant.BETA_VAE, 1),
                new Reproduction.Job("causal", Variant.BETA_VAE, 1), new Reproduction.Job("dsprites", Variant.BETA_VAE, 2),
                new Reproduction.Job("dsprites", Variant.BETA_VAE, 3), new Reproduction.Job("causal", Variant.BETA_VAE, 2),
                new Reproduction.Job("causal", Variant.BETA_VAE, 3)), plan.subList(0, 6));
        assertEquals(6 + 3 * 2 + 3, plan.indexOf(new Reproduction.Job("dsprites", Variant.BETA_TC_VAE, 1)),
                "then VAE and FactorVAE for seeds 1-3 and all three for seed 4");
        assertEquals(List.of(Variant.BETA_TC_VAE, Variant.DIP_VAE_II, Variant.VQ_VAE, Variant.BETA_TC_VAE),
                plan.subList(15, 19).stream().map(Reproduction.Job::variant).toList(), "the v3 variants seed by seed");
        assertEquals(15 + 3 * 3 + 5, plan.size(), "the v3 variants on dSprites for three seeds only");
        assertTrue(plan.subList(15, 24).stream().allMatch(job -> job.dataset().equals("dsprites")));
        assertEquals(List.of(Variant.VAE, Variant.FACTOR_VAE, Variant.BETA_TC_VAE, Variant.DIP_VAE_II, Variant.VQ_VAE),
                plan.subList(24, 29).stream().map(Reproduction.Job::variant).toList(),
                "last, every other variant on the causal dataset");
        assertTrue(plan.subList(24, 29).stream().allMatch(job -> job.dataset().equals("causal") && job.seed() == 1));
    }

    @Test
    void aSingleSeedIsReportedWithoutAnIntervalAndSeveralWithAStudentT() {
        assertEquals("0.296 (one seed)", Reproduction.Summary.of(new double[] {0.296}).format("%.3f"));
        // mean 2, sd 1, n = 3: 4.303 · 1 / √3 = 2.484
        assertEquals("2.000 [-0.484, 4.484]", Reproduction.Summary.of(new double[] {1, 2, 3}).format("%.3f"));
        // 1…12: mean 6.5, sd √13, t(11) = 2.2010 (not t(9)'s 2.2622): half width 2.2909
        double[] twelve = java.util.stream.IntStream.rangeClosed(1, 12).asDoubleStream().toArray();
        assertEquals("6.500 [4.209, 8.791]", Reproduction.Summary.of(twelve).format("%.3f"));
        assertEquals("undefined", Reproduction.Summary.of(new double[] {0.2, Double.NaN}).format("%.3f"),
                "a model without active latents has no CES, and the mean over seeds none either");
    }

    /** r of (1,2,3,4,5) with (2,4,5,4,5) is 0.775; Fisher z: atanh r ± 1.96/√2 gives [-0.34, 0.98]. */
    @Test
    void theCesDciCorrelationIsPearsonsRWithAFisherInterval() {
        double[][] pairs = {{1, 2}, {2, 4}, {3, 5}, {4, 4}, {5, 5}};
        List<Reproduction.Run> runs = java.util.Arrays.stream(pairs).map(p -> run(p[0], p[1])).toList();

        Reproduction.Summary r = Reproduction.cesDciCorrelation(runs);

        assertEquals(0.7746, r.mean(), 1e-4);
        assertEquals(-0.3401, r.lower(), 1e-4);
        assertEquals(0.9842, r.upper(), 1e-4);
        assertTrue(Double.isNaN(Reproduction.cesDciCorrelation(runs.subList(0, 3)).lower()),
                "below 4 models there is no interval");
    }

    private static Reproduction.Run run(double ces, double dci) {
        org.vaescope.core.analysis.Estimate none = org.vaescope.core.analysis.Estimate.withoutInterval(ces, 1, 1);
        return new Reproduction.Run("dsprites", Variant.VAE, 1, 0, dci, none, none, none, 0, 0, 0, 1, java.util.Map.of(),
                java.util.Map.of(), List.of(), List.of(), null, null, java.util.Map.of(), java.util.Map.of(),
                java.util.Map.of(), List.of(), List.of(), List.of(), java.util.Map.of(), java.util.Map.of(), null, 0, Double.NaN,
                1);
    }

    @Test
    void trainingEndsFromItsLeastStepsOnceMigMovedLessThanTheBarOverTheLastTwoThousandStepsAndAtItsMostRegardless() {
        Reproduction.Settings settings = new Reproduction.Settings(
                org.vaescope.core.vae.Architecture.mlp(1, 16, 16, 4, 32), 8_000, 16_000, 64, 1e-3, List.of(1L, 2L),
                ModelAnalysis.Settings.quick(0), 16, java.nio.file.Path.of("runs"), 500, 100, java.util.Set.of());
        List<Reproduction.CurvePoint> flat = List.of(new Reproduction.CurvePoint(5_500, 0.20),
                new Reproduction.CurvePoint(6_000, 0.30), new Reproduction.CurvePoint(8_000, 0.32));
        List<Reproduction.CurvePoint> rising = List.of(new Reproduction.CurvePoint(6_000, 0.30),
                new Reproduction.CurvePoint(8_000, 0.34));

        assertEquals(0.02, Reproduction.settlingChange(flat).getAsDouble(), 1e-12);
        assertTrue(Reproduction.trainingEnds(settings, 8_000, flat));
        assertFalse(Reproduction.trainingEnds(settings, 8_000, rising), "MIG moved 0.04 > 0.03");
        assertFalse(Reproduction.trainingEnds(settings, 6_000, flat.subList(0, 2)), "not before the least steps");
        assertTrue(Reproduction.trainingEnds(settings, 16_000, List.of(new Reproduction.CurvePoint(14_000, 0.1),
                new Reproduction.CurvePoint(16_000, 0.5))), "at the most steps, settled or not");
        assertTrue(Reproduction.settlingChange(flat.subList(1, 2)).isEmpty(), "no point 2,000 steps back");
        assertFalse(Reproduction.trainingEnds(settings, 8_000, flat.subList(2, 3)));
    }
}
