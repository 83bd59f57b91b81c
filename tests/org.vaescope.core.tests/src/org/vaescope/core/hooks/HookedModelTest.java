package org.vaescope.core.hooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.runtime.Floats;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.Likelihood;
import org.vaescope.core.vae.TinyBarsDataset;
import org.vaescope.core.vae.VaeHooks;
import org.vaescope.core.vae.VaeModel;
import org.vaescope.core.vae.Variant;
import org.vaescope.core.vae.VariantConfig;

/** Capture, run-from, overrides and sampling agree with a plain forward pass. */
class HookedModelTest {

    static final int BATCH = 6;
    static VaeModel mlp;
    static VaeModel conv;
    static INDArray images;

    @BeforeAll
    static void setUp() {
        mlp = VaeModel.create(Architecture.mlp(1, 16, 16, 4, 32, 16), VariantConfig.of(Variant.VAE),
                Likelihood.BERNOULLI, 7);
        conv = VaeModel.create(new Architecture(Architecture.Kind.CONV, 1, 16, 16, 4, new int[] {4, 4, 8, 8, 16}),
                VariantConfig.of(Variant.VAE), Likelihood.BERNOULLI, 8);
        images = batch(new TinyBarsDataset(16), BATCH, 3);
    }

    static INDArray batch(TinyBarsDataset data, int n, long seed) {
        int[][] classes = data.sampleFactors(n, new SplittableRandom(seed));
        return Floats.array(data.renderAll(classes), n, 1, data.height(), data.width());
    }

    static float[] values(INDArray a) {
        return Floats.of(a);
    }

    @Test
    void hookPointsHaveStableNamesAndShapes() {
        List<String> names = mlp.hookPoints().stream().map(HookPoint::name).toList();
        assertEquals(List.of("input", "encoder.fc1", "encoder.fc2", "latent.mu", "latent.logvar", "latent.z",
                "decoder.fc1", "decoder.fc2", "output.logits"), names);
        List<String> convNames = conv.hookPoints().stream().map(HookPoint::name).toList();
        assertEquals(List.of("input", "encoder.conv1", "encoder.conv2", "encoder.conv3", "encoder.conv4",
                "encoder.fc", "latent.mu", "latent.logvar", "latent.z", "decoder.fc1", "decoder.fc2",
                "decoder.deconv1", "decoder.deconv2", "decoder.deconv3", "output.logits"), convNames);
        assertArrayEquals(new int[] {4, 8, 8}, conv.hookPoint("encoder.conv1").shape());
        assertArrayEquals(new int[] {8, 1, 1}, conv.hookPoint("encoder.conv4").shape());
        assertArrayEquals(new int[] {8, 2, 2}, conv.hookPoint("decoder.deconv1").shape());
        assertArrayEquals(new int[] {1, 16, 16}, conv.hookPoint("output.logits").shape());
        assertEquals(4, conv.hookPoint("encoder.conv1").units());
        assertEquals(64, conv.hookPoint("encoder.conv1").unitSize());
        assertTrue(mlp.dependsOn("output.logits", "latent.logvar"));
        assertFalse(mlp.dependsOn("latent.mu", "latent.z"));
    }

    @Test
    void captureAllMatchesPlainRunAndRunFromEveryHookReproducesTheOutput() {
        for (VaeModel model : List.of(mlp, conv)) {
            float[] plain = values(model.run(images, RunOptions.defaults()).output());
            RunResult all = model.run(images, RunOptions.defaults().captureAll());
            assertEquals(model.hookPoints().size(), all.activations().size());
            assertArrayEquals(plain, values(all.output()), 0f);
            for (HookPoint hook : model.hookPoints()) {
                if (hook.name().equals(VaeHooks.LATENT_LOGVAR)) {
                    continue; // deterministic runs do not read the log-variance, so it is no cut point
                }
                RunResult from = model.runFrom(hook.name(), all.activation(hook.name()), RunOptions.defaults());
                assertArrayEquals(plain, values(from.output()), 1e-6f, "run from " + hook.name());
            }
            // z = mu in a deterministic run
            assertArrayEquals(values(all.activation("latent.mu")), values(all.activation("latent.z")), 0f);
        }
    }

