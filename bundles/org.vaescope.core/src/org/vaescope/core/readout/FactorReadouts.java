package org.vaescope.core.readout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaescope.core.data.Factor;
import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.progress.ProgressMonitor;
import org.vaescope.core.runtime.Nd4jRuntime;

/**
 * Factor read-outs r_k: one small classifier per factor that reads a factor's class from an image,
 * used to measure what a decoded image shows (spec section 4).
 * <p>
 * <b>Our choice.</b> Images are average-pooled to sides of at most {@code maxSide} pixels; a
 * network with one hidden ReLU layer shared by all factors feeds one softmax head per factor. It is
 * trained with Adam on the summed cross-entropy over images rendered from classes drawn with
 * {@link FactorDataset#sampleFactors} (seeded), and its accuracy is measured on further, held-out
 * draws. For a dataset with a true causal graph the draws are decorrelated (each factor's column
 * permuted independently, see {@link #trainingClasses}), so a read-out cannot lean on a factor's
 * causes and stays valid on the combinations interventions produce. Only factors with at least two
 * classes get a read-out (a constant factor carries no information); {@link #factorNames()} lists
 * them in dataset order, and every index k of this class refers to that list.
 * <p>
 * The read-out value is continuous: r_k(image) = Σ_c c · p_k(c | image), the softmax-weighted
 * class index, in [0, range_k] with range_k = classes_k − 1.
 * <p>
 * <b>Changes of a read-out</b> ({@link #change}), in [0, 1], respect the factor's {@link Scale}: an
 * ordinal factor by |Δr_k| / range_k; the categorical {@code shape} by the total-variation distance
 * ½ Σ_c |p(c|a) − p(c|b)| between the class distributions (its classes have no order); the circular
 * {@code orientation} by the circular distance between the circular means of the class angles,
 * folded by the shape's rotational symmetry m (square 4, ellipse 2, heart 1, the shape read from the
 * first image): ψ = arg Σ_c p(c) e^{i m θ_c}, change = |wrap(ψ_a − ψ_b)| / π.
 */
public final class FactorReadouts {

    private final ReadoutNetwork network;
    private final ImagePooling pooling;
    private final List<String> names;
    private final int[] datasetFactors;
    private final int[] classCounts;
    private final double[] accuracy;
    private final double[] withinOne;
    private final double[] meanAbsoluteError;
    private final ReadoutSettings settings;
    private final String datasetName;
    private final Scale[] scales;
    private final double[][] angles;

    /** How changes of a factor's read-out are measured. */
    public enum Scale {
        /** ordered classes: |Δ expected class| / range */
        ORDINAL,
        /** unordered classes: total-variation distance */
        CATEGORICAL,
        /** angles: circular distance, folded by the shape's symmetry */
        CIRCULAR
    }

    /** Rotational symmetry order of the shapes of dSprites and the causal dataset: square, ellipse, heart. */
    private static final int[] SHAPE_SYMMETRY = {4, 2, 1};

    /** The class probabilities of a batch of images under every read-out. */
    public static final class Readings {
        private final float[] probabilities;
        private final int images;

        private Readings(float[] probabilities, int images) {
            this.probabilities = probabilities;
            this.images = images;
        }

        /** Number of images read. */
        public int images() {
            return images;
        }
    }

    private FactorReadouts(ReadoutNetwork network, ImagePooling pooling, List<String> names, int[] datasetFactors,
            int[] classCounts, ReadoutSettings settings, String datasetName) {
        this.network = network;
        this.pooling = pooling;
        this.names = List.copyOf(names);
        this.datasetFactors = datasetFactors;
        this.classCounts = classCounts;
        this.accuracy = new double[names.size()];
        this.withinOne = new double[names.size()];
        this.meanAbsoluteError = new double[names.size()];
        this.settings = settings;
        this.datasetName = datasetName;
        this.scales = new Scale[names.size()];
        this.angles = new double[names.size()][];
    }

    /** The scale of a factor by its name in dSprites and the causal dataset; ordinal otherwise. */
    static Scale scaleOf(Factor factor) {
        return switch (factor.name()) {
            case "shape" -> Scale.CATEGORICAL;
            case "orientation" -> Scale.CIRCULAR;
            default -> Scale.ORDINAL;
        };
    }

    /**
     * Trains read-outs for every factor of {@code dataset} with at least two classes and measures
     * them on held-out images. Takes a few seconds with the default settings.
     *
     * @throws IllegalArgumentException if no factor has two classes
     */
    public static FactorReadouts train(FactorDataset dataset, ReadoutSettings settings) {
        return train(dataset, settings, ProgressMonitor.NONE);
    }

