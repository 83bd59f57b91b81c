package org.vaescope.script.ast;

import org.vaescope.script.source.Span;

/** A {@code name=value} parameter of a dataset generator, e.g. {@code size=32}. */
public record Parameter(Identifier name, Literal value, Span span) implements Node {
}
