package org.vaescope.core.imports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vaescope.core.imports.OnnxFixtures.file;
import static org.vaescope.core.imports.OnnxFixtures.probe;
import static org.vaescope.core.imports.OnnxImportTest.assertClose;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaescope.core.hooks.GradientResult;
import org.vaescope.core.hooks.HookedModel;
import org.vaescope.core.hooks.RunOptions;
import org.vaescope.core.interventions.ActivationPatching;
import org.vaescope.core.interventions.CausalMediation;
import org.vaescope.core.interventions.LatentPerturbation;
import org.vaescope.core.interventions.Measure;
import org.vaescope.core.interventions.MediationResult;
import org.vaescope.core.interventions.Mediator;
import org.vaescope.core.interventions.Pairs;
import org.vaescope.core.interventions.PatchResult;
import org.vaescope.core.store.ModelFile;
import org.vaescope.core.store.ModelMetadata;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.Likelihood;
import org.vaescope.core.vae.VaeHooks;
import org.vaescope.core.vae.VaeModel;
import org.vaescope.core.vae.Variant;
import org.vaescope.core.vae.VariantConfig;

/**
 * The fixture's PyTorch VAE has VAEScope's conv architecture, so its weights can be rebuilt as a
 * {@code .vsm}: every intervention must give the same numbers on both. VAEScope fuses the ReLU
 * into its layers, so its {@code encoder.conv2} is the import's {@code encoder.relu_1}.
 */
class ImportedVersusVsmTest {

    static final Architecture ARCHITECTURE = new Architecture(Architecture.Kind.CONV, 1, 32, 32, 4,
            new int[] {4, 4, 8, 8, 16});

    @TempDir
    static Path dir;

    static ImportedVae imported;
    static VaeModel rebuilt;
    static Pairs pairs;

    @BeforeAll
    static void rebuildAsVsm() throws Exception {
        imported = OnnxImport.open(file("encoder.onnx"), file("decoder.onnx"));
        VariantConfig variant = VariantConfig.of(Variant.VAE);
        Likelihood likelihood = Likelihood.forImages(true);
        VaeModel model = imported.rebuild(ARCHITECTURE, variant, likelihood);
        Path vsm = dir.resolve("rebuilt.vsm");
        ModelFile.save(vsm, model, ModelMetadata.of(variant, ARCHITECTURE, likelihood, "onnx fixture", List.of(), 0,
                13, 1, 0, Map.of()));
        rebuilt = ModelFile.load(vsm).model();
        INDArray images = probe("images");
        pairs = Pairs.of(images, Nd4j.reverse(images.dup()), 7, "probe images against the reversed batch");
    }

    @Test
    void bothComputeTheSameFunction() throws Exception {
        INDArray images = probe("images");
        var fromOnnx = imported.run(images, RunOptions.defaults().capture(VaeHooks.LATENT_MU, "encoder.relu_1"));
        var fromVsm = rebuilt.run(images, RunOptions.defaults().capture(VaeHooks.LATENT_MU, "encoder.conv2"));
        assertClose(fromVsm.activation(VaeHooks.LATENT_MU), fromOnnx.activation(VaeHooks.LATENT_MU));
        assertClose(fromVsm.activation("encoder.conv2"), fromOnnx.activation("encoder.relu_1"));
        assertClose(fromVsm.output(), fromOnnx.output());
    }

    @Test
    void activationPatchingGivesTheSameNumbers() {
        int[] channels = {0, 2};
        PatchResult a = ActivationPatching.patch(imported, pairs, "encoder.relu_1", channels, Measure.latent(1), 5);
        PatchResult b = ActivationPatching.patch(rebuilt, pairs, "encoder.conv2", channels, Measure.latent(1), 5);
        assertArrayEquals(b.patchedValues(), a.patchedValues(), 1e-4);
        assertArrayEquals(b.targetValues(), a.targetValues(), 1e-4);
        PatchResult c = ActivationPatching.patch(imported, pairs, VaeHooks.LATENT_MU, new int[] {0}, Measure.reconstruction(), 5);
        PatchResult d = ActivationPatching.patch(rebuilt, pairs, VaeHooks.LATENT_MU, new int[] {0}, Measure.reconstruction(), 5);
        assertArrayEquals(d.patchedValues(), c.patchedValues(), 1e-4);
    }

    @Test
    void latentPerturbationGivesTheSameNumbers() throws Exception {
        double[][] z = LatentPerturbation.forVae(rebuilt).encode(probe("images"));
        z[0][2] += 2;
        z[3][1] -= 1.5;
        assertClose(LatentPerturbation.forVae(rebuilt).decode(z), LatentPerturbation.forVae(imported).decode(z));
    }

    @Test
    void mediationGivesTheSameNumbers() {
        MediationResult a = CausalMediation.mediate(imported, pairs, Mediator.wholeHook(imported, "encoder.relu_1"),
                Measure.latent(0), 5);
        MediationResult b = CausalMediation.mediate(rebuilt, pairs, Mediator.wholeHook(rebuilt, "encoder.conv2"),
                Measure.latent(0), 5);
        assertEquals(b.totalEffect(), a.totalEffect(), 1e-4);
        assertEquals(b.indirectEffect(), a.indirectEffect(), 1e-4);
        assertEquals(b.directEffect(), a.directEffect(), 1e-4);
    }

    @Test
    void gradientsToAnyHookAgree() throws Exception {
        INDArray images = probe("images");
        INDArray weights = Nd4j.linspace(-1, 1, 32 * 32).reshape(1, 1, 32, 32).castTo(images.dataType());
        GradientResult a = gradient(imported, images, weights, "encoder.relu_1");
        GradientResult b = gradient(rebuilt, images, weights, "encoder.conv2");
        assertArrayEquals(b.perSample(), a.perSample(), 1e-4);
        assertClose(b.gradients().get("encoder.conv2"), a.gradients().get("encoder.relu_1"));
        assertClose(b.gradients().get(VaeHooks.INPUT), a.gradients().get(VaeHooks.INPUT));
        assertClose(b.gradients().get(VaeHooks.LATENT_Z), a.gradients().get(VaeHooks.LATENT_Z));
    }

    private static GradientResult gradient(HookedModel model, INDArray images, INDArray weights, String hook) {
        return model.gradient(images, RunOptions.defaults(), VaeHooks.OUTPUT, weights,
                List.of(VaeHooks.INPUT, hook, VaeHooks.LATENT_Z));
    }
}
