package org.vaescope.core.analysis;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Input validation shared by the effect records; every failure names the input and the place. */
final class Checks {

    private Checks() {
    }

    static AnalysisInputException fail(String message) {
        return new AnalysisInputException(message);
    }

    static List<String> names(String what, List<String> names) {
        if (names == null || names.isEmpty()) {
            throw fail(what + " must not be empty");
        }
        return distinctNames(what, names);
    }

    /** Non-blank names, none twice; the list may be empty. */
    static List<String> distinctNames(String what, List<String> names) {
        if (names == null) {
            throw fail(what + " is missing");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null || name.isBlank()) {
                throw fail(what + " [" + i + "] is null or blank");
            }
            if (!seen.add(name)) {
                throw fail(what + " [" + i + "] '" + name + "' occurs twice");
            }
        }
        return List.copyOf(names);
    }

    static void positive(String what, int value) {
        if (value < 1) {
            throw fail(what + " must be at least 1, was " + value);
        }
    }

    static double nonNegative(String what, double value) {
        if (!Double.isFinite(value) || value < 0) {
            throw fail(what + " is " + value + "; it must be finite and non-negative");
        }
        return value;
    }

    static double[] vector(String what, double[] values, int length) {
        if (values == null) {
            throw fail(what + " is missing");
        }
        if (values.length != length) {
            throw fail(what + " has length " + values.length + ", expected " + length);
        }
        for (int i = 0; i < length; i++) {
            nonNegative(what + " [" + i + "]", values[i]);
        }
        return values.clone();
    }

    /** KL values: non-negative, +∞ allowed (a latent without a Gaussian posterior). */
    static double[] klVector(String what, double[] values, int length) {
        vector(what, infinityAsZero(values), length);
        return values.clone();
    }

    static double[][] klMatrix(String what, double[][] values, int rows, int columns) {
        if (values == null) {
            throw fail(what + " is missing");
        }
        matrix(what, Arrays.stream(values).map(Checks::infinityAsZero).toArray(double[][]::new), rows, columns);
        return deepCopy(values);
    }

    private static double[] infinityAsZero(double[] values) {
        return values == null ? null
                : Arrays.stream(values).map(v -> v == Double.POSITIVE_INFINITY ? 0 : v).toArray();
    }

    static double[][] matrix(String what, double[][] values, int rows, int columns) {
        double[][] copy = finiteMatrix(what, values, rows, columns);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                nonNegative(what + " [" + r + "][" + c + "]", copy[r][c]);
            }
        }
        return copy;
    }

    /** A copy of a rows × columns matrix of finite values of either sign. */
    static double[][] finiteMatrix(String what, double[][] values, int rows, int columns) {
        if (values == null) {
            throw fail(what + " is missing");
        }
        if (values.length != rows) {
            throw fail(what + " has " + values.length + " rows, expected " + rows);
        }
        double[][] copy = new double[rows][];
        for (int r = 0; r < rows; r++) {
            if (values[r] == null || values[r].length != columns) {
                throw fail(what + " row " + r + " has " + (values[r] == null ? "no" : values[r].length)
                        + " columns, expected " + columns);
            }
            for (int c = 0; c < columns; c++) {
                if (!Double.isFinite(values[r][c])) {
                    throw fail(what + " [" + r + "][" + c + "] must be finite, got " + values[r][c]);
                }
            }
            copy[r] = values[r].clone();
        }
        return copy;
    }

    static double[][][] cube(String what, double[][][] values, int first, int rows, int columns) {
        return cube(what, values, first, rows, columns, false);
    }

    static double[][][] cube(String what, double[][][] values, int first, int rows, int columns, boolean signed) {
        if (values == null) {
            throw fail(what + " is missing");
        }
        if (values.length != first) {
            throw fail(what + " has outer length " + values.length + ", expected " + first);
        }
        double[][][] copy = new double[first][][];
        for (int i = 0; i < first; i++) {
            copy[i] = signed ? finiteMatrix(what + " [" + i + "]", values[i], rows, columns)
                    : matrix(what + " [" + i + "]", values[i], rows, columns);
        }
        return copy;
    }

    /** Checks that a given aggregate equals the mean of its per-sample terms (float-level tolerance). */
    static void agrees(String what, double given, double mean) {
        if (Math.abs(given - mean) > 1e-6 * Math.max(1.0, Math.abs(mean))) {
            throw fail(what + " is " + given + " but the mean of its per-sample terms is " + mean);
        }
    }

    static double[][] deepCopy(double[][] m) {
        double[][] copy = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            copy[i] = m[i].clone();
        }
        return copy;
    }

    static double[][][] deepCopy(double[][][] m) {
        double[][][] copy = new double[m.length][][];
        for (int i = 0; i < m.length; i++) {
            copy[i] = deepCopy(m[i]);
        }
        return copy;
    }

    static void sameFactors(String what, List<String> expected, List<String> actual) {
        if (!Objects.equals(expected, actual)) {
            throw fail(what + " has factors " + actual + " but the analysis uses " + expected
                    + " (same names in the same order are required)");
        }
    }
}
