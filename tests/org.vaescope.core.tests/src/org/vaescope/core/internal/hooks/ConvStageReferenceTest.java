package org.vaescope.core.internal.hooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.hooks.StageContext;
import org.vaescope.core.numpy.NdArray;
import org.vaescope.core.numpy.Npz;
import org.vaescope.core.runtime.Floats;
import org.vaescope.core.runtime.Nd4jRuntime;

/**
 * Forward passes of conv2d and deconv2d stages against values computed independently with PyTorch by
 * {@code releng/fixtures/conv_reference.py} (TensorFlow SAME padding, odd total paddings included).
 */
class ConvStageReferenceTest {

    static Map<String, NdArray> cases;

    @BeforeAll
    static void load() throws IOException {
        Nd4jRuntime.ensureStarted();
        cases = Npz.readAll(fixture("conv-reference.npz"));
    }

    /** A file of this fragment's {@code fixtures/} folder (tests run in the fragment's folder or above it). */
    static Path fixture(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("fixtures"), dir.resolve("tests/org.vaescope.core.tests/fixtures"))) {
                if (Files.isRegularFile(candidate.resolve(name))) {
                    return candidate.resolve(name);
                }
            }
        }
        throw new IllegalStateException("fixture " + name + " not found above " + Path.of("").toAbsolutePath());
    }

    @ParameterizedTest
    @ValueSource(strings = {"conv_k4s2", "conv_k2s2", "conv_k3s2_odd_pad", "conv_k3s1", "deconv_k4s2",
            "deconv_k3s2_odd_pad", "deconv_k2s2"})
    void forwardMatchesTheIndependentReference(String name) {
        NdArray x = cases.get(name + ".x");
        NdArray w = cases.get(name + ".w");
        boolean transposed = name.startsWith("deconv");
        int outChannels = transposed ? w.dim(1) : w.dim(3);
        int kernel = w.dim(2);
        int[] inputShape = {x.dim(1), x.dim(2), x.dim(3)};
        int[] expectedShape = cases.get(name + ".y").shape();
        int stride = transposed ? expectedShape[2] / inputShape[1] : strideOf(inputShape[1], expectedShape[2]);
        ConvStage stage = transposed
                ? ConvStage.deconv(name, inputShape, outChannels, kernel, stride, Activation.IDENTITY)
                : ConvStage.conv(name, inputShape, outChannels, kernel, stride, Activation.IDENTITY);
        stage.parameters().get(0).set(floats(w));
        stage.parameters().get(1).set(floats(cases.get(name + ".b")));

        INDArray y = stage.forward(List.of(Floats.array(floats(x), x.dim(0), x.dim(1), x.dim(2), x.dim(3))),
                StageContext.deterministic());

        assertArrayEquals(new long[] {expectedShape[0], expectedShape[1], expectedShape[2], expectedShape[3]},
                y.shape());
        float[] expected = floats(cases.get(name + ".y"));
        float[] actual = Floats.of(y);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-4 * (1 + Math.abs(expected[i])), name + " value " + i);
        }
    }

    /** The stride of a SAME convolution from its input and output sides (cases use 1 or 2). */
    private static int strideOf(int inSide, int outSide) {
        return inSide == outSide ? 1 : 2;
    }

    private static float[] floats(NdArray a) {
        double[] d = a.toDoubleArray();
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
