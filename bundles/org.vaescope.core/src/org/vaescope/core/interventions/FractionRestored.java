package org.vaescope.core.interventions;

/**
 * fraction restored = (m(patched) − m(x_t)) / (m(x_s) − m(x_t)) (spec section 4, <b>our
 * definition</b>); undefined, reported as NaN, when |m(x_s) − m(x_t)| &lt; {@link #THRESHOLD}.
 */
final class FractionRestored {

    /** Denominators smaller than this in absolute value leave the fraction undefined. */
    public static final double THRESHOLD = 1e-6;

    private FractionRestored() {
    }

    /** The fraction for a patched change and a source change, or NaN when undefined. */
    public static double of(double patchedMinusTarget, double sourceMinusTarget) {
        return isUndefined(sourceMinusTarget) ? Double.NaN : patchedMinusTarget / sourceMinusTarget;
    }

    /** True when the source change is too small to divide by. */
    public static boolean isUndefined(double sourceMinusTarget) {
        return !(Math.abs(sourceMinusTarget) >= THRESHOLD);
    }
}
