package org.vaescope.metrics.internal.learn;

/**
 * Discretisation, mutual information and entropy exactly as disentanglement_lib computes them
 * ({@code utils._histogram_discretize}, {@code utils.discrete_mutual_info},
 * {@code utils.discrete_entropy}, which use numpy's histogram edges and sklearn's
 * {@code mutual_info_score}, natural logarithm).
 */
public final class InfoTheory {

    private InfoTheory() {
    }

    /**
     * Histogram discretisation of one variable, as
     * {@code np.digitize(x, np.histogram(x, numBins)[1][:-1])} minus one: {@code numBins}
     * equal-width bins between the minimum and the maximum (or {@code min ± 0.5} when all
     * values are equal, as numpy does), the maximum falling into the last bin.
     *
     * @return bin indices in {@code [0, numBins)}
     */
    public static int[] histogramDiscretize(double[] values, int numBins) {
        if (numBins < 1) {
            throw new IllegalArgumentException("numBins must be >= 1, got " + numBins);
        }
        int[] bins = new int[values.length];
        if (values.length == 0) {
            return bins;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("cannot discretise a non-finite value " + v);
            }
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (lo == hi) {
            lo -= 0.5;
            hi += 0.5;
        }
        double step = (hi - lo) / numBins;
        double[] leftEdges = new double[numBins];
        for (int b = 0; b < numBins; b++) {
            leftEdges[b] = b * step + lo; // numpy linspace arithmetic
        }
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            int b = (int) Math.floor((v - lo) / step);
            b = Math.max(0, Math.min(numBins - 1, b));
            while (b + 1 < numBins && leftEdges[b + 1] <= v) b++;
            while (b > 0 && leftEdges[b] > v) b--;
            bins[i] = b;
        }
        return bins;
    }

    /**
     * Mutual information (nats) between two label vectors, as sklearn
     * {@code mutual_info_score}: {@code Σ_ij p_ij ln(p_ij / (p_i p_j))} over the empirical
     * contingency table, clipped at 0.
     */
    public static double mutualInformation(int[] a, int[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("label vectors differ in length: " + a.length + " vs " + b.length);
        }
        int n = a.length;
        if (n == 0) {
            return 0.0;
        }
        Labels la = Labels.of(a);
        Labels lb = Labels.of(b);
        int ka = la.numClasses();
        int kb = lb.numClasses();
        long[] joint = new long[ka * kb];
        long[] rowCounts = new long[ka];
        long[] colCounts = new long[kb];
        for (int i = 0; i < n; i++) {
            int x = la.encoded()[i];
            int y = lb.encoded()[i];
            joint[x * kb + y]++;
            rowCounts[x]++;
            colCounts[y]++;
        }
        double logN = Math.log(n);
        double mi = 0.0;
        for (int x = 0; x < ka; x++) {
            for (int y = 0; y < kb; y++) {
                long nxy = joint[x * kb + y];
                if (nxy > 0) {
                    mi += (double) nxy / n
                            * (Math.log(nxy) + logN - Math.log(rowCounts[x]) - Math.log(colCounts[y]));
                }
            }
        }
        return Math.max(0.0, mi);
    }

    /** Entropy (nats) of a label vector, computed as {@code mutualInformation(a, a)}. */
    public static double entropy(int[] a) {
        return mutualInformation(a, a);
    }

    /**
     * Matrix {@code m[i][k] = I(code_i; factor_k)} of discretised code columns against factor
     * columns.
     */
    public static double[][] mutualInformationMatrix(int[][] discreteCodeColumns, int[][] factorColumns) {
        double[][] m = new double[discreteCodeColumns.length][factorColumns.length];
        for (int i = 0; i < discreteCodeColumns.length; i++) {
            for (int k = 0; k < factorColumns.length; k++) {
                m[i][k] = mutualInformation(factorColumns[k], discreteCodeColumns[i]);
            }
        }
        return m;
    }

    /**
     * Shannon entropy of a non-negative weight vector normalised to sum 1, in base
     * {@code base} (as {@code scipy.stats.entropy(p, base=base)}).
     */
    public static double entropy(double[] weights, double base) {
        double sum = 0.0;
        for (double w : weights) sum += w;
        double h = 0.0;
        for (double w : weights) {
            if (w > 0) {
                double p = w / sum;
                h -= p * Math.log(p);
            }
        }
        return h / Math.log(base);
    }
}
