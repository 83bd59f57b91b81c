package org.vaescope.core.interventions;

import org.vaescope.core.progress.ProgressMonitor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.hooks.ActivationOverride;
import org.vaescope.core.hooks.RunOptions;
import org.vaescope.core.hooks.RunResult;
import org.vaescope.core.hooks.StagedModel;
import org.vaescope.core.internal.hooks.Activation;
import org.vaescope.core.internal.hooks.ConvStage;
import org.vaescope.core.internal.hooks.DenseStage;
import org.vaescope.core.internal.interventions.ScratchMemory;
import org.vaescope.core.runtime.Floats;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.Likelihood;
import org.vaescope.core.vae.TinyBarsDataset;
import org.vaescope.core.vae.VaeHooks;
import org.vaescope.core.vae.VaeModel;
import org.vaescope.core.vae.Variant;
import org.vaescope.core.vae.VariantConfig;

/** Patching, ablation and sweeps: known answers on a linear network, sweep = unit-by-unit patching on a VAE. */
class ActivationPatchingTest {

    static final StagedModel LINEAR = TestNets.linear();
    static final INDArray XT = TestNets.inputs(5, 3);
    static final INDArray XS = TestNets.inputs(5, 4);
    static final Measure Y = new Measure.Unit("y", 0);

    @Test
    void patchingAUnitWithItsOwnActivationChangesNothing() {
        PatchResult r = ActivationPatching.patch(LINEAR, Pairs.of(XT, XT, 1, "same"), "h", new int[] {1}, Y, 2);
        assertEquals(0, r.meanEffect(), 1e-7);
        assertTrue(r.fractionUndefined());
        assertTrue(Double.isNaN(r.fractionRestored()));
        assertEquals(5, r.undefinedPairs());
    }

    @Test
    void patchingTheWholeHookRestoresEverything() {
        PatchResult r = ActivationPatching.patch(LINEAR, Pairs.of(XT, XS, 1, "pairs"), "h", new int[] {0, 1, 2}, Y, 5);
        assertFalse(r.fractionUndefined());
        assertEquals(1.0, r.fractionRestored(), 1e-5);
        for (double f : r.pairFractions()) {
            assertEquals(1.0, f, 1e-4);
        }
    }

    @Test
    void patchingOneUnitMovesTheOutputByItsWeightedChange() {
        PatchResult r = ActivationPatching.patch(LINEAR, Pairs.of(XT, XS, 1, "pairs"), "h", new int[] {2}, Y, 5);
        double expected = 0;
        for (int b = 0; b < 5; b++) {
            expected += TestNets.W2[2] * (TestNets.hidden(TestNets.row(XS, b))[2] - TestNets.hidden(TestNets.row(XT, b))[2]);
        }
        assertEquals(expected / 5, r.meanEffect(), 1e-5);
    }

    @Test
    void ablationsHaveClosedForms() {
        int[] units = {0};
        PatchResult zero = ActivationPatching.ablate(LINEAR, XT, null, "h", units, Ablation.ZERO, Y, 3);
        PatchResult mean = ActivationPatching.ablate(LINEAR, XT, XS, "h", units, Ablation.MEAN, Y, 3);
        double zeroEffect = 0;
        double meanH = 0;
        for (int b = 0; b < 5; b++) {
            zeroEffect -= TestNets.W2[0] * TestNets.hidden(TestNets.row(XT, b))[0];
            meanH += TestNets.hidden(TestNets.row(XS, b))[0] / 5;
        }
        assertEquals(zeroEffect / 5, zero.meanEffect(), 1e-5);
        double meanEffect = 0;
        for (int b = 0; b < 5; b++) {
            meanEffect += TestNets.W2[0] * (meanH - TestNets.hidden(TestNets.row(XT, b))[0]) / 5;
        }
        assertEquals(meanEffect, mean.meanEffect(), 1e-5);
        PatchResult a = ActivationPatching.ablate(LINEAR, XT, null, "h", units, Ablation.RESAMPLE, Y, 11);
        PatchResult b = ActivationPatching.ablate(LINEAR, XT, null, "h", units, Ablation.RESAMPLE, Y, 11);
        assertArrayEquals(a.patchedValues(), b.patchedValues());
        double[] clean = a.targetValues();
        double[] resampled = a.patchedValues();
        for (int i = 0; i < 5; i++) {
            // the resampled unit comes from another input, so the value differs from the clean one
            assertTrue(Math.abs(resampled[i] - clean[i]) > 1e-6, "input " + i);
        }
    }

