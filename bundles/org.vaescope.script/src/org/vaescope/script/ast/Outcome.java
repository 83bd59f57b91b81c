package org.vaescope.script.ast;

import org.vaescope.script.source.Span;

/** What an intervention measures: a latent mean, a factor read-out, or the reconstruction. */
public sealed interface Outcome extends Node {

    /** {@code latent N}: the mean of latent dimension N. */
    record Latent(NumberLiteral index, Span span) implements Outcome {
    }

    /** {@code readout FACTOR}: the factor read-out r_k applied to the decoded image. */
    record Readout(Identifier factor, Span span) implements Outcome {
    }

    /** {@code reconstruction}: the decoded image σ(D(z)). */
    record Reconstruction(Span span) implements Outcome {
    }
}
