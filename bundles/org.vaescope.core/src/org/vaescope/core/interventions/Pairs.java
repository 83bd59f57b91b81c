package org.vaescope.core.interventions;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.data.Factor;
import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.runtime.Floats;

/**
 * Matched input pairs (base, changed): the raw material of input manipulation (x, x'), activation
 * patching (target = base, source = changed) and causal mediation (x_a = base, x_b = changed).
 * <p>
 * Pairs drawn from a {@link FactorDataset} keep only their factor classes and render images on
 * demand, a slice at a time, so large sample counts stream instead of sitting in memory. Rendering
 * a class vector is do(all factors) on the generator, so a changed input is an intervention even
 * on the causal dataset. Every pair set carries the seed it was drawn with.
 */
public final class Pairs {

    private final FactorDataset dataset;
    private final int[][] baseClasses;
    private final int[][] changedClasses;
    private final float[] baseImages;
    private final float[] changedImages;
    private final int[] inputShape;
    private final int size;
    private final int factor;
    private final long seed;
    private final String description;

    private Pairs(FactorDataset dataset, int[][] baseClasses, int[][] changedClasses, float[] baseImages,
            float[] changedImages, int[] inputShape, int size, int factor, long seed, String description) {
        this.dataset = dataset;
        this.baseClasses = baseClasses;
        this.changedClasses = changedClasses;
        this.baseImages = baseImages;
        this.changedImages = changedImages;
        this.inputShape = inputShape.clone();
        this.size = size;
        this.factor = factor;
        this.seed = seed;
        this.description = description;
    }

    /**
     * {@code n} pairs equal in every factor but {@code factor}: the base classes are drawn from the
     * dataset's distribution, the changed input takes another class of the factor, uniformly among
     * the other classes.
     *
     * @throws IllegalArgumentException if the factor index is out of range or the factor has one class
     */
    public static Pairs differingIn(FactorDataset dataset, int factor, int n, long seed) {
        Factor f = checkFactor(dataset, factor);
        if (f.size() < 2) {
            throw new IllegalArgumentException("factor '" + f.name() + "' has a single class and cannot be changed");
        }
        checkCount(n);
        SplittableRandom random = new SplittableRandom(seed);
        int[][] base = dataset.sampleFactors(n, random);
        int[][] changed = new int[n][];
        for (int i = 0; i < n; i++) {
            changed[i] = base[i].clone();
            changed[i][factor] = (base[i][factor] + 1 + random.nextInt(f.size() - 1)) % f.size();
        }
        return new Pairs(dataset, base, changed, null, null, shapeOf(dataset), n, factor, seed,
                "pairs differing in " + f.name());
    }

    /**
     * {@code n} pairs for the factor change {@code from → to}: the other factors are drawn from the
     * dataset's distribution and shared; the base input has class {@code from}, the changed one
     * {@code to}.
     */
    public static Pairs factorChange(FactorDataset dataset, int factor, int from, int to, int n, long seed) {
        Factor f = checkFactor(dataset, factor);
        checkClass(f, from);
        checkClass(f, to);
        checkCount(n);
        int[][] base = dataset.sampleFactors(n, new SplittableRandom(seed));
        int[][] changed = new int[n][];
        for (int i = 0; i < n; i++) {
            base[i][factor] = from;
            changed[i] = base[i].clone();
            changed[i][factor] = to;
        }
        return new Pairs(dataset, base, changed, null, null, shapeOf(dataset), n, factor, seed,
                f.name() + " " + from + " -> " + to);
    }

    /**
     * {@code n} pairs whose base input satisfies {@code baseCondition} and whose changed input
     * satisfies {@code changedCondition} (factor name → class index); factors named in neither are
     * drawn from the dataset's distribution and shared by both inputs of a pair.
     *
     * @throws IllegalArgumentException naming an unknown factor or an out-of-range class
     */
    public static Pairs conditioned(FactorDataset dataset, Map<String, Integer> baseCondition,
            Map<String, Integer> changedCondition, int n, long seed) {
        checkCount(n);
        int[][] base = dataset.sampleFactors(n, new SplittableRandom(seed));
        int[][] changed = new int[n][];
        for (int i = 0; i < n; i++) {
            changed[i] = base[i].clone();
            apply(dataset, baseCondition, base[i], "base");
            apply(dataset, changedCondition, changed[i], "changed");
        }
        return new Pairs(dataset, base, changed, null, null, shapeOf(dataset), n, -1, seed,
                "from " + baseCondition + " to " + changedCondition);
    }