    @Test
    void sweepEqualsUnitByUnitPatchingWhateverTheBatching() {
        VaeModel vae = VaeModel.create(Architecture.mlp(1, 12, 12, 3, 10, 6), VariantConfig.of(Variant.VAE),
                Likelihood.BERNOULLI, 5);
        TinyBarsDataset data = new TinyBarsDataset(12);
        Pairs pairs = Pairs.differingIn(data, 1, 4, 9);
        List<String> hooks = List.of("encoder.fc1", "encoder.fc2", VaeHooks.LATENT_MU, VaeHooks.LATENT_LOGVAR,
                "decoder.fc1");
        for (Measure m : List.of(Measure.reconstruction(), Measure.latent(1))) {
            PatchingSweep big = ActivationPatching.sweep(vae, pairs, hooks, m, 64L << 20, ProgressMonitor.NONE);
            PatchingSweep tiny = ActivationPatching.sweep(vae, pairs, hooks, m, 1, ProgressMonitor.NONE);
            assertTrue(tiny.forwardPasses() > big.forwardPasses(), tiny.forwardPasses() + " vs " + big.forwardPasses());
            for (String h : hooks) {
                double[][] values = big.patchedValues(h);
                for (int u = 0; u < values.length; u++) {
                    if (m instanceof Measure.Reconstruction) {
                        PatchResult single = ActivationPatching.patch(vae, pairs, h, new int[] {u}, m, 4);
                        assertArrayEquals(single.patchedValues(), values[u], 1e-5, h + "[" + u + "]");
                    }
                    assertArrayEquals(values[u], tiny.patchedValues(h)[u], 1e-6);
                }
            }
            assertArrayEquals(new double[3], big.meanEffect(VaeHooks.LATENT_LOGVAR), 1e-9,
                    "a deterministic run ignores the log-variance");
            assertEquals(4, big.sampleCount());
            assertEquals(9, big.seed());
        }
        PatchingSweep latent = ActivationPatching.sweep(vae, pairs, hooks, Measure.latent(1), 64L << 20, null);
        assertArrayEquals(new double[6], latent.meanEffect("decoder.fc1"), 1e-9, "the decoder cannot move mu");
        assertEquals(1.0, latent.fractionRestored(VaeHooks.LATENT_MU)[1], 1e-5);
    }

    @Test
    void cancelingStopsTheSweep() {
        ProgressMonitor cancel = new ProgressMonitor() {
            @Override
            public void worked(int done, int total, String what) {
            }

            @Override
            public boolean isCanceled() {
                return true;
            }
        };
        assertThrows(CancellationException.class, () -> ActivationPatching.sweep(LINEAR, Pairs.of(XT, XS, 1, "p"), null,
                Y, 1 << 20, cancel));
    }

    @Test
    void badInputsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ActivationPatching.patch(LINEAR, Pairs.of(XT, XS, 1, "p"), "h", new int[] {0},
                        new Measure.Unit("y", 3), 2));
        assertTrue(e.getMessage().contains("y[3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Pairs.of(XT, Floats.array(new float[4], 1, 1, 1, 4), 1, "x"));
        assertTrue(e.getMessage().contains("shape"), e.getMessage());
    }

    /**
     * A dense layer's flat output read by a transposed convolution that reshapes it into 2 channels of
     * 2 × 2: a unit of the hook is one value, not a channel, so the sweep cannot take the convolution's
     * per-channel shortcut; it must still give what patching each unit alone gives.
     */
    @Test
    void aSweepOverAFlatHookThatAConvolutionReshapesMatchesPatchingEachUnit() {
        StagedModel model = StagedModel.builder("input", 1, 1, 4)
                .add("fc", new DenseStage("fc", 4, 8, Activation.IDENTITY), "input")
                .add("deconv", ConvStage.deconv("deconv", new int[] {2, 2, 2}, 1, 2, 2, Activation.IDENTITY), "fc")
                .build("deconv");
        Pairs pairs = Pairs.of(XT, XS, 5, "random pairs");
        Measure corner = new Measure.Unit("deconv", 0);
        PatchingSweep sweep = ActivationPatching.sweep(model, pairs, List.of("fc"), corner,
                ActivationPatching.DEFAULT_MEMORY_BUDGET, ProgressMonitor.NONE);
        for (int u = 0; u < 8; u++) {
            PatchResult single = ActivationPatching.patch(model, pairs, "fc", new int[] {u}, corner, 5);
            assertArrayEquals(single.patchedValues(), sweep.patchedValues("fc")[u], 1e-5, "unit " + u);
        }
    }

    /** Sets larger than {@link PatchEngine#LARGE_SET} go through a mask: the same values as patching each set alone. */
    @Test
    void largeUnitSetsPatchedByAMaskGiveWhatAPatchOfEachSetGives() {
        VaeModel vae = VaeModel.create(Architecture.conv(1, 16, 16, 3), VariantConfig.of(Variant.VAE),
                Likelihood.BERNOULLI, 4);
        Pairs pairs = Pairs.differingIn(new TinyBarsDataset(16), 0, 6, 2);
        Measure mu = Measure.latent(1);
        String hook = "encoder.conv3";
        List<int[]> sets = List.of(ActivationOverride.allUnits(20), new int[] {1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21});
        RunResult targets = vae.run(pairs.base(0, 6), RunOptions.defaults().captureAll());
        RunResult sources = vae.run(pairs.changed(0, 6), RunOptions.defaults().captureAll());
        try (ScratchMemory scratch = new ScratchMemory("test")) {
            PatchEngine engine = new PatchEngine(vae, MetricEvaluator.of(mu, vae), scratch);
            double[][] masked = engine.run(hook, sets, targets.activations(), sources.activation(hook), null, 2,
                    ProgressMonitor.NONE);
            for (int i = 0; i < sets.size(); i++) {
                PatchResult alone = ActivationPatching.patch(vae, pairs, hook, sets.get(i), mu, 6);
                assertArrayEquals(alone.patchedValues(), masked[i], 1e-5, "set " + i);
            }
        }
    }
}
