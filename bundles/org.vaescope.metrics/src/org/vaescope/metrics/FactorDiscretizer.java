package org.vaescope.metrics;

import java.util.Arrays;

import org.vaescope.metrics.internal.learn.InfoTheory;
import org.vaescope.metrics.internal.learn.Stats;

/**
 * Turns continuous factor values (e.g. loaded from a file) into class indices for the metrics.
 */
public final class FactorDiscretizer {

    /** disentanglement_lib's number of histogram bins. */
    public static final int DEFAULT_BINS = 20;

    private FactorDiscretizer() {
    }

    /**
     * disentanglement_lib's {@code _histogram_discretize}: {@code numBins} equal-width bins
     * between the minimum and maximum of the column.
     *
     * @return bin indices in {@code [0, numBins)}
     */
    public static int[] histogram(double[] values, int numBins) {
        return InfoTheory.histogramDiscretize(values, numBins);
    }

    /**
     * Classes for one factor column: a column with at most {@code numBins} distinct values is
     * label-encoded (its k-th smallest value becomes class k), which keeps every ground-truth
     * class apart; any other column is histogram-discretised into {@code numBins} bins.
     */
    public static int[] toClasses(double[] values, int numBins) {
        double[] distinct = Arrays.stream(values).distinct().sorted().toArray();
        if (distinct.length > numBins) {
            return histogram(values, numBins);
        }
        int[] classes = new int[values.length];
        for (int i = 0; i < values.length; i++) classes[i] = Arrays.binarySearch(distinct, values[i]);
        return classes;
    }

    /** {@link #toClasses(double[], int)} applied to each column of an N × K matrix. */
    public static int[][] toClasses(double[][] factorValues, int numBins) {
        if (factorValues.length == 0) {
            return new int[0][];
        }
        int k = factorValues[0].length;
        int[][] classes = new int[factorValues.length][k];
        for (int j = 0; j < k; j++) {
            int[] column = toClasses(Stats.column(factorValues, j), numBins);
            for (int i = 0; i < column.length; i++) classes[i][j] = column[i];
        }
        return classes;
    }
}