    @Test
    void overrideWithCapturedValuesChangesNothing() {
        for (VaeModel model : List.of(mlp, conv)) {
            RunResult all = model.run(images, RunOptions.defaults().captureAll());
            for (HookPoint hook : model.hookPoints()) {
                int[] units = ActivationOverride.allUnits(hook.units());
                RunOptions patched = RunOptions.defaults()
                        .override(ActivationOverride.patch(hook.name(), units, all.activation(hook.name())));
                assertArrayEquals(values(all.output()), values(model.run(images, patched).output()), 0f,
                        "patch " + hook.name());
            }
            INDArray mu = all.activation("latent.mu");
            RunOptions perSample = RunOptions.defaults().override(ActivationOverride.setPerSample("latent.z",
                    new int[] {0, 2}, Floats.array(new float[] {
                        mu.getFloat(0, 0), mu.getFloat(0, 2), mu.getFloat(1, 0), mu.getFloat(1, 2),
                        mu.getFloat(2, 0), mu.getFloat(2, 2), mu.getFloat(3, 0), mu.getFloat(3, 2),
                        mu.getFloat(4, 0), mu.getFloat(4, 2), mu.getFloat(5, 0), mu.getFloat(5, 2)}, BATCH, 2)));
            assertArrayEquals(values(all.output()), values(model.run(images, perSample).output()), 1e-6f);
        }
    }

    @Test
    void zeroOverrideChangesItsUnitsAndDownstreamOnly() {
        RunResult clean = conv.run(images, RunOptions.defaults().captureAll());
        RunOptions ablate = RunOptions.defaults().captureAll()
                .override(ActivationOverride.set("encoder.conv2", new int[] {1, 3}, 0f));
        RunResult ablated = conv.run(images, ablate);
        assertArrayEquals(values(clean.activation("encoder.conv1")), values(ablated.activation("encoder.conv1")), 0f);
        float[] before = values(clean.activation("encoder.conv2"));
        float[] after = values(ablated.activation("encoder.conv2"));
        HookPoint hook = conv.hookPoint("encoder.conv2");
        int changedOther = 0;
        double cleanMass = 0;
        for (int b = 0; b < BATCH; b++) {
            for (int u = 0; u < hook.units(); u++) {
                for (int k = 0; k < hook.unitSize(); k++) {
                    int i = b * hook.size() + u * hook.unitSize() + k;
                    if (u == 1 || u == 3) {
                        assertEquals(0f, after[i]);
                        cleanMass += Math.abs(before[i]);
                    } else if (before[i] != after[i]) {
                        changedOther++;
                    }
                }
            }
        }
        assertEquals(0, changedOther);
        assertTrue(cleanMass > 0, "the ablated channels were active before");
        assertNotEquals(0.0, maxAbsDiff(clean.output(), ablated.output()));
        assertNotEquals(0.0, maxAbsDiff(clean.activation("latent.mu"), ablated.activation("latent.mu")));
    }

    @Test
    void shiftAtLatentEqualsFeedingTheShiftedCode() {
        RunResult clean = mlp.run(images, RunOptions.defaults().capture("latent.z"));
        float[] z = values(clean.activation("latent.z"));
        for (int b = 0; b < BATCH; b++) {
            z[b * 4 + 1] += 1.5f;
        }
        INDArray fed = mlp.runFrom("latent.z", Floats.array(z, BATCH, 4), RunOptions.defaults()).output();
        INDArray shifted = mlp.run(images, RunOptions.defaults()
                .override(ActivationOverride.shift("latent.z", new int[] {1}, 1.5f))).output();
        assertArrayEquals(values(fed), values(shifted), 1e-6f);
        assertTrue(maxAbsDiff(fed, clean.output()) > 1e-4);
    }

