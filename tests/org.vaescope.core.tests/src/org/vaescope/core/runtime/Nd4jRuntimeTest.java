package org.vaescope.core.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** ND4J's native backend and SameDiff work inside the OSGi runtime and give known numbers. */
class Nd4jRuntimeTest {

    @BeforeAll
    static void start() {
        Nd4jRuntime.ensureStarted();
    }

    @Test
    void nativeBackendIsActive() {
        assertEquals("CpuBackend", Nd4jRuntime.backendName());
    }

    /** The oneDNN natives run exactly when the CPU has AVX2 (the test JVM does not choose them itself). */
    @Test
    void oneDnnNativesAreChosenWhenTheCpuHasAvx2() {
        assertEquals(Nd4jRuntime.cpuHasAvx2(), Nd4jRuntime.describe().contains("onednn-avx2"),
                Nd4jRuntime.describe());
    }

    @Test
    void matrixProductGivesKnownNumbers() {
        INDArray a = Nd4j.create(new double[][] {{1, 2}, {3, 4}});
        INDArray b = Nd4j.create(new double[][] {{5, 6}, {7, 8}});
        assertArrayEquals(new double[] {19, 22, 43, 50}, a.mmul(b).data().asDouble(), 1e-12);
    }

    /**
     * y = sum((x·w)²) with x = [1, 2], w = [[1, 0], [1, 1]]: x·w = [3, 2], y = 13,
     * dy/dw = 2·xᵀ(x·w) = [[6, 4], [12, 8]].
     */
    @Test
    void sameDiffForwardAndGradientGiveKnownNumbers() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 2);
        SDVariable w = sd.var("w", Nd4j.create(new double[][] {{1, 0}, {1, 1}}));
        SDVariable y = x.mmul(w).pow(2).sum("y");
        sd.setLossVariables(y);
        Map<String, INDArray> feed = Map.of("x", Nd4j.create(new double[][] {{1, 2}}));

        assertEquals(13.0, sd.output(feed, "y").get("y").getDouble(0), 1e-12);
        INDArray gradient = sd.calculateGradients(feed, "w").get("w");
        assertArrayEquals(new double[] {6, 4, 12, 8}, gradient.data().asDouble(), 1e-12);
    }
}
