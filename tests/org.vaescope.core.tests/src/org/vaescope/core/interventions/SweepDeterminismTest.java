package org.vaescope.core.interventions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.vaescope.core.data.DSpritesDataset;
import org.vaescope.core.progress.ProgressMonitor;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.Likelihood;
import org.vaescope.core.vae.VaeModel;
import org.vaescope.core.vae.Variant;
import org.vaescope.core.vae.VariantConfig;

/**
 * A sweep of every encoder unit of the spec's 64×64 conv VAE gives the same bits run after run, and
 * leaves none of its scratch memory behind on the calling thread; in many chunks it gives what one
 * chunk gives.
 */
class SweepDeterminismTest {

    private static final List<String> ENCODER = List.of("encoder.conv1", "encoder.conv2", "encoder.conv3",
            "encoder.conv4", "encoder.fc");

    @Test
    void repeatedSweepsGiveTheSameBitsAndReleaseTheirScratchMemory() {
        VaeModel model = VaeModel.create(Architecture.conv(1, 64, 64, 10), VariantConfig.of(Variant.VAE),
                Likelihood.BERNOULLI, 2);
        Pairs pairs = Pairs.differingIn(new DSpritesDataset(64), 4, 24, 7);
        // a budget of a few pairs per chunk: the scratch memory is reused across chunks and passes
        long budget = 4L << 20;
        PatchingSweep first = ActivationPatching.sweep(model, pairs, ENCODER, Measure.latent(0), budget,
                ProgressMonitor.NONE);
        PatchingSweep again = ActivationPatching.sweep(model, pairs, ENCODER, Measure.latent(0), budget,
                ProgressMonitor.NONE);
        for (String hook : ENCODER) {
            double[][] expected = first.patchedValues(hook);
            for (int u = 0; u < expected.length; u++) {
                assertArrayEquals(expected[u], again.patchedValues(hook)[u], hook + "[" + u + "]");
            }
        }
        assertArrayEquals(first.targetValues(), again.targetValues());
        PatchingSweep oneChunk = ActivationPatching.sweep(model, pairs, ENCODER, Measure.latent(0),
                ActivationPatching.DEFAULT_MEMORY_BUDGET, ProgressMonitor.NONE);
        for (String hook : ENCODER) {
            assertArrayEquals(oneChunk.meanEffect(hook), first.meanEffect(hook), 1e-5, hook + ": chunked as one");
        }
        assertFalse(Nd4j.getWorkspaceManager().anyWorkspaceActiveForCurrentThread());
        assertFalse(Nd4j.getWorkspaceManager().getAllWorkspacesIdsForCurrentThread().stream()
                .anyMatch(id -> id.startsWith("vaescope.")), "scratch workspaces are destroyed after the sweep");
    }
}