    /** {@link #train(FactorDataset, ReadoutSettings)}, cancelled between batches by the monitor. */
    public static FactorReadouts train(FactorDataset dataset, ReadoutSettings settings, ProgressMonitor monitor) {
        Nd4jRuntime.ensureStarted();
        List<String> names = new ArrayList<>();
        List<Integer> indices = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        List<Factor> factors = dataset.factors();
        for (int k = 0; k < factors.size(); k++) {
            if (factors.get(k).size() >= 2) {
                names.add(factors.get(k).name());
                indices.add(k);
                counts.add(factors.get(k).size());
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("dataset '" + dataset.name() + "' has no factor with two or more classes");
        }
        int[] datasetFactors = indices.stream().mapToInt(Integer::intValue).toArray();
        int[] classCounts = counts.stream().mapToInt(Integer::intValue).toArray();
        SplittableRandom random = new SplittableRandom(settings.seed());
        ImagePooling pooling = new ImagePooling(dataset.channels(), dataset.height(), dataset.width(),
                settings.maxSide());
        ReadoutNetwork network = new ReadoutNetwork(pooling.features(), settings.hidden(), classCounts, random.split());
        FactorReadouts readouts = new FactorReadouts(network, pooling, names, datasetFactors, classCounts, settings,
                dataset.name());
        for (int k = 0; k < names.size(); k++) {
            Factor factor = factors.get(datasetFactors[k]);
            readouts.scales[k] = scaleOf(factor);
            readouts.angles[k] = factor.values();
        }
        int[][] trainClasses = trainingClasses(dataset, settings.trainSamples(), random.split());
        int[][] testClasses = trainingClasses(dataset, settings.testSamples(), random.split());
        float[] trainX = readouts.pooling.pool(dataset.renderAll(trainClasses), settings.trainSamples());
        int[][] trainLabels = readouts.labels(trainClasses);
        readouts.fit(trainX, trainLabels, random.split(), ProgressMonitor.orNone(monitor));
        readouts.evaluate(dataset.renderAll(testClasses), testClasses);
        return readouts;
    }

    /**
     * Classes to train or test on: draws from {@link FactorDataset#sampleFactors}; for a dataset
     * generated by a causal model ({@link FactorDataset#trueGraph} present) each factor's column is
     * then permuted independently, which keeps every factor's marginal but draws the factors
     * independently. Interventions produce exactly the combinations the causal model makes rare
     * (do(posX) leaves posY ≠ posX), and a read-out trained on the observational correlations reads
     * a factor partly from its causes there, which would show up as spurious implied edges.
     */
    static int[][] trainingClasses(FactorDataset dataset, int n, SplittableRandom random) {
        int[][] classes = dataset.sampleFactors(n, random);
        if (dataset.trueGraph().isEmpty()) {
            return classes;
        }
        for (int f = 0; f < dataset.factors().size(); f++) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = classes[i][f];
                classes[i][f] = classes[j][f];
                classes[j][f] = t;
            }
        }
        return classes;
    }

    private int[][] labels(int[][] classes) {
        int[][] labels = new int[classes.length][datasetFactors.length];
        for (int i = 0; i < classes.length; i++) {
            for (int k = 0; k < datasetFactors.length; k++) {
                labels[i][k] = classes[i][datasetFactors[k]];
            }
        }
        return labels;
    }

    private void fit(float[] x, int[][] labels, SplittableRandom random, ProgressMonitor monitor) {
        int features = pooling.features();
        int n = labels.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            shuffle(order, random);
            for (int from = 0; from < n; from += settings.batchSize()) {
                monitor.checkCanceled("training the factor read-outs");
                int to = Math.min(n, from + settings.batchSize());
                int[] rows = Arrays.copyOfRange(order, from, to);
                int[][] batchLabels = new int[rows.length][];
                float[] batch = new float[rows.length * features];
                for (int i = 0; i < rows.length; i++) {
                    batchLabels[i] = labels[rows[i]];
                    System.arraycopy(x, rows[i] * features, batch, i * features, features);
                }
                network.trainStep(batch, rows.length, batchLabels, settings.learningRate());
            }
        }
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private void evaluate(float[] images, int[][] classes) {
        int n = classes.length;
        float[] p = probabilities(images, n);
        int outputs = network.outputs;
        for (int k = 0; k < names.size(); k++) {
            int close = 0;
            double error = 0;
            for (int b = 0; b < n; b++) {
                int base = b * outputs + network.offsets[k];
                int truth = classes[b][datasetFactors[k]];
                close += Math.abs(argmax(p, base, classCounts[k]) - truth) <= 1 ? 1 : 0;
                error += Math.abs(expected(p, base, classCounts[k]) - truth);
            }
            withinOne[k] = close / (double) n;
            meanAbsoluteError[k] = error / n;
        }
        double[] correct = accuracyOn(p, n, classes);
        System.arraycopy(correct, 0, accuracy, 0, correct.length);
    }

    /**
     * Accuracy of every read-out (argmax class equals the true class) on the given images, for
     * example a model's reconstructions of dataset images with these classes.
     *
     * @param classes the dataset's classes of each image (all factors, dataset order)
     */
    public double[] accuracyOn(INDArray images, int[][] classes) {
        int n = checkImages(images);
        if (classes.length != n) {
            throw new IllegalArgumentException(n + " images but " + classes.length + " class rows");
        }
        return accuracyOn(probabilities(floats(images), n), n, classes);
    }

    private double[] accuracyOn(float[] p, int n, int[][] classes) {
        double[] correct = new double[names.size()];
        for (int k = 0; k < names.size(); k++) {
            for (int b = 0; b < n; b++) {
                int base = b * network.outputs + network.offsets[k];
                correct[k] += argmax(p, base, classCounts[k]) == classes[b][datasetFactors[k]] ? 1.0 / n : 0;
            }
        }
        return correct;
    }

    /** Chance accuracy of read-out k, 1 / classes_k: the floor that accuracies are measured against. */
    public double chanceAccuracy(int k) {
        return 1.0 / classCounts[check(k)];
    }

    /** The scale by which changes of read-out k are measured. */
    public Scale scale(int k) {
        return scales[check(k)];
    }

    /** The class probabilities of every read-out for the images. */
    public Readings read(INDArray images) {
        int n = checkImages(images);
        return new Readings(probabilities(floats(images), n), n);
    }

    /**
     * The change of read-out k between image {@code i} of {@code before} and image {@code j} of
     * {@code after}, in [0, 1], by the read-out's {@link Scale} (see the class comment).
     */
    public double change(Readings before, int i, Readings after, int j, int k) {
        int a = i * network.outputs + network.offsets[check(k)];
        int b = j * network.outputs + network.offsets[k];
        float[] p = before.probabilities;
        float[] q = after.probabilities;
        return switch (scales[k]) {
            case ORDINAL -> Math.abs(expected(p, a, classCounts[k]) - expected(q, b, classCounts[k])) / range(k);
            case CATEGORICAL -> totalVariation(p, a, q, b, classCounts[k]);
            case CIRCULAR -> circularChange(p, a, q, b, angles[k], symmetryOrder(before, i));
        };
    }

    static double totalVariation(float[] p, int a, float[] q, int b, int classes) {
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += Math.abs(p[a + c] - q[b + c]);
        }
        return sum / 2;
    }

    /** |wrap(ψ_p − ψ_q)| / π with ψ = arg Σ_c p(c) e^{i m θ_c}, in [0, 1]. */
    static double circularChange(float[] p, int a, float[] q, int b, double[] angles, int m) {
        return Math.abs(wrap(circularMean(p, a, angles, m) - circularMean(q, b, angles, m))) / Math.PI;
    }

    /** arg Σ_c p(c) e^{i m θ_c}: the mean angle, multiplied by the symmetry order m. */
    private static double circularMean(float[] p, int base, double[] angles, int m) {
        double cos = 0;
        double sin = 0;
        for (int c = 0; c < angles.length; c++) {
            cos += p[base + c] * Math.cos(m * angles[c]);
            sin += p[base + c] * Math.sin(m * angles[c]);
        }
        return Math.atan2(sin, cos);
    }

    static double wrap(double angle) {
        double wrapped = angle % (2 * Math.PI);
        if (wrapped > Math.PI) {
            wrapped -= 2 * Math.PI;
        } else if (wrapped < -Math.PI) {
            wrapped += 2 * Math.PI;
        }
        return wrapped;
    }

    /** The rotational symmetry of the shape read from image i (1 without a shape read-out). */
    private int symmetryOrder(Readings readings, int i) {
        int k = names.indexOf("shape");
        if (k < 0 || classCounts[k] != SHAPE_SYMMETRY.length) {
            return 1;
        }
        return SHAPE_SYMMETRY[argmax(readings.probabilities, i * network.outputs + network.offsets[k],
                classCounts[k])];
    }

    private static int argmax(float[] p, int base, int classes) {
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (p[base + c] > p[base + best]) {
                best = c;
            }
        }
        return best;
    }

    private static double expected(float[] p, int base, int classes) {
        double expected = 0;
        for (int c = 0; c < classes; c++) {
            expected += c * p[base + c];
        }
        return expected;
    }

    /** Names of the factors with a read-out, in dataset order. */
    public List<String> factorNames() {
        return names;
    }

    public int factorCount() {
        return names.size();
    }

    /** Read-out index of the factor with this name. */
    public int index(String factorName) {
        int k = names.indexOf(factorName);
        if (k < 0) {
            throw new IllegalArgumentException("no read-out for factor '" + factorName + "' (read-outs: " + names + ")");
        }
        return k;
    }

    /** Index in the dataset's factor list of read-out k. */
    public int datasetFactor(int k) {
        return datasetFactors[check(k)];
    }

    /** Number of classes of read-out k. */
    public int classes(int k) {
        return classCounts[check(k)];
    }

    /** range_k = classes_k − 1, the largest possible change of r_k. */
    public double range(int k) {
        return classCounts[check(k)] - 1;
    }

    /** Held-out accuracy of read-out k (argmax class equals the true class). */
    public double accuracy(int k) {
        return accuracy[check(k)];
    }

    /** Held-out fraction with the argmax class at most one class away from the truth. */
    public double withinOneAccuracy(int k) {
        return withinOne[check(k)];
    }

    /** Held-out mean |r_k(image) − true class|, in classes. */
    public double meanAbsoluteError(int k) {
        return meanAbsoluteError[check(k)];
    }

    public ReadoutSettings settings() {
        return settings;
    }

    /** Seed the read-outs were trained with. */
    public long seed() {
        return settings.seed();
    }

    /** Name of the dataset they were trained on. */
    public String datasetName() {
        return datasetName;
    }

    /** Per-sample image shape the read-outs accept. */
    public int[] imageShape() {
        return new int[] {pooling.channels, pooling.height, pooling.width};
    }

    /** r_k for every image and read-out: n × factorCount(). */
    public double[][] expectedClasses(INDArray images) {
        int n = checkImages(images);
        float[] p = probabilities(floats(images), n);
        int outputs = network.outputs;
        double[][] r = new double[n][names.size()];
        for (int b = 0; b < n; b++) {
            for (int k = 0; k < names.size(); k++) {
                int base = b * outputs + network.offsets[k];
                double expected = 0;
                for (int c = 0; c < classCounts[k]; c++) {
                    expected += c * p[base + c];
                }
                r[b][k] = expected;
            }
        }
        return r;
    }

    /** r_k for every image. */
    public double[] expectedClass(INDArray images, int k) {
        check(k);
        double[][] all = expectedClasses(images);
        double[] r = new double[all.length];
        for (int b = 0; b < r.length; b++) {
            r[b] = all[b][k];
        }
        return r;
    }

    /** ∂r_k(image_b)/∂image_b for every image (n × channels × height × width). */
    public INDArray gradient(INDArray images, int k) {
        check(k);
        int n = checkImages(images);
        float[] featureGradient = network.expectedClassGradient(pooling.pool(floats(images), n), n, k);
        return Nd4j.create(pooling.spread(featureGradient, n), images.shape(), DataType.FLOAT);
    }

    private float[] probabilities(float[] images, int n) {
        return network.probabilities(network.hiddenOf(pooling.pool(images, n), n), n);
    }

    private int checkImages(INDArray images) {
        long[] s = images.shape();
        long per = 1;
        for (int i = 1; i < s.length; i++) {
            per *= s[i];
        }
        if (s.length < 2 || per != pooling.imageSize()) {
            throw new IllegalArgumentException("read-outs expect images of " + pooling.channels + "x" + pooling.height
                    + "x" + pooling.width + " per sample, got shape " + Arrays.toString(s));
        }
        return (int) s[0];
    }

    private static float[] floats(INDArray a) {
        INDArray f = a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT);
        return f.dup('c').data().asFloat();
    }

    private int check(int k) {
        if (k < 0 || k >= names.size()) {
            throw new IllegalArgumentException("read-out index " + k + " is out of range 0.." + (names.size() - 1)
                    + " (" + names + ")");
        }
        return k;
    }

    /** One line per read-out with its held-out accuracy. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < names.size(); k++) {
            s.append(String.format(java.util.Locale.ROOT, "%s: accuracy %.3f, within one class %.3f, mean |error| %.3f"
                    + " classes (%d train / %d test images, seed %d)%n", names.get(k), accuracy[k], withinOne[k],
                    meanAbsoluteError[k], settings.trainSamples(), settings.testSamples(), settings.seed()));
        }
        return s.toString();
    }
}
