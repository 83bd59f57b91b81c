package org.vaescope.core.imports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vaescope.core.imports.OnnxImportTest.assertClose;

import java.util.List;
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
import org.vaescope.core.vae.HookedVae;
import org.vaescope.core.vae.VaeHooks;

/**
 * Asserts that an imported VAE and the same weights as a VAEScope model give the same numbers (1e-4) in
 * every intervention; {@code hook} names one intermediate hook point in the imported model and
 * {@code vsmHook} the same activation in the VAEScope model.
 */
final class InterventionAgreement {

    private static final double TOLERANCE = 1e-4;

    private InterventionAgreement() {
    }

    static void patching(HookedVae imported, String hook, HookedVae vsm, String vsmHook, Pairs pairs) {
        int[] channels = {0, 2};
        PatchResult a = ActivationPatching.patch(imported, pairs, hook, channels, Measure.latent(1), 5);
        PatchResult b = ActivationPatching.patch(vsm, pairs, vsmHook, channels, Measure.latent(1), 5);
        assertArrayEquals(b.patchedValues(), a.patchedValues(), TOLERANCE);
        assertArrayEquals(b.targetValues(), a.targetValues(), TOLERANCE);
        PatchResult c = ActivationPatching.patch(imported, pairs, VaeHooks.LATENT_MU, new int[] {0},
                Measure.reconstruction(), 5);
        PatchResult d = ActivationPatching.patch(vsm, pairs, VaeHooks.LATENT_MU, new int[] {0}, Measure.reconstruction(), 5);
        assertArrayEquals(d.patchedValues(), c.patchedValues(), TOLERANCE);
    }

    static void perturbation(HookedVae imported, HookedVae vsm, INDArray images) {
        double[][] z = LatentPerturbation.forVae(vsm).encode(images);
        z[0][2] += 2;
        z[3][1] -= 1.5;
        assertClose(LatentPerturbation.forVae(vsm).decode(z), LatentPerturbation.forVae(imported).decode(z));
    }

    static void mediation(HookedVae imported, String hook, HookedVae vsm, String vsmHook, Pairs pairs) {
        MediationResult a = CausalMediation.mediate(imported, pairs, Mediator.wholeHook(imported, hook),
                Measure.latent(0), 5);
        MediationResult b = CausalMediation.mediate(vsm, pairs, Mediator.wholeHook(vsm, vsmHook), Measure.latent(0), 5);
        assertEquals(b.totalEffect(), a.totalEffect(), TOLERANCE);
        assertEquals(b.indirectEffect(), a.indirectEffect(), TOLERANCE);
        assertEquals(b.directEffect(), a.directEffect(), TOLERANCE);
    }

    static void gradients(HookedVae imported, String hook, HookedVae vsm, String vsmHook, INDArray images) {
        INDArray weights = Nd4j.linspace(-1, 1, 32 * 32).reshape(1, 1, 32, 32).castTo(images.dataType());
        GradientResult a = gradient(imported, images, weights, hook);
        GradientResult b = gradient(vsm, images, weights, vsmHook);
        assertArrayEquals(b.perSample(), a.perSample(), TOLERANCE);
        assertClose(b.gradients().get(vsmHook), a.gradients().get(hook));
        assertClose(b.gradients().get(VaeHooks.INPUT), a.gradients().get(VaeHooks.INPUT));
        assertClose(b.gradients().get(VaeHooks.LATENT_Z), a.gradients().get(VaeHooks.LATENT_Z));
    }

    private static GradientResult gradient(HookedModel model, INDArray images, INDArray weights, String hook) {
        return model.gradient(images, RunOptions.defaults(), VaeHooks.OUTPUT, weights,
                List.of(VaeHooks.INPUT, hook, VaeHooks.LATENT_Z));
    }
}
