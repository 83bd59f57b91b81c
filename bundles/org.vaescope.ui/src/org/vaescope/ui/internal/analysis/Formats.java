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
        return estimate(metric.value(), metric.lower(), metric.upper());
    }

    /** {@code value [lower, upper]}, or the value alone when either end is missing. */
    public static String estimate(double value, double lower, double upper) {
        String text = number(value);
        return Double.isNaN(lower) || Double.isNaN(upper) ? text
                : text + " [" + number(lower) + ", " + number(upper) + "]";
    }
}
