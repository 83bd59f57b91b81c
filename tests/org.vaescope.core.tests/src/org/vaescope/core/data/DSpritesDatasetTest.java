package org.vaescope.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class DSpritesDatasetTest {

    private final DSpritesDataset full = new DSpritesDataset();

    private float[] image(DSpritesDataset d, int... classes) {
        float[] out = new float[d.imageSize()];
        d.render(classes, out, 0);
        return out;
    }

    @Test
    void indexOrderIsTheOfficialRavelMultiIndex() {
        assertEquals(737_280, DSpritesDataset.COUNT);
        assertArrayEquals(new int[] {1, 3, 6, 40, 32, 32}, DSpritesDataset.factorSizes());
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 1}, DSpritesDataset.latentsClasses(1));
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 0}, DSpritesDataset.latentsClasses(32));
        assertArrayEquals(new int[] {0, 0, 0, 1, 0, 0}, DSpritesDataset.latentsClasses(1024));
        assertArrayEquals(new int[] {0, 0, 1, 0, 0, 0}, DSpritesDataset.latentsClasses(40960));
        assertArrayEquals(new int[] {0, 1, 0, 0, 0, 0}, DSpritesDataset.latentsClasses(245760));
        assertArrayEquals(new int[] {0, 2, 5, 39, 31, 31}, DSpritesDataset.latentsClasses(737_279));
        // 2*245760 + 3*40960 + 7*1024 + 5*32 + 9 by hand
        assertEquals(491520 + 122880 + 7168 + 160 + 9, DSpritesDataset.indexOf(new int[] {0, 2, 3, 7, 5, 9}));
        assertArrayEquals(new double[] {1, 1, 0.5, 0, 0, 1.0 / 31}, DSpritesDataset.latentsValues(1), 1e-12);
        assertArrayEquals(new double[] {1, 1, 0.5, 0, 1.0 / 31, 0}, DSpritesDataset.latentsValues(32), 1e-12);
        assertArrayEquals(new double[] {1, 1, 0.5, 2 * Math.PI / 39, 0, 0}, DSpritesDataset.latentsValues(1024), 1e-12);
        assertArrayEquals(new double[] {1, 1, 0.6, 0, 0, 0}, DSpritesDataset.latentsValues(40960), 1e-12);
        assertArrayEquals(new double[] {1, 2, 0.5, 0, 0, 0}, DSpritesDataset.latentsValues(245760), 1e-12);
        assertArrayEquals(new double[] {1, 3, 1, 2 * Math.PI, 1, 1}, DSpritesDataset.latentsValues(737_279), 1e-12);
        SplittableRandom random = new SplittableRandom(3);
        for (int t = 0; t < 200; t++) {
            int index = random.nextInt(DSpritesDataset.COUNT);
            assertEquals(index, DSpritesDataset.indexOf(DSpritesDataset.latentsClasses(index)));
        }
        assertThrows(IllegalArgumentException.class, () -> DSpritesDataset.latentsClasses(737_280));
        assertThrows(IllegalArgumentException.class, () -> DSpritesDataset.indexOf(new int[] {0, 3, 0, 0, 0, 0}));
    }

    @Test
    void imagesAreBinaryAndCentredOnTheClaimedPosition() {
        SplittableRandom random = new SplittableRandom(11);
        for (int t = 0; t < 150; t++) {
            int[] c = {0, random.nextInt(3), random.nextInt(6), random.nextInt(40), random.nextInt(32), random.nextInt(32)};
            float[] img = image(full, c);
            for (float v : img) {
                assertTrue(v == 0f || v == 1f, "binary pixel");
            }
            ImageMoments m = new ImageMoments(img, 0, 64, 64);
            double[] centre = full.centre(c);
            assertEquals(centre[0], m.cx, 1.0, "x centroid for classes " + java.util.Arrays.toString(c));
            assertEquals(centre[1], m.cy, 1.0, "y centroid for classes " + java.util.Arrays.toString(c));
        }
        // posX moves the shape right, posY down, across the documented range 10..54
        assertEquals(10.0, full.centre(new int[] {0, 0, 0, 0, 0, 0})[0], 1e-9);
        assertEquals(54.0, full.centre(new int[] {0, 0, 0, 0, 31, 31})[1], 1e-9);
    }

    /** Mean area over a spread of positions and a few orientations, to average out pixel quantisation. */
    private double meanArea(DSpritesDataset d, int shape, int scale) {
        double sum = 0;
        int n = 0;
        for (int x : new int[] {3, 8, 13, 20, 27}) {
            for (int y : new int[] {5, 11, 17, 29}) {
                for (int o : new int[] {0, 7, 13}) {
                    sum += new ImageMoments(image(d, 0, shape, scale, o, x, y), 0, d.width(), d.height()).area;
                    n++;
                }
            }
        }
        return sum / n;
    }

    @Test
    void areaGrowsWithTheSquareOfTheScaleAndDiffersByShape() {
        double[] scales = full.factors().get(2).values();
        for (int shape = 0; shape < 3; shape++) {
            double largest = meanArea(full, shape, 5);
            for (int s = 0; s < 5; s++) {
                double expected = scales[s] * scales[s];
                assertEquals(expected, meanArea(full, shape, s) / largest, 0.05 * expected, "shape " + shape + " scale " + s);
            }
        }
        double r = full.radius(new int[] {0, 0, 5, 0, 16, 16});
        double square = meanArea(full, 0, 5);
        double ellipse = meanArea(full, 1, 5);
        double heart = meanArea(full, 2, 5);
        assertEquals(2 * r * r, square, 0.03 * square);
        assertEquals(Math.PI / 2 * r * r, ellipse, 0.03 * ellipse);
        assertTrue(Math.abs(square - ellipse) > 0.1 * square && Math.abs(heart - ellipse) > 0.05 * ellipse
                && Math.abs(heart - square) > 0.05 * square, "areas " + square + " " + ellipse + " " + heart);
    }

    @Test
    void ellipseMajorAxisTurnsWithTheOrientation() {
        double[] angles = full.factors().get(3).values();
        for (int o = 0; o < 40; o++) {
            ImageMoments m = new ImageMoments(image(full, 0, 1, 5, o, 16, 16), 0, 64, 64);
            assertTrue(m.elongation > 3, "elongated ellipse");
            assertEquals(0, ImageMoments.axisDistance(m.axisAngle, angles[o]), Math.toRadians(3), "orientation class " + o);
        }
        // the heart is not symmetric under a half turn: its images differ
        assertNotEquals(java.util.Arrays.toString(image(full, 0, 2, 5, 0, 16, 16)),
                java.util.Arrays.toString(image(full, 0, 2, 5, 20, 16, 16)));
        // orientation classes 0 and 39 (0 and 2π) look the same, as in the official data
        assertArrayEquals(image(full, 0, 2, 3, 0, 9, 20), image(full, 0, 2, 3, 39, 9, 20));
    }

    @Test
    void downscaledVariantKeepsGeometryAtItsResolution() {
        DSpritesDataset small = new DSpritesDataset(32);
        assertEquals(32 * 32, small.imageSize());
        SplittableRandom random = new SplittableRandom(5);
        for (int t = 0; t < 50; t++) {
            int[] c = {0, random.nextInt(3), 3 + random.nextInt(3), random.nextInt(40), random.nextInt(32), random.nextInt(32)};
            float[] img = image(small, c);
            ImageMoments m = new ImageMoments(img, 0, 32, 32);
            assertEquals(full.centre(c)[0] / 2, m.cx, 0.75);
            assertEquals(full.centre(c)[1] / 2, m.cy, 0.75);
            for (float v : img) {
                assertTrue(v == 0f || v == 1f);
            }
        }
        for (int shape = 0; shape < 3; shape++) {
            assertEquals(meanArea(full, shape, 4) / 4, meanArea(small, shape, 4), 0.05 * meanArea(small, shape, 4));
        }
        assertThrows(IllegalArgumentException.class, () -> new DSpritesDataset(4));
    }

    @Test
    void samplingIsSeededUniformAndCanFixAFactor() {
        int[][] a = full.sampleFactors(3000, new SplittableRandom(42));
        int[][] b = full.sampleFactors(3000, new SplittableRandom(42));
        assertArrayEquals(a, b);
        assertTrue(!java.util.Arrays.deepEquals(a, full.sampleFactors(3000, new SplittableRandom(43))));
        int[] shapeCounts = new int[3];
        for (int[] c : a) {
            shapeCounts[c[1]]++;
            assertEquals(0, c[0]);
        }
        for (int count : shapeCounts) {
            assertEquals(1000, count, 90);
        }
        int[][] fixed = full.sampleWithFixed(500, 3, 17, new SplittableRandom(1));
        int distinctX = (int) java.util.Arrays.stream(fixed).mapToInt(c -> c[4]).distinct().count();
        for (int[] c : fixed) {
            assertEquals(17, c[3]);
        }
        assertTrue(distinctX > 20, "other factors still vary");
        assertThrows(IllegalArgumentException.class, () -> full.sampleWithFixed(5, 3, 40, new SplittableRandom(1)));
        float[] batch = full.renderAll(new int[][] {a[0], a[1]});
        assertArrayEquals(image(full, a[1]), java.util.Arrays.copyOfRange(batch, 4096, 8192));
    }
}
