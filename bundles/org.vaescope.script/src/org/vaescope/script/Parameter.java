package org.vaescope.script;

/** A {@code name=value} parameter of a dataset generator, e.g. {@code size=32}. */
public record Parameter(Identifier name, Literal value, Span span) implements Node {
}
