package org.vaescope.script.ast;

import org.vaescope.script.source.Span;

/**
 * One {@code factor=value} pair of a condition. The value is an {@link Identifier} (a value label such
 * as {@code heart}) or a {@link NumberLiteral}: an integer is a class index (0-based), a number with
 * a fraction or exponent is a factor value.
 */
public record FactorAssignment(Identifier factor, Literal value, Span span) implements Node {
}