    /**
     * Pairs from explicit inputs (batch × per-sample shape each, equal shapes); {@code seed} is the
     * seed the caller drew them with, recorded with every result.
     */
    public static Pairs of(INDArray base, INDArray changed, long seed, String description) {
        if (!Arrays.equals(base.shape(), changed.shape())) {
            throw new IllegalArgumentException("base inputs have shape " + Arrays.toString(base.shape())
                    + " but changed inputs " + Arrays.toString(changed.shape()));
        }
        if (base.rank() < 2 || base.size(0) < 1) {
            throw new IllegalArgumentException("pair inputs need a batch dimension and at least one sample, got shape "
                    + Arrays.toString(base.shape()));
        }
        long[] s = base.shape();
        int[] shape = new int[s.length - 1];
        for (int i = 1; i < s.length; i++) {
            shape[i - 1] = Math.toIntExact(s[i]);
        }
        return new Pairs(null, null, null, Floats.of(base), Floats.of(changed), shape, (int) s[0], -1, seed,
                description);
    }

    private static void apply(FactorDataset dataset, Map<String, Integer> condition, int[] classes, String which) {
        for (Map.Entry<String, Integer> e : condition.entrySet()) {
            int k = dataset.factorIndex(e.getKey());
            if (k < 0) {
                throw new IllegalArgumentException("the " + which + " condition names factor '" + e.getKey()
                        + "', which dataset '" + dataset.name() + "' does not have (factors: "
                        + dataset.factors().stream().map(Factor::name).toList() + ")");
            }
            checkClass(dataset.factors().get(k), e.getValue());
            classes[k] = e.getValue();
        }
    }

    private static Factor checkFactor(FactorDataset dataset, int factor) {
        List<Factor> fs = dataset.factors();
        if (factor < 0 || factor >= fs.size()) {
            throw new IllegalArgumentException("factor index " + factor + " is out of range 0.." + (fs.size() - 1)
                    + " of dataset '" + dataset.name() + "'");
        }
        return fs.get(factor);
    }

    private static void checkClass(Factor f, int cls) {
        if (cls < 0 || cls >= f.size()) {
            throw new IllegalArgumentException("class " + cls + " is out of range 0.." + (f.size() - 1)
                    + " of factor '" + f.name() + "'");
        }
    }

    private static void checkCount(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the number of pairs must be at least 1, got " + n);
        }
    }

    private static int[] shapeOf(FactorDataset d) {
        return new int[] {d.channels(), d.height(), d.width()};
    }

    /** Number of pairs. */
    public int size() {
        return size;
    }

    /** The seed the pairs were drawn with. */
    public long seed() {
        return seed;
    }

    /** Index of the factor that differs (in dataset order), or −1 when the pairs are not single-factor changes. */
    public int factor() {
        return factor;
    }

    public String description() {
        return description;
    }

    /** Per-sample input shape. */
    public int[] inputShape() {
        return inputShape.clone();
    }

    /** The dataset the pairs were drawn from, or null for explicit inputs. */
    public FactorDataset dataset() {
        return dataset;
    }

    /** Factor classes of the base inputs (a copy), or null for explicit inputs. */
    public int[][] baseClasses() {
        return baseClasses == null ? null : deepCopy(baseClasses);
    }

    /** Factor classes of the changed inputs (a copy), or null for explicit inputs. */
    public int[][] changedClasses() {
        return changedClasses == null ? null : deepCopy(changedClasses);
    }

    /** Base inputs {@code from} (inclusive) to {@code to} (exclusive) as a batch. */
    public INDArray base(int from, int to) {
        return slice(baseClasses, baseImages, from, to);
    }

    /** Changed inputs {@code from} (inclusive) to {@code to} (exclusive) as a batch. */
    public INDArray changed(int from, int to) {
        return slice(changedClasses, changedImages, from, to);
    }

    /** A new pair set with base and changed inputs exchanged (same seed). */
    public Pairs swapped() {
        return new Pairs(dataset, changedClasses, baseClasses, changedImages, baseImages, inputShape, size, factor, seed,
                description + " (swapped)");
    }

    private INDArray slice(int[][] classes, float[] images, int from, int to) {
        if (from < 0 || to > size || from >= to) {
            throw new IllegalArgumentException("pair range " + from + ".." + to + " is not inside 0.." + size);
        }
        int per = perSample();
        float[] out;
        if (images != null) {
            out = Arrays.copyOfRange(images, from * per, to * per);
        } else {
            out = new float[(to - from) * per];
            for (int i = from; i < to; i++) {
                dataset.render(classes[i], out, (i - from) * per);
            }
        }
        long[] shape = new long[inputShape.length + 1];
        shape[0] = to - from;
        for (int i = 0; i < inputShape.length; i++) {
            shape[i + 1] = inputShape[i];
        }
        return Floats.array(out, shape);
    }

    private int perSample() {
        int per = 1;
        for (int s : inputShape) {
            per *= s;
        }
        return per;
    }

    private static int[][] deepCopy(int[][] a) {
        int[][] c = new int[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    @Override
    public String toString() {
        return description + " (n=" + size + ", seed=" + seed + ")";
    }
}
