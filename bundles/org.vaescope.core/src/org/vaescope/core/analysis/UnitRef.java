package org.vaescope.core.analysis;

/**
 * A unit at a hook point (a neuron, or a channel of a convolutional layer).
 *
 * @param hook hook point name
 * @param unit index at the hook point
 */
public record UnitRef(String hook, int unit) {

    /** Validates the reference. */
    public UnitRef {
        if (hook == null || unit < 0) {
            throw Checks.fail("unit reference needs a hook name and a non-negative index, got " + hook + "[" + unit
                    + "]");
        }
    }

    @Override
    public String toString() {
        return hook + "[" + unit + "]";
    }
}
