package org.vaescope.script.ast;

import org.vaescope.script.source.Span;

/** A number written in a script, with its source text (e.g. {@code -2}, {@code 1.5}, {@code 1e-3}). */
public record NumberLiteral(double value, String text, Span span) implements Literal {

    /** True when the number was written without a fraction or exponent and fits in a long. */
    public boolean isInteger() {
        return text.chars().allMatch(c -> Character.isDigit(c) || c == '-' || c == '+')
                && value == Math.rint(value) && Math.abs(value) < 9.0e18;
    }

    /** The value as a long (only meaningful when {@link #isInteger()}). */
    public long longValue() {
        return (long) value;
    }

    /** The value as an int, saturated to the int range. */
    public int intValue() {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }
}