    @Test
    void overridesAtSeveralHooksInOneRunAllApply() {
        RunOptions both = RunOptions.defaults().capture("encoder.fc2", "latent.z")
                .override(ActivationOverride.set("encoder.fc2", new int[] {0}, 2f),
                        ActivationOverride.set("latent.z", new int[] {3}, -1f));
        RunResult r = mlp.run(images, both);
        for (int b = 0; b < BATCH; b++) {
            assertEquals(2f, r.activation("encoder.fc2").getFloat(b, 0));
            assertEquals(-1f, r.activation("latent.z").getFloat(b, 3));
        }
    }

    @Test
    void samplingIsSeededAndDeterministicModeUsesTheMean() {
        RunResult a = mlp.run(images, RunOptions.defaults().sampled(11).capture("latent.z", "latent.mu"));
        RunResult b = mlp.run(images, RunOptions.defaults().sampled(11).capture("latent.z"));
        RunResult c = mlp.run(images, RunOptions.defaults().sampled(12).capture("latent.z"));
        assertArrayEquals(values(a.activation("latent.z")), values(b.activation("latent.z")), 0f);
        assertTrue(maxAbsDiff(a.activation("latent.z"), c.activation("latent.z")) > 1e-3);
        assertTrue(maxAbsDiff(a.activation("latent.z"), a.activation("latent.mu")) > 1e-3);
    }

    @Test
    void badRequestsNameTheProblem() {
        HookException unknown = assertThrows(HookException.class,
                () -> mlp.run(images, RunOptions.defaults().capture("encoder.conv9")));
        assertTrue(unknown.getMessage().contains("encoder.conv9"), unknown.getMessage());
        HookException shape = assertThrows(HookException.class,
                () -> mlp.runFrom("latent.z", Floats.array(new float[12], 4, 3), RunOptions.defaults()));
        assertTrue(shape.getMessage().contains("latent.z") && shape.getMessage().contains("[4, 3]"),
                shape.getMessage());
        HookException needsLogvar = assertThrows(HookException.class, () -> mlp.runFrom("latent.mu",
                Floats.array(new float[8], 2, 4), RunOptions.defaults().sampled(1)));
        assertTrue(needsLogvar.getMessage().contains("'input'"), needsLogvar.getMessage());
        HookException unit = assertThrows(HookException.class, () -> mlp.run(images,
                RunOptions.defaults().override(ActivationOverride.set("latent.z", new int[] {4}, 0f))));
        assertTrue(unit.getMessage().contains("unit 4") && unit.getMessage().contains("latent.z"),
                unit.getMessage());
        HookException upstream = assertThrows(HookException.class, () -> mlp.runFrom("latent.z",
                Floats.array(new float[8], 2, 4), RunOptions.defaults().capture("encoder.fc1")));
        assertTrue(upstream.getMessage().contains("input"), upstream.getMessage());
        assertThrows(HookException.class, () -> mlp.run(images, RunOptions.defaults()).activation("latent.mu"));
    }

    static double maxAbsDiff(INDArray a, INDArray b) {
        float[] x = values(a);
        float[] y = values(b);
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i] - y[i]));
        }
        return max;
    }

    static Map<String, INDArray> feed(String hook, INDArray value) {
        return Map.of(hook, value);
    }

    @Test
    void runWithoutOutputComputesOnlyTheCapturesAndWhatTheyNeed() {
        RunResult full = conv.run(images, RunOptions.defaults().capture(VaeHooks.LATENT_MU));
        RunResult encoderOnly = conv.run(images, RunOptions.defaults().capture(VaeHooks.LATENT_MU).withoutOutput());
        assertArrayEquals(values(full.activation(VaeHooks.LATENT_MU)),
                values(encoderOnly.activation(VaeHooks.LATENT_MU)));
        assertEquals(List.of(VaeHooks.LATENT_MU), List.copyOf(encoderOnly.activations().keySet()));
        assertThrows(HookException.class, encoderOnly::output);
        assertArrayEquals(values(conv.encodeMean(images)), values(full.activation(VaeHooks.LATENT_MU)));
    }

}
