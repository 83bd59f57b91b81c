package org.vaescope.ui.internal.analysis;

import java.util.Locale;

/** Number formats shared by the views. */
public final class Formats {

    private Formats() {
    }

    /** Four decimals, or "–" for NaN. */
    public static String number(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.4f", value);
    }

    /** {@code 0.5123 [0.4810, 0.5400]}, or the value alone without an interval. */
    public static String metric(Analysis.Metric metric) {
        String value = number(metric.value());
        return metric.hasInterval() ? value + " [" + number(metric.lower()) + ", " + number(metric.upper()) + "]" : value;
    }
}
