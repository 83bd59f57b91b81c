package org.vaescope.core.internal.data;

/**
 * Rasterises the three sprite shapes by testing each pixel centre against the rotated shape.
 * <p>
 * Every unit shape is centred on its area centroid and fits in the unit disc, so a shape drawn
 * with radius r never reaches further than r pixels from its centre at any rotation:
 * <ul>
 * <li>square: |u| ≤ 1/√2, |v| ≤ 1/√2 (corners on the unit circle, area 2 r²);</li>
 * <li>ellipse: u² + (2v)² ≤ 1 (semi-axes 1 and 1/2, aspect 2:1, area π/2 r²);</li>
 * <li>heart: the implicit curve (x² + y² − 1)³ − x² y³ ≤ 0, shifted so that its centroid is at
 * the origin and scaled so that its farthest point lies on the unit circle (lobes up, tip down).</li>
 * </ul>
 * Shape coordinates (u, v) have v pointing up on the screen; a rotation by angle a turns the shape
 * counter-clockwise as seen on the screen.
 */
public final class ShapeRaster {

    /** The sprite shapes, in dSprites order. */
    public enum Shape { SQUARE, ELLIPSE, HEART }

    private static final double HALF_SIDE = Math.sqrt(0.5);
    private static final double HEART_CX;
    private static final double HEART_CY;
    private static final double HEART_RADIUS;

    static {
        // Centroid and outer radius of the raw heart, by midpoint integration on a fine grid.
        int n = 1200;
        double lo = -1.5;
        double step = 3.0 / n;
        double sumX = 0;
        double sumY = 0;
        long count = 0;
        for (int i = 0; i < n; i++) {
            double y = lo + (i + 0.5) * step;
            for (int j = 0; j < n; j++) {
                double x = lo + (j + 0.5) * step;
                if (rawHeart(x, y)) {
                    sumX += x;
                    sumY += y;
                    count++;
                }
            }
        }
        double cx = sumX / count;
        double cy = sumY / count;
        double maxR2 = 0;
        for (int i = 0; i < n; i++) {
            double y = lo + (i + 0.5) * step;
            for (int j = 0; j < n; j++) {
                double x = lo + (j + 0.5) * step;
                if (rawHeart(x, y)) {
                    maxR2 = Math.max(maxR2, (x - cx) * (x - cx) + (y - cy) * (y - cy));
                }
            }
        }
        HEART_CX = cx;
        HEART_CY = cy;
        // Half a grid diagonal added so the true boundary cannot lie outside the unit disc.
        HEART_RADIUS = Math.sqrt(maxR2) + step;
    }

    private ShapeRaster() {
    }

    private static boolean rawHeart(double x, double y) {
        double q = x * x + y * y - 1;
        return q * q * q - x * x * y * y * y <= 0;
    }

    /** True if the point (u, v) of shape coordinates (radius 1, v up) lies in the unit shape. */
    public static boolean contains(Shape shape, double u, double v) {
        return switch (shape) {
            case SQUARE -> Math.abs(u) <= HALF_SIDE && Math.abs(v) <= HALF_SIDE;
            case ELLIPSE -> u * u + 4 * v * v <= 1;
            case HEART -> rawHeart(HEART_CX + u * HEART_RADIUS, HEART_CY + v * HEART_RADIUS);
        };
    }

    /**
     * Sets to {@code intensity} every pixel of a {@code width × height} row-major image (at
     * {@code offset} in {@code out}) whose centre lies in the shape. Pixel (row i, column j) has its
     * centre at x = j + 0.5, y = i + 0.5, y pointing down.
     *
     * @param cx centre x in pixels
     * @param cy centre y in pixels (down)
     * @param radius radius of the disc the shape fits in, in pixels
     * @param angle counter-clockwise rotation in radians
     */
    public static void draw(Shape shape, double cx, double cy, double radius, double angle, float intensity,
            float[] out, int offset, int width, int height) {
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        int rowFrom = Math.max(0, (int) Math.floor(cy - radius - 1));
        int rowTo = Math.min(height - 1, (int) Math.ceil(cy + radius + 1));
        int colFrom = Math.max(0, (int) Math.floor(cx - radius - 1));
        int colTo = Math.min(width - 1, (int) Math.ceil(cx + radius + 1));
        for (int i = rowFrom; i <= rowTo; i++) {
            double dyUp = cy - (i + 0.5);
            for (int j = colFrom; j <= colTo; j++) {
                double dx = j + 0.5 - cx;
                double u = (cos * dx + sin * dyUp) / radius;
                double v = (-sin * dx + cos * dyUp) / radius;
                if (contains(shape, u, v)) {
                    out[offset + i * width + j] = intensity;
                }
            }
        }
    }
}
