package org.vaescope.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.vaescope.core.internal.data.ShapeRaster;
import org.vaescope.core.numpy.NdArray;

/**
 * dSprites, generated procedurally with the factor grid and index order of the official
 * {@code dsprites_ndarray_co1sh3sc6or40x32y32_64x64.npz}; images are rendered on demand.
 * <p>
 * Factors (classes, values): color 1 (1.0); shape 3 (square, ellipse, heart = 1, 2, 3); scale 6
 * (linspace(0.5, 1, 6)); orientation 40 (linspace(0, 2π, 40), so classes 0 and 39 look the same,
 * as in the official data); posX 32 and posY 32 (linspace(0, 1, 32)). Image index =
 * ravel_multi_index(classes, (1, 3, 6, 40, 32, 32)) in C order, 737,280 images.
 * <p>
 * Geometry (our choice, in units of a 64-pixel canvas; a canvas of {@code size} pixels scales
 * everything by size/64): the shape centre is at x = 10 + 44·posX, y = 10 + 44·posY (pixels from
 * the top-left corner, y down), so it moves over pixels 10..54; the shape fits in a disc of radius
 * 10·scale pixels around its centroid (square side 14.1 px, ellipse 20×10 px at scale 1), so no
 * shape is ever clipped by the border; it is rotated counter-clockwise (on screen) by the
 * orientation. Pixels are 1 where the pixel centre lies in the shape (see {@link ShapeRaster}),
 * else 0. The official images use a similar, not identical, geometry.
 */
public final class DSpritesDataset implements FactorDataset {

    /** Number of images of the full grid. */
    public static final int COUNT = 737_280;
    /** Side of the official images. */
    public static final int OFFICIAL_SIZE = 64;

    private static final int[] SIZES = {1, 3, 6, 40, 32, 32};
    private static final String[] NAMES = {"color", "shape", "scale", "orientation", "posX", "posY"};
    private static final List<Factor> FACTORS = buildFactors();
    private static final double CENTRE_MARGIN = 10.0 / 64;
    private static final double CENTRE_RANGE = 44.0 / 64;
    private static final double MAX_RADIUS = 10.0 / 64;

    private final int size;

    /** The full-resolution (64×64) dataset. */
    public DSpritesDataset() {
        this(OFFICIAL_SIZE);
    }

    /**
     * A dataset rendered directly at {@code size × size} pixels (e.g. 32 or 16 for quick runs),
     * with the same factors and geometry scaled by size/64.
     */
    public DSpritesDataset(int size) {
        if (size < 8 || size > 1024) {
            throw new IllegalArgumentException("dsprites image size must be in 8..1024, got " + size);
        }
        this.size = size;
    }

    private static List<Factor> buildFactors() {
        List<Factor> fs = new ArrayList<>();
        fs.add(new Factor(NAMES[0], new double[] {1.0}));
        fs.add(new Factor(NAMES[1], new double[] {1.0, 2.0, 3.0}));
        fs.add(new Factor(NAMES[2], linspace(0.5, 1.0, 6)));
        fs.add(new Factor(NAMES[3], linspace(0.0, 2 * Math.PI, 40)));
        fs.add(new Factor(NAMES[4], linspace(0.0, 1.0, 32)));
        fs.add(new Factor(NAMES[5], linspace(0.0, 1.0, 32)));
        return List.copyOf(fs);
    }

    /** numpy.linspace(from, to, n) with the endpoint. */
    static double[] linspace(double from, double to, int n) {
        double[] v = new double[n];
        double step = (to - from) / (n - 1);
        for (int i = 0; i < n; i++) {
            v[i] = from + i * step;
        }
        v[n - 1] = to;
        return v;
    }

    /** The official factors (same for every resolution). */
    public static List<Factor> officialFactors() {
        return FACTORS;
    }

    /** Number of classes per factor: (1, 3, 6, 40, 32, 32). */
    public static int[] factorSizes() {
        return SIZES.clone();
    }

    /** The classes of image {@code index}, as row {@code index} of the official {@code latents_classes}. */
    public static int[] latentsClasses(int index) {
        if (index < 0 || index >= COUNT) {
            throw new IllegalArgumentException("dSprites index " + index + " out of range 0.." + (COUNT - 1));
        }
        int[] classes = new int[SIZES.length];
        int rest = index;
        for (int f = SIZES.length - 1; f >= 0; f--) {
            classes[f] = rest % SIZES[f];
            rest /= SIZES[f];
        }
        return classes;
    }

