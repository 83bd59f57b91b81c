package org.vaescope.core.readout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaescope.core.data.DSpritesDataset;
import org.vaescope.core.runtime.Nd4jRuntime;

/** Read-outs trained on dSprites 32×32 read position and scale well; values and gradients are consistent. */
class FactorReadoutsTest {

    static DSpritesDataset data;
    static FactorReadouts readouts;

    @BeforeAll
    static void train() {
        Nd4jRuntime.ensureStarted();
        data = new DSpritesDataset(32);
        readouts = FactorReadouts.train(data, ReadoutSettings.defaults(5));
    }

    @Test
    void readsPositionAndScaleOnHeldOutImages() {
        System.out.print(readouts.summary());
        assertEquals(java.util.List.of("shape", "scale", "orientation", "posX", "posY"), readouts.factorNames());
        for (String f : new String[] {"posX", "posY"}) {
            int k = readouts.index(f);
            assertTrue(readouts.withinOneAccuracy(k) > 0.9, f + " " + readouts.summary());
            assertTrue(readouts.meanAbsoluteError(k) < 1.0, f + " " + readouts.summary());
            assertTrue(readouts.accuracy(k) > 0.3, f + " " + readouts.summary());
        }
        int scale = readouts.index("scale");
        assertTrue(readouts.withinOneAccuracy(scale) > 0.9, readouts.summary());
        assertTrue(readouts.meanAbsoluteError(scale) < 0.8, readouts.summary());
    }

    @Test
    void readoutFollowsPositionMonotonically() {
        int k = readouts.index("posX");
        double previous = -1;
        float[] images = new float[8 * data.imageSize()];
        int[] classes = {0, 0, 5, 0, 0, 16};
        for (int i = 0; i < 8; i++) {
            classes[4] = i * 4 + 2;
            data.render(classes, images, i * data.imageSize());
        }
        double[] r = readouts.expectedClass(Nd4j.create(images, new long[] {8, 1, 32, 32}, DataType.FLOAT), k);
        for (double v : r) {
            assertTrue(v > previous, java.util.Arrays.toString(r));
            previous = v;
        }
        assertTrue(r[0] >= 0 && r[7] <= readouts.range(k));
    }

    @Test
    void sameSeedSameReadouts() {
        ReadoutSettings small = ReadoutSettings.defaults(9).withSamples(300, 100).withEpochs(2);
        FactorReadouts a = FactorReadouts.train(data, small);
        FactorReadouts b = FactorReadouts.train(data, small);
        INDArray images = images(4, 3);
        assertArrayEquals(a.expectedClasses(images)[2], b.expectedClasses(images)[2], 1e-6);
        assertEquals(a.accuracy(0), b.accuracy(0));
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        INDArray images = images(2, 11).muli(0.8).addi(0.1);
        int k = readouts.index("posX");
        INDArray g = readouts.gradient(images, k);
        SplittableRandom random = new SplittableRandom(1);
        float[] direction = new float[(int) images.length()];
        for (int i = 0; i < direction.length; i++) {
            direction[i] = (float) random.nextGaussian();
        }
        INDArray v = Nd4j.create(direction, images.shape(), DataType.FLOAT);
        double eps = 1e-3;
        double[] plus = readouts.expectedClass(images.add(v.mul(eps)), k);
        double[] minus = readouts.expectedClass(images.sub(v.mul(eps)), k);
        for (int b = 0; b < 2; b++) {
            double numeric = (plus[b] - minus[b]) / (2 * eps);
            double analytic = g.slice(b).mul(v.slice(b)).sumNumber().doubleValue();
            assertEquals(numeric, analytic, 0.05 * Math.abs(numeric) + 0.05, "sample " + b);
        }
    }

    @Test
    void rejectsImagesOfAnotherShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> readouts.expectedClasses(Nd4j.zeros(DataType.FLOAT, 2, 1, 16, 16)));
        assertTrue(e.getMessage().contains("1x32x32"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> readouts.index("colour"));
    }

    static INDArray images(int n, long seed) {
        int[][] classes = data.sampleFactors(n, new SplittableRandom(seed));
        return Nd4j.create(data.renderAll(classes), new long[] {n, 1, 32, 32}, DataType.FLOAT);
    }
}
