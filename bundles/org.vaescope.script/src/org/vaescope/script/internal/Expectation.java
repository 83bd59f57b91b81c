package org.vaescope.script.internal;

import org.vaescope.script.ast.OutputKind;

/** What the parser could accept at the completion point; the completion engine turns these into proposals. */
public sealed interface Expectation {

    /** A keyword (statement keyword, clause keyword or fixed word such as {@code all}). */
    record Keyword(String word, String description) implements Expectation {
    }

    /** A hook point name. */
    record HookPoint() implements Expectation {
    }

    /** A unit selection of the named hook point. */
    record Units(String hook) implements Expectation {
    }

    /** A latent index; {@code selection} when {@code all} and ranges are allowed. */
    record Latents(boolean selection) implements Expectation {
    }

    /** A factor name; {@code allowAll} when {@code all} is allowed. */
    record Factor(boolean allowAll) implements Expectation {
    }

    /** A value (label or class index) of the named factor (null when the factor is not known yet). */
    record FactorValue(String factor) implements Expectation {
    }

    /** A metric identifier. */
    record Metric() implements Expectation {
    }

    /** A dataset generator name. */
    record Generator() implements Expectation {
    }

    /** A parameter name of the named generator. */
    record GeneratorParameter(String generator) implements Expectation {
    }

    /** A dataset file format. */
    record DatasetFormat() implements Expectation {
    }

    /** An input file in the script folder: a model file when {@code model}, else a data file. */
    record InputFile(boolean model) implements Expectation {
    }

    /** A file name in the output folder for the given kind of output. */
    record OutputFile(OutputKind kind) implements Expectation {
    }
}
