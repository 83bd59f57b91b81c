package org.vaescope.core.imports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vaescope.core.imports.OnnxFixtures.file;
import static org.vaescope.core.imports.OnnxFixtures.probe;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.hooks.RunOptions;
import org.vaescope.core.hooks.RunResult;
import org.vaescope.core.model.LayerSummary;
import org.vaescope.core.model.ModelFormat;
import org.vaescope.core.model.ModelInspector;
import org.vaescope.core.model.ModelStructure;
import org.vaescope.core.vae.VaeHooks;

/** An imported PyTorch VAE computes what PyTorch computed, on every hook the fixture recorded. */
class OnnxImportTest {

    private static final double TOLERANCE = 1e-4;

    @Test
    void encoderAndDecoderFilesGivePyTorchsNumbers() throws Exception {
        ImportedVae vae = OnnxImport.open(file("encoder.onnx"), file("decoder.onnx"));
        RunResult run = vae.run(probe("images"), RunOptions.defaults()
                .capture(VaeHooks.LATENT_MU, VaeHooks.LATENT_LOGVAR, "encoder.relu_1"));

        assertClose(probe("mu"), run.activation(VaeHooks.LATENT_MU));
        assertClose(probe("logvar"), run.activation(VaeHooks.LATENT_LOGVAR));
        assertClose(probe("encoder_conv2"), run.activation("encoder.relu_1"));
        assertClose(probe("logits"), run.output());
        assertClose(probe("logits"), vae.runFrom(VaeHooks.LATENT_Z, probe("mu"), RunOptions.defaults()).output());
        assertFalse(vae.outputsProbabilities());
    }

    @Test
    void oneFileVaeWithSplitHeadAndSigmoidGivesPyTorchsNumbers() throws Exception {
        ImportedVae vae = OnnxImport.open(file("vae.onnx"));
        RunResult run = vae.run(probe("images"), RunOptions.defaults().capture(VaeHooks.LATENT_MU,
                VaeHooks.LATENT_LOGVAR, "encoder.relu_1", ImportedVae.PROBABILITIES));

        assertTrue(vae.outputsProbabilities());
        assertClose(probe("mu"), run.activation(VaeHooks.LATENT_MU));
        assertClose(probe("logvar"), run.activation(VaeHooks.LATENT_LOGVAR));
        assertClose(probe("encoder_conv2"), run.activation("encoder.relu_1"));
        assertClose(probe("logits"), run.output());
        assertClose(probe("probabilities"), run.activation(ImportedVae.PROBABILITIES));
    }

    @Test
    void everyNodeOutputIsAHookPointReachableByItsOnnxName() throws Exception {
        ImportedVae vae = OnnxImport.open(file("encoder.onnx"), file("decoder.onnx"));

        assertEquals(List.of("input", "encoder.conv1", "encoder.relu", "encoder.conv2", "encoder.relu_1",
                "encoder.conv3", "encoder.relu_2", "encoder.conv4", "encoder.relu_3", "encoder.flatten", "encoder.fc",
                "encoder.relu_4", "latent.mu", "latent.logvar", "latent.z", "decoder.fc1", "decoder.relu",
                "decoder.fc2", "decoder.relu_1", "decoder.reshape", "decoder.deconv1", "decoder.relu_2",
                "decoder.deconv2", "decoder.relu_3", "decoder.deconv3", "decoder.relu_4", "output.logits"),
                vae.hookPoints().stream().map(h -> h.name()).toList());
        assertEquals("encoder.relu_1", vae.hook("/Relu_1_output_0").name());
        assertEquals("/Relu_1_output_0", vae.onnxName("encoder.relu_1"));
        assertEquals("Relu", vae.operator("encoder.relu_1"));
        assertEquals("mu", vae.onnxName(VaeHooks.LATENT_MU));
        assertArrayEquals(new int[] {4, 8, 8}, vae.hookPoint("encoder.relu_1").shape());
        assertArrayEquals(new int[] {8, 2, 2}, vae.hookPoint("decoder.reshape").shape());
    }

    @Test
    void describesAnOnnxFileNodeByNode() throws Exception {
        ModelStructure structure = ModelInspector.describe(file("encoder.onnx"));

        assertEquals(ModelFormat.ONNX, structure.format());
        assertEquals(13, structure.layers().size());
        LayerSummary conv1 = structure.layers().get(0);
        assertEquals("conv1 (/conv1/Conv_output_0)", conv1.name());
        assertEquals("Conv", conv1.type());
        assertArrayEquals(new long[] {4, 16, 16}, conv1.activationShape());
        assertEquals(1 * 4 * 4 * 4 + 4, conv1.parameterCount());
        // PyTorch's count: 68 + 260 + 136 + 264 + 528 + 68 + 68
        assertEquals(1392, structure.parameterCount());
    }

    static void assertClose(INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape(), "shape");
        double worst = Math.abs(expected.sub(actual).amaxNumber().doubleValue());
        assertTrue(worst <= TOLERANCE, "largest difference " + worst + " (scale "
                + expected.amaxNumber() + ") exceeds " + TOLERANCE + "; " + Arrays.toString(expected.shape()));
    }
}
