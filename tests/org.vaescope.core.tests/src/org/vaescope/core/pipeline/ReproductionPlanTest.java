package org.vaescope.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vaescope.core.vae.Variant;

/** The reproduction trains the negative control's three dSprites seeds before the later causal seeds. */
class ReproductionPlanTest {

    @Test
    void controlsComeFirstWithThreeDSpritesSeedsEarly() {
        List<Reproduction.Job> plan = Reproduction.plan(List.of(1L, 2L, 3L, 4L));

        assertEquals(List.of(new Reproduction.Job("dsprites", Variant.BETA_VAE, 1),
                new Reproduction.Job("causal", Variant.BETA_VAE, 1), new Reproduction.Job("dsprites", Variant.BETA_VAE, 2),
                new Reproduction.Job("dsprites", Variant.BETA_VAE, 3), new Reproduction.Job("causal", Variant.BETA_VAE, 2),
                new Reproduction.Job("causal", Variant.BETA_VAE, 3)), plan.subList(0, 6));
        assertEquals(6 + 3 * 2 + 3, plan.size(), "then VAE and FactorVAE for seeds 1-3 and all three for seed 4");
    }

    @Test
    void aSingleSeedIsReportedWithoutAnIntervalAndSeveralWithAStudentT() {
        assertEquals("0.296 (one seed)", Reproduction.Summary.of(new double[] {0.296}).format("%.3f"));
        // mean 2, sd 1, n = 3: 4.303 · 1 / √3 = 2.484
        assertEquals("2.000 [-0.484, 4.484]", Reproduction.Summary.of(new double[] {1, 2, 3}).format("%.3f"));
    }
}