    /** The factor values of image {@code index}, as row {@code index} of the official {@code latents_values}. */
    public static double[] latentsValues(int index) {
        return valuesOf(latentsClasses(index));
    }

    /** The factor values of a class vector. */
    public static double[] valuesOf(int[] classes) {
        checkClasses(classes);
        double[] values = new double[classes.length];
        for (int f = 0; f < classes.length; f++) {
            values[f] = FACTORS.get(f).value(classes[f]);
        }
        return values;
    }

    /** The image index of a class vector: ravel_multi_index(classes, (1, 3, 6, 40, 32, 32)). */
    public static int indexOf(int[] classes) {
        checkClasses(classes);
        int index = 0;
        for (int f = 0; f < SIZES.length; f++) {
            index = index * SIZES[f] + classes[f];
        }
        return index;
    }

    private static void checkClasses(int[] classes) {
        if (classes.length != SIZES.length) {
            throw new IllegalArgumentException("dSprites needs 6 classes, got " + classes.length);
        }
        for (int f = 0; f < SIZES.length; f++) {
            if (classes[f] < 0 || classes[f] >= SIZES[f]) {
                throw new IllegalArgumentException("class " + classes[f] + " of factor " + NAMES[f]
                        + " out of range 0.." + (SIZES[f] - 1));
            }
        }
    }

    /** Side of the rendered images in pixels. */
    public int size() {
        return size;
    }

    @Override
    public String name() {
        return "dsprites";
    }

    @Override
    public int channels() {
        return 1;
    }

    @Override
    public int height() {
        return size;
    }

    @Override
    public int width() {
        return size;
    }

    @Override
    public boolean binary() {
        return true;
    }

    @Override
    public List<Factor> factors() {
        return FACTORS;
    }

    /** Uniform over the grid: every factor's class drawn independently and uniformly. */
    @Override
    public int[][] sampleFactors(int n, SplittableRandom random) {
        int[][] out = new int[n][SIZES.length];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < SIZES.length; f++) {
                out[i][f] = random.nextInt(SIZES[f]);
            }
        }
        return out;
    }

    @Override
    public void render(int[] classes, float[] out, int offset) {
        double[] v = valuesOf(classes);
        Arrays.fill(out, offset, offset + size * size, 0f);
        ShapeRaster.Shape shape = ShapeRaster.Shape.values()[classes[1]];
        double cx = size * (CENTRE_MARGIN + CENTRE_RANGE * v[4]);
        double cy = size * (CENTRE_MARGIN + CENTRE_RANGE * v[5]);
        double radius = size * MAX_RADIUS * v[2];
        ShapeRaster.draw(shape, cx, cy, radius, v[3], 1f, out, offset, size, size);
    }

    /** Expected centre (x, y) in pixels of the shape with these classes, for tests and read-outs. */
    public double[] centre(int[] classes) {
        double[] v = valuesOf(classes);
        return new double[] {size * (CENTRE_MARGIN + CENTRE_RANGE * v[4]), size * (CENTRE_MARGIN + CENTRE_RANGE * v[5])};
    }

    /** Radius in pixels of the disc the shape with these classes fits in. */
    public double radius(int[] classes) {
        return size * MAX_RADIUS * valuesOf(classes)[2];
    }

    /**
     * The arrays of the official npz for the given image indices: {@code imgs} (uint8, n×size×size),
     * {@code latents_classes} (int64, n×6), {@code latents_values} (float64, n×6).
     */
    public Map<String, NdArray> exportArrays(int[] indices) {
        int pixels = size * size;
        byte[] imgs = new byte[indices.length * pixels];
        long[] classes = new long[indices.length * 6];
        double[] values = new double[indices.length * 6];
        float[] image = new float[pixels];
        for (int i = 0; i < indices.length; i++) {
            int[] c = latentsClasses(indices[i]);
            double[] v = valuesOf(c);
            render(c, image, 0);
            for (int p = 0; p < pixels; p++) {
                imgs[i * pixels + p] = (byte) image[p];
            }
            for (int f = 0; f < 6; f++) {
                classes[i * 6 + f] = c[f];
                values[i * 6 + f] = v[f];
            }
        }
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        arrays.put("imgs", NdArray.ofUint8(imgs, indices.length, size, size));
        arrays.put("latents_classes", NdArray.ofInt64(classes, indices.length, 6));
        arrays.put("latents_values", NdArray.ofFloat64(values, indices.length, 6));
        return arrays;
    }
}
