package org.vaescope.core.imports;

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
import org.vaescope.core.hooks.RunOptions;
import org.vaescope.core.interventions.Pairs;
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
        Likelihood likelihood = Likelihood.BERNOULLI;
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
        InterventionAgreement.patching(imported, "encoder.relu_1", rebuilt, "encoder.conv2", pairs);
    }

    @Test
    void latentPerturbationGivesTheSameNumbers() throws Exception {
        InterventionAgreement.perturbation(imported, rebuilt, probe("images"));
    }

    @Test
    void mediationGivesTheSameNumbers() {
        InterventionAgreement.mediation(imported, "encoder.relu_1", rebuilt, "encoder.conv2", pairs);
    }

    @Test
    void gradientsToAnyHookAgree() throws Exception {
        InterventionAgreement.gradients(imported, "encoder.relu_1", rebuilt, "encoder.conv2", probe("images"));
    }
}
