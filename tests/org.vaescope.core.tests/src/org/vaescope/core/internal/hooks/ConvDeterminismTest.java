package org.vaescope.core.internal.hooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.data.DSpritesDataset;
import org.vaescope.core.hooks.StageContext;
import org.vaescope.core.hooks.StagedModel;
import org.vaescope.core.runtime.Floats;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.Likelihood;
import org.vaescope.core.vae.VaeHooks;
import org.vaescope.core.vae.VaeModel;
import org.vaescope.core.vae.Variant;
import org.vaescope.core.vae.VariantConfig;

/**
 * At a fixed seed the native conv and deconv kernels give the same bits run after run at the default
 * thread count: every activation of the spec's 64×64 conv VAE and every parameter gradient.
 */
class ConvDeterminismTest {

    private static StagedModel graph;
    private static INDArray images;

    @BeforeAll
    static void setUp() {
        graph = VaeModel.create(Architecture.conv(1, 64, 64, 10), VariantConfig.of(Variant.VAE),
                Likelihood.BERNOULLI, 3).graph();
        DSpritesDataset data = new DSpritesDataset(64);
        int[][] classes = data.sampleFactors(32, new SplittableRandom(5));
        images = Floats.array(data.renderAll(classes), 32, 1, 64, 64);
    }

    @Test
    void activationsAndParameterGradientsRepeatBitForBit() {
        Map<String, float[]> first = activationsAndGradients();
        for (int repeat = 0; repeat < 2; repeat++) {
            Map<String, float[]> again = activationsAndGradients();
            for (Map.Entry<String, float[]> e : first.entrySet()) {
                assertArrayEquals(e.getValue(), again.get(e.getKey()), e.getKey());
            }
        }
    }

    /** A sampled forward pass (fixed noise seed) and the gradients of Σ logits at every parameter. */
    private static Map<String, float[]> activationsAndGradients() {
        StageContext context = StageContext.sampling(11);
        StagedModel.Pass pass = graph.forward(Map.of(graph.inputHook(), images), List.of(VaeHooks.OUTPUT), List.of(),
                context, true);
        Map<String, INDArray> gradients = new HashMap<>();
        INDArray ones = pass.activations().get(VaeHooks.OUTPUT).dup().assign(1);
        graph.backward(pass, Map.of(VaeHooks.OUTPUT, ones), List.of(), List.of(), context, gradients);
        Map<String, float[]> values = new HashMap<>();
        pass.activations().forEach((hook, value) -> values.put(hook, Floats.of(value)));
        gradients.forEach((parameter, value) -> values.put(parameter, Floats.of(value)));
        return values;
    }
}
