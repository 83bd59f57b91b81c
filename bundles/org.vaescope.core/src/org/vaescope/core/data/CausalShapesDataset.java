package org.vaescope.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.vaescope.core.internal.data.ShapeRaster;

/**
 * The synthetic causal dataset — <b>our definition</b>: six discrete factors drawn from a fixed
 * structural causal model and rendered as a grey shape on black, {@code size × size} pixels
 * (default 32).
 * <p>
 * Factors, in order (classes; values), and their structural equations with strength p (default
 * 0.8). U{K} is a class drawn uniformly from 0..K−1 and B_p a coin that is 1 with probability p;
 * all noises are independent:
 * <pre>
 *   shape       3 (1, 2, 3 = square, ellipse, heart)  shape       := U{3}
 *   size        4 (0.55, 0.70, 0.85, 1.00)            size        := U{4}
 *   brightness  4 (0.40, 0.60, 0.80, 1.00)            brightness  := size if B_p else U{4}
 *   orientation 4 (0, π/8, π/4, 3π/8)                 orientation := U{4}
 *   posX        8 (linspace(0, 1, 8))                 posX        := U{8}
 *   posY        8 (linspace(0, 1, 8))                 posY        := posX if B_p else U{8}
 * </pre>
 * So P(brightness = size) = p + (1 − p)/4 and P(posY = posX) = p + (1 − p)/8, and the true graph
 * has exactly the edges size → brightness and posX → posY; shape and orientation are independent.
 * <p>
 * Rendering (at 32 px; other sizes scale by size/32): the shape's centre is at x = 6 + 20·posX,
 * y = 6 + 20·posY pixels (y down), it fits in a disc of radius 6·size pixels, is rotated
 * counter-clockwise by the orientation, and its pixels have the brightness value (background 0);
 * see {@link ShapeRaster}. {@link #render} renders any classes, i.e. the image under
 * do(all factors); {@link #sampleWithIntervention} samples under do(one factor).
 */
public final class CausalShapesDataset implements FactorDataset {

    /** Default image side. */
    public static final int DEFAULT_SIZE = 32;
    /** Default probability that an effect copies its cause's class. */
    public static final double DEFAULT_STRENGTH = 0.8;

    private static final String[] NAMES = {"shape", "size", "brightness", "orientation", "posX", "posY"};
    private static final int[] PARENT = {-1, -1, 1, -1, -1, 4};
    private static final List<Factor> FACTORS = List.of(
            new Factor(NAMES[0], new double[] {1, 2, 3}),
            new Factor(NAMES[1], new double[] {0.55, 0.70, 0.85, 1.00}),
            new Factor(NAMES[2], new double[] {0.40, 0.60, 0.80, 1.00}),
            new Factor(NAMES[3], new double[] {0, Math.PI / 8, Math.PI / 4, 3 * Math.PI / 8}),
            new Factor(NAMES[4], DSpritesDataset.linspace(0, 1, 8)),
            new Factor(NAMES[5], DSpritesDataset.linspace(0, 1, 8)));
    private static final double CENTRE_MARGIN = 6.0 / 32;
    private static final double CENTRE_RANGE = 20.0 / 32;
    private static final double MAX_RADIUS = 6.0 / 32;

    private final int size;
    private final double strength;

    /** The dataset at the default size and strength. */
    public CausalShapesDataset() {
        this(DEFAULT_SIZE, DEFAULT_STRENGTH);
    }

    /**
     * @param size image side in pixels (16..512)
     * @param strength probability p that an effect copies its cause (0..1)
     */
    public CausalShapesDataset(int size, double strength) {
        if (size < 16 || size > 512) {
            throw new IllegalArgumentException("causal dataset image size must be in 16..512, got " + size);
        }
        if (!(strength >= 0 && strength <= 1)) {
            throw new IllegalArgumentException("causal strength must be in [0, 1], got " + strength);
        }
        this.size = size;
        this.strength = strength;
    }

    /** The probability p that an effect copies its cause's class. */
    public double strength() {
        return strength;
    }

    /** Index of the direct cause of factor {@code factor}, or -1 if it is exogenous. */
    public int parentOf(int factor) {
        return PARENT[factor];
    }

    @Override
    public String name() {
        return "causal";
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
        return false;
    }

    @Override
    public List<Factor> factors() {
        return FACTORS;
    }

    @Override
    public Optional<FactorGraph> trueGraph() {
        List<FactorGraph.Edge> edges = new ArrayList<>();
        for (int f = 0; f < PARENT.length; f++) {
            if (PARENT[f] >= 0) {
                edges.add(new FactorGraph.Edge(NAMES[PARENT[f]], NAMES[f]));
            }
        }
        return Optional.of(new FactorGraph(Arrays.asList(NAMES), edges));
    }

    /** Ancestral sampling from the SCM (the observational distribution). */
    @Override
    public int[][] sampleFactors(int n, SplittableRandom random) {
        return sample(n, -1, -1, random);
    }

    /**
     * Ancestral sampling under do(factor := cls): the factor is set, its descendants follow their
     * structural equations from the set value, all other factors are drawn as usual.
     */
    public int[][] sampleWithIntervention(int n, int factor, int cls, SplittableRandom random) {
        if (factor < 0 || factor >= FACTORS.size()) {
            throw new IllegalArgumentException("factor index " + factor + " out of range 0.." + (FACTORS.size() - 1));
        }
        if (cls < 0 || cls >= FACTORS.get(factor).size()) {
            throw new IllegalArgumentException("class " + cls + " out of range for factor " + FACTORS.get(factor));
        }
        return sample(n, factor, cls, random);
    }

    private int[][] sample(int n, int intervened, int cls, SplittableRandom random) {
        int[][] out = new int[n][FACTORS.size()];
        for (int i = 0; i < n; i++) {
            int[] c = out[i];
            // Factor order is a topological order of the graph: parents come first.
            for (int f = 0; f < c.length; f++) {
                int k = FACTORS.get(f).size();
                if (f == intervened) {
                    c[f] = cls;
                } else if (PARENT[f] >= 0 && random.nextDouble() < strength) {
                    c[f] = c[PARENT[f]];
                } else {
                    c[f] = random.nextInt(k);
                }
            }
        }
        return out;
    }

    @Override
    public void render(int[] classes, float[] out, int offset) {
        if (classes.length != FACTORS.size()) {
            throw new IllegalArgumentException("causal dataset needs " + FACTORS.size() + " classes, got " + classes.length);
        }
        double[] v = new double[classes.length];
        for (int f = 0; f < classes.length; f++) {
            if (classes[f] < 0 || classes[f] >= FACTORS.get(f).size()) {
                throw new IllegalArgumentException("class " + classes[f] + " out of range for factor " + FACTORS.get(f));
            }
            v[f] = FACTORS.get(f).value(classes[f]);
        }
        Arrays.fill(out, offset, offset + size * size, 0f);
        double cx = size * (CENTRE_MARGIN + CENTRE_RANGE * v[4]);
        double cy = size * (CENTRE_MARGIN + CENTRE_RANGE * v[5]);
        ShapeRaster.draw(ShapeRaster.Shape.values()[classes[0]], cx, cy, size * MAX_RADIUS * v[1], v[3], (float) v[2],
                out, offset, size, size);
    }
}
