package org.vaescope.core.interventions;

import org.vaescope.core.progress.ProgressMonitor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vaescope.core.hooks.StagedModel;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.Likelihood;
import org.vaescope.core.vae.TinyBarsDataset;
import org.vaescope.core.vae.VaeModel;
import org.vaescope.core.vae.Variant;
import org.vaescope.core.vae.VariantConfig;

/** Attribution patching is exact on a linear network and close to exact patching on a small VAE. */
class AttributionPatchingTest {

    @Test
    void exactOnALinearNetwork() {
        StagedModel model = TestNets.linear();
        Pairs pairs = Pairs.of(TestNets.inputs(7, 5), TestNets.inputs(7, 6), 5, "random");
        AttributionResult r = AttributionPatching.attribute(model, pairs, List.of("input", "h"), new Measure.Unit("y", 0),
                4, true, 3, 1 << 20, ProgressMonitor.NONE);
        for (String hook : List.of("input", "h")) {
            double[] est = r.estimates(hook);
            double[] exact = r.exactSweep().meanEffect(hook);
            for (int u = 0; u < est.length; u++) {
                assertEquals(exact[u], est[u], 1e-5, hook + "[" + u + "]");
            }
        }
        assertEquals(4, r.top().size());
        for (AttributionResult.UnitScore s : r.top()) {
            assertEquals(s.exact(), s.estimate(), 1e-5);
        }
        assertTrue(Math.abs(r.top().get(0).estimate()) >= Math.abs(r.top().get(3).estimate()));
        assertEquals(1.0, r.topAgreement(), 1e-9);
        assertEquals(1.0, r.allAgreement(), 1e-9);
        assertEquals(7, r.sampleCount());
    }

    @Test
    void ranksUnitsOfASmallVaeLikeExactPatching() {
        VaeModel vae = VaeModel.create(Architecture.mlp(1, 12, 12, 3, 10, 6), VariantConfig.of(Variant.VAE),
                Likelihood.BERNOULLI, 8);
        Pairs pairs = Pairs.differingIn(new TinyBarsDataset(12), 1, 6, 3);
        AttributionResult r = AttributionPatching.attribute(vae, pairs, List.of("encoder.fc1", "encoder.fc2"),
                Measure.latent(0), 5, true, 6, 1 << 20, ProgressMonitor.NONE);
        assertTrue(r.allAgreement() > 0.7, "rank agreement " + r.allAgreement());
        assertTrue(Double.isNaN(AttributionPatching.attribute(vae, pairs, List.of("encoder.fc1"), Measure.latent(0), 0,
                false, 6, 1 << 20, null).allAgreement()));
    }
}
