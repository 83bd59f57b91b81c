package org.vaescope.script.ast;

import org.vaescope.script.source.Span;

/** A quoted string written in a script; {@link #value()} is its content with escapes resolved. */
public record StringLiteral(String value, Span span) implements Literal {

    @Override
    public String text() {
        return value;
    }
}
