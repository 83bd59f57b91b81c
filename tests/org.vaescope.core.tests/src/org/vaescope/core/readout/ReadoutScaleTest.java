package org.vaescope.core.readout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.vaescope.core.data.DSpritesDataset;
import org.vaescope.core.data.Factor;

/**
 * Read-out changes respect the factor's scale: shape's classes are unordered (a square turned heart
 * changes as much as a square turned ellipse), orientation is an angle (0 and 2π are the same, and a
 * square turned by a quarter turn looks unchanged).
 */
class ReadoutScaleTest {

    private static final double[] ORIENTATION = new DSpritesDataset(32).factors().get(3).values();

    @Test
    void theFactorsOfDSpritesGetTheirScales() {
        var factors = new DSpritesDataset(32).factors();
        assertEquals(FactorReadouts.Scale.CATEGORICAL, FactorReadouts.scaleOf(factors.get(1)));
        assertEquals(FactorReadouts.Scale.ORDINAL, FactorReadouts.scaleOf(factors.get(2)));
        assertEquals(FactorReadouts.Scale.CIRCULAR, FactorReadouts.scaleOf(factors.get(3)));
        assertEquals(FactorReadouts.Scale.ORDINAL, FactorReadouts.scaleOf(new Factor("posX", new double[] {0, 1})));
    }

    @Test
    void shapeChangesByTotalVariationWhateverTheClassIndices() {
        float[] square = {1, 0, 0};
        float[] ellipse = {0, 1, 0};
        float[] heart = {0, 0, 1};
        float[] unsure = {0.5f, 0.5f, 0};

        assertEquals(1.0, FactorReadouts.totalVariation(square, 0, heart, 0, 3), 1e-9);
        assertEquals(1.0, FactorReadouts.totalVariation(square, 0, ellipse, 0, 3), 1e-9);
        assertEquals(0.5, FactorReadouts.totalVariation(square, 0, unsure, 0, 3), 1e-6);
        assertEquals(0.0, FactorReadouts.totalVariation(heart, 0, heart, 0, 3), 1e-9);
    }

    @Test
    void orientationChangesByCircularDistanceFoldedByTheShapesSymmetry() {
        float[] first = oneHot(0);
        float[] last = oneHot(39);           // 2π: the same angle as class 0
        float[] halfTurn = oneHot(20);       // 20/39 · 2π ≈ 1.03 π
        float[] quarterTurn = oneHot(10);    // 10/39 · 2π ≈ 0.51 π

        assertEquals(0.0, FactorReadouts.circularChange(first, 0, last, 0, ORIENTATION, 1), 1e-6);
        assertEquals(1.0, FactorReadouts.circularChange(first, 0, halfTurn, 0, ORIENTATION, 1), 0.05,
                "a heart turned half-way round changes most");
        assertEquals(0.0, FactorReadouts.circularChange(first, 0, halfTurn, 0, ORIENTATION, 2), 0.1,
                "an ellipse turned half-way round looks the same");
        assertEquals(0.0, FactorReadouts.circularChange(first, 0, quarterTurn, 0, ORIENTATION, 4), 0.1,
                "a square turned a quarter round looks the same");
        assertEquals(1.0, FactorReadouts.circularChange(first, 0, quarterTurn, 0, ORIENTATION, 2), 0.1,
                "an ellipse turned a quarter round changes most");
    }

    @Test
    void wrappingKeepsAnglesWithinHalfATurn() {
        assertEquals(-0.5, FactorReadouts.wrap(2 * Math.PI - 0.5), 1e-9);
        assertEquals(0.5, FactorReadouts.wrap(-2 * Math.PI + 0.5), 1e-9);
        assertEquals(Math.PI - 0.1, FactorReadouts.wrap(Math.PI - 0.1), 1e-9);
    }

    private static float[] oneHot(int c) {
        float[] p = new float[ORIENTATION.length];
        p[c] = 1;
        return p;
    }
}
