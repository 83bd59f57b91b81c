package org.vaescope.script.ast;

import org.vaescope.script.source.Span;

/** An inclusive range of unit or latent indices, {@code first..last}; a single index has first == last. */
public record IndexRange(int first, int last, Span span) implements Node {
}
