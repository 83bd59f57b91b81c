package org.vaescope.metrics.internal.learn;

import java.util.Arrays;

/**
 * Dense re-encoding of integer class labels: {@code classes} holds the distinct labels in
 * ascending order and {@code encoded[i]} the position of label {@code i} in it (like sklearn's
 * {@code LabelEncoder}).
 *
 * @param classes distinct labels, ascending
 * @param encoded per-sample index into {@code classes}
 */
public record Labels(int[] classes, int[] encoded) {

    /** Encodes {@code labels}. */
    public static Labels of(int[] labels) {
        int[] classes = Arrays.stream(labels).distinct().sorted().toArray();
        int[] encoded = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            encoded[i] = Arrays.binarySearch(classes, labels[i]);
        }
        return new Labels(classes, encoded);
    }

    /** Number of distinct labels. */
    public int numClasses() {
        return classes.length;
    }

    /** Index of {@code label} in {@link #classes()}, or -1 if the label was not seen. */
    public int indexOf(int label) {
        int i = Arrays.binarySearch(classes, label);
        return i >= 0 ? i : -1;
    }
}
