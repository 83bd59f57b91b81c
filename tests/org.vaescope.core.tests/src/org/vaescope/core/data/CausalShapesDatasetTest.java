package org.vaescope.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class CausalShapesDatasetTest {

    private static final int N = 6000;
    private final CausalShapesDataset data = new CausalShapesDataset();
    private final int shape = data.factorIndex("shape");
    private final int size = data.factorIndex("size");
    private final int brightness = data.factorIndex("brightness");
    private final int orientation = data.factorIndex("orientation");
    private final int posX = data.factorIndex("posX");
    private final int posY = data.factorIndex("posY");

    private static double fraction(int[][] samples, java.util.function.Predicate<int[]> p) {
        return Arrays.stream(samples).filter(p).count() / (double) samples.length;
    }

    @Test
    void observationalFrequenciesMatchTheScm() {
        int[][] s = data.sampleFactors(N, new SplittableRandom(1));
        assertEquals(0.8 + 0.2 / 4, fraction(s, c -> c[brightness] == c[size]), 0.02);
        assertEquals(0.8 + 0.2 / 8, fraction(s, c -> c[posY] == c[posX]), 0.02);
        // an effect's non-copied class is uniform: P(brightness = b | size = s) = 0.2/4 for b != s
        assertEquals(0.05, fraction(s, c -> c[size] == 0 && c[brightness] == 2) / fraction(s, c -> c[size] == 0), 0.02);
        for (int k = 0; k < 3; k++) {
            int cls = k;
            assertEquals(1.0 / 3, fraction(s, c -> c[shape] == cls), 0.025);
        }
        for (int k = 0; k < 4; k++) {
            int cls = k;
            assertEquals(0.25, fraction(s, c -> c[size] == cls), 0.025);
            assertEquals(0.25, fraction(s, c -> c[orientation] == cls), 0.025);
            // shape is independent of size
            assertEquals(0.25, fraction(s, c -> c[shape] == 1 && c[size] == cls) / fraction(s, c -> c[shape] == 1), 0.04);
        }
    }

    @Test
    void interventionsOnACauseShiftTheEffectButNotTheReverse() {
        for (int v = 0; v < 4; v++) {
            int cls = v;
            int[][] s = data.sampleWithIntervention(N, size, cls, new SplittableRandom(10 + v));
            assertEquals(1.0, fraction(s, c -> c[size] == cls));
            assertEquals(0.85, fraction(s, c -> c[brightness] == cls), 0.02);
        }
        int[][] doBrightness = data.sampleWithIntervention(N, brightness, 3, new SplittableRandom(2));
        assertEquals(1.0, fraction(doBrightness, c -> c[brightness] == 3));
        for (int v = 0; v < 4; v++) {
            int cls = v;
            assertEquals(0.25, fraction(doBrightness, c -> c[size] == cls), 0.025, "size stays uniform under do(brightness)");
        }
        int[][] doPosY = data.sampleWithIntervention(N, posY, 0, new SplittableRandom(4));
        assertEquals(1.0 / 8, fraction(doPosY, c -> c[posX] == 0), 0.02, "posX stays uniform under do(posY)");
        int[][] doPosX = data.sampleWithIntervention(N, posX, 5, new SplittableRandom(4));
        assertEquals(0.825, fraction(doPosX, c -> c[posY] == 5), 0.02);
        assertThrows(IllegalArgumentException.class, () -> data.sampleWithIntervention(1, size, 4, new SplittableRandom(1)));
    }

    @Test
    void graphSeedsAndRendering() {
        FactorGraph g = data.trueGraph().orElseThrow();
        assertEquals(List.of("shape", "size", "brightness", "orientation", "posX", "posY"), g.factors());
        assertEquals(2, g.edges().size());
        assertTrue(g.hasEdge("size", "brightness") && g.hasEdge("posX", "posY"));
        assertFalse(g.hasEdge("brightness", "size"));

        assertArrayEquals(data.sampleFactors(500, new SplittableRandom(8)), data.sampleFactors(500, new SplittableRandom(8)));
        assertArrayEquals(data.sampleWithIntervention(500, 1, 2, new SplittableRandom(8)),
                data.sampleWithIntervention(500, 1, 2, new SplittableRandom(8)));
        assertFalse(Arrays.deepEquals(data.sampleFactors(500, new SplittableRandom(8)),
                data.sampleFactors(500, new SplittableRandom(9))));

        float[] img = new float[data.imageSize()];
        data.render(new int[] {1, 3, 1, 2, 0, 7}, img, 0);
        ImageMoments m = new ImageMoments(img, 0, 32, 32);
        float max = 0;
        for (float v : img) {
            max = Math.max(max, v);
            assertTrue(v == 0f || v == 0.6f, "pixels are background or the brightness value");
        }
        assertEquals(0.6f, max);
        assertEquals(6.0, m.cx, 1.0);
        assertEquals(26.0, m.cy, 1.0);
        // under do(brightness) the image brightness changes, nothing else
        float[] brighter = new float[data.imageSize()];
        data.render(new int[] {1, 3, 3, 2, 0, 7}, brighter, 0);
        for (int p = 0; p < img.length; p++) {
            assertEquals(img[p] > 0, brighter[p] > 0);
        }
        assertThrows(IllegalArgumentException.class, () -> data.render(new int[] {3, 0, 0, 0, 0, 0}, img, 0));
    }

    @Test
    void factoryCreatesGeneratorsAndNamesTheKnownOnes() {
        FactorDataset causal = Datasets.create("causal", Map.of("size", "16", "strength", "0.5"));
        assertEquals(16, causal.width());
        assertEquals(0.5, ((CausalShapesDataset) causal).strength());
        assertEquals(32, Datasets.create("dsprites", Map.of("size", "32")).height());
        assertEquals(64, Datasets.create("dsprites", Map.of()).height());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.create("cifar", Map.of()));
        assertTrue(e.getMessage().contains("dsprites") && e.getMessage().contains("causal"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Datasets.create("dsprites", Map.of("colour", "1")));
        assertTrue(e.getMessage().contains("unknown parameter 'colour'") && e.getMessage().contains("size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Datasets.create("causal", Map.of("strength", "strong")));
        assertTrue(e.getMessage().contains("strength"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Datasets.open(java.nio.file.Path.of("x"), "celeba"));
        assertTrue(e.getMessage().contains("3dshapes-h5") && e.getMessage().contains("smallnorb"), e.getMessage());
    }
}
