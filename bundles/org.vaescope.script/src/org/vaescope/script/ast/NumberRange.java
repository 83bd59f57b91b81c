package org.vaescope.script.ast;

import org.vaescope.script.source.Span;

/** A closed range of real numbers, {@code from..to} (e.g. {@code -2..2}); a single number has from == to. */
public record NumberRange(NumberLiteral from, NumberLiteral to, Span span) implements Node {
}
