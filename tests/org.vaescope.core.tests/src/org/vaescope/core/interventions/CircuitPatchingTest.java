package org.vaescope.core.interventions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.analysis.CircuitSet;
import org.vaescope.core.analysis.PatchEffects;
import org.vaescope.core.hooks.HookPoint;
import org.vaescope.core.hooks.StagedModel;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.Likelihood;
import org.vaescope.core.vae.Variant;
import org.vaescope.core.vae.VariantConfig;
import org.vaescope.core.vae.VaeHooks;
import org.vaescope.core.vae.VaeModel;

/**
 * On the linear network y = w2 · (W1 x), patching hidden unit u from source into target moves y by
 * Δp_b = w2[u]·Δh_u,b, and the whole change is Δs_b = Σ_j w2[j]·Δh_j,b: the edge u → y is the slope
 * Σ_b Δp_b Δs_b / Σ_b Δs_b², and the slopes of all hidden units add up to 1.
 */
class CircuitPatchingTest {

    @Test
    void edgeWeightsAreTheFractionsEachUnitCarriesInClosedForm() {
        StagedModel model = TestNets.linear();
        INDArray targets = TestNets.inputs(12, 1);
        INDArray sources = TestNets.inputs(12, 2);
        Pairs pairs = Pairs.of(targets, sources, 3, "random pairs");
        CircuitSet circuits = new CircuitSet(List.of("h", "y"), List.of("a"),
                List.of(List.of(new int[] {0, 1, 2}, new int[] {0})));

        PatchEffects effects = CircuitPatching.edges(model, circuits, List.of(pairs), 3, null);

        double[][] change = new double[12][3];
        double[] whole = new double[12];
        double wholeSquares = 0;
        for (int b = 0; b < 12; b++) {
            double[] ht = TestNets.hidden(TestNets.row(targets, b));
            double[] hs = TestNets.hidden(TestNets.row(sources, b));
            for (int u = 0; u < 3; u++) {
                change[b][u] = hs[u] - ht[u];
                whole[b] += TestNets.W2[u] * change[b][u];
            }
            wholeSquares += whole[b] * whole[b];
        }
        assertEquals(3, effects.edges().size());
        double sum = 0;
        for (PatchEffects.PatchEdge edge : effects.edges()) {
            assertEquals("h", edge.sourceHook());
            assertEquals("y", edge.targetHook());
            double expected = 0;
            for (int b = 0; b < 12; b++) {
                expected += TestNets.W2[edge.sourceUnit()] * change[b][edge.sourceUnit()] * whole[b] / wholeSquares;
            }
            assertEquals(expected, edge.weight(), 1e-4, "edge from h[" + edge.sourceUnit() + "]");
            sum += edge.weight();
        }
        assertEquals(1.0, sum, 1e-4, "a linear network's slopes add up to 1");
    }

    @Test
    void edgesFollowTheDataFlowNotTheHookListOrder() {
        VaeModel vae = VaeModel.create(Architecture.mlp(1, 8, 8, 3, 16), VariantConfig.of(Variant.VAE),
                Likelihood.BERNOULLI, 5);
        List<String> layers = List.of("encoder.fc1", VaeHooks.LATENT_MU, VaeHooks.LATENT_LOGVAR, "decoder.fc1");

        assertEquals(List.of("encoder.fc1"), CircuitPatching.parents(vae, layers, VaeHooks.LATENT_LOGVAR),
                "log-variance is read from the encoder, not from the mean listed before it");
        assertEquals(List.of(VaeHooks.LATENT_MU, VaeHooks.LATENT_LOGVAR),
                CircuitPatching.parents(vae, layers, "decoder.fc1"), "the decoder reads the bottleneck");
        assertEquals(List.of("encoder.fc1"), CircuitPatching.parents(vae,
                List.of("encoder.fc1", "decoder.fc1"), "decoder.fc1"), "through hook points outside the circuit");
        assertEquals(List.of(), CircuitPatching.parents(vae, layers, "encoder.fc1"));
    }

    @Test
    void aChannelsSlopeCountsPositionWiseChangesThatCancelInItsMean() {
        HookPoint channel = new HookPoint("conv", new int[] {1, 1, 2}, "conv");
        float[] clean = {1, 0};
        float[] full = {0, 1};     // the object moved: the channel's spatial mean did not change
        float[] patched = {0.5f, 0.5f};

        assertEquals(0.5, CircuitPatching.slope(patched, clean, full, channel, 0), 1e-9);
        assertTrue(Double.isNaN(CircuitPatching.slope(clean, clean, clean, channel, 0)), "a unit that does not move");
    }
}
