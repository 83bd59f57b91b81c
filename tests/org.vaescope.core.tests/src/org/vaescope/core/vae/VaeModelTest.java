package org.vaescope.core.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.hooks.HookPoint;
import org.vaescope.core.hooks.RunOptions;
import org.vaescope.core.hooks.RunResult;
import org.vaescope.core.runtime.Floats;

/** Variants, configurations, architectures and the VQ-VAE's quantised latent. */
class VaeModelTest {

    @Test
    void variantsParseLenientlyAndCarryTheirDefaults() {
        assertEquals(Variant.FACTOR_VAE, Variant.parse("factorvae"));
        assertEquals(Variant.FACTOR_VAE, Variant.parse("Factor-VAE"));
        assertEquals(Variant.BETA_TC_VAE, Variant.parse("beta_tc_vae"));
        assertEquals(Variant.DIP_VAE_II, Variant.parse("dip-vae-ii"));
        assertEquals(Variant.VQ_VAE, Variant.parse("VQVAE"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Variant.parse("wae"));
        assertTrue(e.getMessage().contains("'wae'") && e.getMessage().contains("dipvae2"), e.getMessage());
        assertEquals(4.0, VariantConfig.of(Variant.BETA_VAE).get("beta"));
        assertEquals(10.0, VariantConfig.of(Variant.FACTOR_VAE).get("gamma"));
        assertEquals(1000, VariantConfig.of(Variant.FACTOR_VAE).getInt("discriminatorUnits"));
        assertEquals(6.0, VariantConfig.of(Variant.BETA_TC_VAE).get("beta"));
        assertEquals(10.0, VariantConfig.of(Variant.DIP_VAE_II).get("lambdaD"));
        assertEquals(0.25, VariantConfig.of(Variant.VQ_VAE).get("commitment"));
        assertTrue(VariantConfig.of(Variant.VAE).hyperparameters().isEmpty());
    }

    @Test
    void badHyperparametersAndArchitecturesAreRejectedWithTheirName() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> VariantConfig.of(Variant.FACTOR_VAE).with("discriminatorLayers", 2.5)).getMessage()
                .contains("'discriminatorLayers'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> VariantConfig.of(Variant.BETA_VAE).with("beta", Double.NaN)).getMessage().contains("'beta'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> VariantConfig.of(Variant.VQ_VAE).with("codebookDecay", 1)).getMessage().contains("codebookDecay"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Architecture.conv(1, 60, 60, 10)).getMessage()
                .contains("divisible by 16"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> VaeModel.create(Architecture.mlp(1, 16, 16, 5), VariantConfig.of(Variant.VQ_VAE),
                        Likelihood.BERNOULLI, 1)).getMessage().contains("multiple of code dimension 2"));
        assertEquals(Architecture.Kind.CONV, Architecture.defaultFor(3, 64, 64, 10).kind());
        assertEquals(Architecture.Kind.MLP, Architecture.defaultFor(1, 32, 32, 10).kind());
    }

    @Test
    void convArchitectureFollowsTheSpec() {
        VaeModel model = VaeModel.create(Architecture.conv(3, 64, 64, 10), VariantConfig.of(Variant.BETA_VAE),
                Likelihood.GAUSSIAN, 1);
        String shapes = model.hookPoints().stream().map(h -> h.name() + "=" + h.shapeText())
                .reduce((a, b) -> a + " " + b).orElse("");
        assertEquals("input=3x64x64 encoder.conv1=32x32x32 encoder.conv2=32x16x16 encoder.conv3=64x8x8 "
                + "encoder.conv4=64x4x4 encoder.fc=256 latent.mu=10 latent.logvar=10 latent.z=10 decoder.fc1=256 "
                + "decoder.fc2=1024 decoder.deconv1=64x8x8 decoder.deconv2=32x16x16 decoder.deconv3=32x32x32 "
                + "output.logits=3x64x64", shapes);
        long weights = model.graph().parameters().stream().mapToLong(p -> p.length()).sum();
        // conv 3*16*32+32, 32*16*32+32, 32*4*64+64, 64*4*64+64; dense 1024*256+256, 2*(256*10+10);
        // decoder 10*256+256, 256*1024+1024; deconv 64*64*16+64, 64*32*16+32, 32*32*16+32, 32*3*16+3
        long expected = (1536 + 32) + (16384 + 32) + (8192 + 64) + (16384 + 64) + (262144 + 256) + 2 * 2570
                + 2816 + (262144 + 1024) + (65536 + 64) + (32768 + 32) + (16384 + 32) + (1536 + 3);
        assertEquals(expected, weights);
    }

    @Test
    void vqLatentIsTheNearestCodeAndPerturbationsBelowHalfACodeAreSnappedBack() {
        VaeModel model = VaeModel.create(Architecture.mlp(1, 16, 16, 4, 32), VariantConfig.of(Variant.VQ_VAE)
                .with("codebookSize", 8), Likelihood.BERNOULLI, 3);
        assertFalse(model.hookPoints().stream().map(HookPoint::name).toList().contains(VaeHooks.LATENT_LOGVAR));
        INDArray x = Floats.array(new TinyBarsDataset(16).renderAll(new int[][] {{0, 2, 3}, {1, 4, 1}}), 2, 1, 16,
                16);
        RunResult r = model.run(x, RunOptions.defaults().capture(VaeHooks.LATENT_MU, VaeHooks.LATENT_Z));
        float[] encoded = Floats.of(r.activation(VaeHooks.LATENT_MU));
        float[] quantized = Floats.of(r.activation(VaeHooks.LATENT_Z));
        float[] book = Floats.of(model.graph().parameter("latent.z.codebook").value());
        for (int g = 0; g < encoded.length / 2; g++) {
            double chosen = distance(encoded, g, quantized, g);
            for (int k = 0; k < 8; k++) {
                assertTrue(chosen <= distance(encoded, g, book, k) + 1e-9, "group " + g + " code " + k);
            }
        }
        RunResult nudged = model.run(x, RunOptions.defaults().override(
                org.vaescope.core.hooks.ActivationOverride.shift(VaeHooks.LATENT_MU, new int[] {0}, 1e-4f)));
        assertArrayEquals(Floats.of(r.output()), Floats.of(nudged.output()), 0f);
    }

    private static double distance(float[] a, int ga, float[] b, int gb) {
        double dx = a[2 * ga] - b[2 * gb];
        double dy = a[2 * ga + 1] - b[2 * gb + 1];
        return dx * dx + dy * dy;
    }
}
