package org.vaescope.script.ast;

import org.vaescope.script.source.Span;

/**
 * A {@code name=value} parameter of a dataset generator in a script, e.g. {@code size=32}: named so
 * as not to be confused with a model's trainable parameter (the engine's {@code hooks.Parameter}).
 */
public record GeneratorParameter(Identifier name, Literal value, Span span) implements Node {
}
