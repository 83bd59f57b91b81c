package org.vaescope.core.readout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vaescope.core.data.CausalShapesDataset;
import org.vaescope.core.data.DSpritesDataset;

/** Read-outs of a causal dataset train on decorrelated factors; other datasets on their own draws. */
class ReadoutTrainingClassesTest {

    @Test
    void causalDatasetFactorsAreDecorrelatedWithTheirMarginalsKept() {
        CausalShapesDataset data = new CausalShapesDataset(16, 0.8);
        int n = 4000;
        int[][] observed = data.sampleFactors(n, new SplittableRandom(5));
        int[][] training = FactorReadouts.trainingClasses(data, n, new SplittableRandom(5));
        for (int f = 0; f < data.factors().size(); f++) {
            assertArrayEquals(sortedColumn(observed, f), sortedColumn(training, f), "marginal of factor " + f);
        }
        // Observationally P(posY = posX) = 0.8 + 0.2/8 = 0.825; independent uniform factors give 1/8.
        assertEquals(0.825, agreement(observed, 4, 5), 0.03);
        assertEquals(0.125, agreement(training, 4, 5), 0.03);
        assertEquals(0.25, agreement(training, 1, 2), 0.03);
    }

    @Test
    void datasetWithoutCausalGraphKeepsItsDraws() {
        DSpritesDataset data = new DSpritesDataset(16);
        int[][] expected = data.sampleFactors(50, new SplittableRandom(9));
        int[][] training = FactorReadouts.trainingClasses(data, 50, new SplittableRandom(9));
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], training[i]);
        }
    }

    private static int[] sortedColumn(int[][] classes, int f) {
        return Arrays.stream(classes).mapToInt(c -> c[f]).sorted().toArray();
    }

    private static double agreement(int[][] classes, int a, int b) {
        return Arrays.stream(classes).filter(c -> c[a] == c[b]).count() / (double) classes.length;
    }
}
