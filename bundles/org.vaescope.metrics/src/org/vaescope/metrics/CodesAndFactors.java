package org.vaescope.metrics;

import java.util.ArrayList;
import java.util.List;

import org.vaescope.metrics.internal.learn.Stats;

/**
 * Paired samples of codes (N × d, finite) and ground-truth factor classes (N × K integer class
 * labels; any integers, not necessarily contiguous), as the array-based metrics take them.
 *
 * @param codes N × d representation values
 * @param factors N × K factor classes
 */
public record CodesAndFactors(double[][] codes, int[][] factors) {

    /** Validates shapes and values; messages name the offending row and column. */
    public CodesAndFactors {
        if (codes == null || factors == null) {
            throw new IllegalArgumentException("codes and factors must not be null");
        }
        if (codes.length != factors.length) {
            throw new IllegalArgumentException("codes have " + codes.length + " rows but factors have " + factors.length);
        }
        if (codes.length == 0) {
            throw new IllegalArgumentException("no samples: codes and factors are empty");
        }
        int d = codes[0].length;
        int k = factors[0].length;
        if (d == 0) throw new IllegalArgumentException("codes have no columns");
        if (k == 0) throw new IllegalArgumentException("factors have no columns");
        for (int i = 0; i < codes.length; i++) {
            if (codes[i].length != d) {
                throw new IllegalArgumentException("codes row " + i + " has " + codes[i].length + " values, expected " + d);
            }
            if (factors[i].length != k) {
                throw new IllegalArgumentException("factors row " + i + " has " + factors[i].length + " values, expected " + k);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(codes[i][j])) {
                    throw new IllegalArgumentException("codes[" + i + "][" + j + "] is " + codes[i][j] + "; codes must be finite");
                }
            }
        }
    }

    /** Number of samples N. */
    public int size() {
        return codes.length;
    }

    /** Code dimension d. */
    public int numCodes() {
        return codes[0].length;
    }

    /** Number of factors K. */
    public int numFactors() {
        return factors[0].length;
    }

    /** Code column {@code j}. */
    public double[] codeColumn(int j) {
        return Stats.column(codes, j);
    }

    /** Factor column {@code k}. */
    public int[] factorColumn(int k) {
        return Stats.column(factors, k);
    }

    /** The samples at the given row indices, in that order. */
    public CodesAndFactors rows(int[] indices) {
        double[][] c = new double[indices.length][];
        int[][] f = new int[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            c[i] = codes[indices[i]];
            f[i] = factors[indices[i]];
        }
        return new CodesAndFactors(c, f);
    }

    /** Indices of factor columns that take a single value over all samples. */
    public int[] constantFactors() {
        List<Integer> constant = new ArrayList<>();
        for (int k = 0; k < numFactors(); k++) {
            boolean same = true;
            for (int[] row : factors) {
                if (row[k] != factors[0][k]) {
                    same = false;
                    break;
                }
            }
            if (same) constant.add(k);
        }
        return constant.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A copy without the given factor columns. */
    public CodesAndFactors withoutFactors(int[] dropped) {
        boolean[] drop = new boolean[numFactors()];
        for (int k : dropped) drop[k] = true;
        int kept = 0;
        for (boolean b : drop) if (!b) kept++;
        int[][] f = new int[size()][kept];
        for (int i = 0; i < size(); i++) {
            for (int k = 0, t = 0; k < numFactors(); k++) {
                if (!drop[k]) f[i][t++] = factors[i][k];
            }
        }
        return new CodesAndFactors(codes, f);
    }

    /** Throws if a factor is constant: such factors carry no information and break the metrics. */
    void requireVaryingFactors(String metric) {
        int[] constant = constantFactors();
        if (constant.length > 0) {
            throw new IllegalArgumentException(metric + ": factor " + constant[0]
                    + " takes a single value in all " + size() + " samples; drop constant factors first"
                    + " (DisentanglementSuite does this automatically)");
        }
    }
}
