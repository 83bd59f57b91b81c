package org.vaescope.script.ast;

import org.vaescope.script.source.Span;

/** A name written in a script: a keyword argument, a factor, a value label or a dotted hook point name. */
public record Identifier(String text, Span span) implements Literal {
}
