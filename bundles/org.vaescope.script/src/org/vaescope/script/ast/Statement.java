package org.vaescope.script.ast;

import org.vaescope.script.source.Span;
import java.util.List;

/**
 * One statement of an intervention script. Each kind of statement is a record with typed fields, so
 * an interpreter walks a script with a {@link StatementVisitor}; {@link #descriptor()} is its descriptor.
 * <p>
 * Optional clauses that were not written are {@code null} (documented per field); the interpreter
 * applies the defaults given in docs/script-language.md.
 */
public sealed interface Statement extends Node {

    /** Calls the visitor method for this kind of statement. */
    <R> R accept(StatementVisitor<R> visitor);

    /** The descriptor of this kind of statement. */
    StatementKind descriptor();

    /** {@code vaescope 1}: the format version, first statement of a script. */
    record Version(NumberLiteral version, Span span) implements Statement {
        public <R> R accept(StatementVisitor<R> v) {
            return v.visitVersion(this);
        }

        public StatementKind descriptor() {
            return StatementKind.VERSION;
        }
    }

    /**
     * {@code model "path.vsm" [as name]} or {@code model "encoder.onnx" [decoder "decoder.onnx"] [as name]}:
     * the model to analyse; decoder and alias are null when not written.
     */
    record Model(StringLiteral path, StringLiteral decoder, Identifier alias, Span span) implements Statement {
        public <R> R accept(StatementVisitor<R> v) {
            return v.visitModel(this);
        }

        public StatementKind descriptor() {
            return StatementKind.MODEL;
        }
    }

    /** {@code compare { model ... }}: run every analysis of the script on each model and compare. */
    record Compare(List<Model> models, Span span) implements Statement {
        public Compare {
            models = List.copyOf(models);
        }

        public <R> R accept(StatementVisitor<R> v) {
            return v.visitCompare(this);
        }

        public StatementKind descriptor() {
            return StatementKind.COMPARE;
        }
    }

    /** {@code dataset dsprites(size=32)}: a built-in generator with parameters (possibly none). */
    record GeneratedDataset(Identifier generator, List<GeneratorParameter> parameters, Span span) implements Statement {
        public GeneratedDataset {
            parameters = List.copyOf(parameters);
        }

        public <R> R accept(StatementVisitor<R> v) {
            return v.visitGeneratedDataset(this);
        }

        public StatementKind descriptor() {
            return StatementKind.GENERATED_DATASET;
        }
    }

    /** {@code dataset file "data.npz" format npz}: a dataset file in the script folder. */
    record FileDataset(StringLiteral path, Identifier format, Span span) implements Statement {
        public <R> R accept(StatementVisitor<R> v) {
            return v.visitFileDataset(this);
        }

        public StatementKind descriptor() {
            return StatementKind.FILE_DATASET;
        }
    }

    /** {@code samples 500}: the default number of inputs per analysis. */
    record Samples(NumberLiteral count, Span span) implements Statement {
        public <R> R accept(StatementVisitor<R> v) {
            return v.visitSamples(this);
        }

        public StatementKind descriptor() {
            return StatementKind.SAMPLES;
        }
    }

    /** {@code seed 7}: the seed of every random choice of the run. */
    record Seed(NumberLiteral seed, Span span) implements Statement {
        public <R> R accept(StatementVisitor<R> v) {
            return v.visitSeed(this);
        }

        public StatementKind descriptor() {
            return StatementKind.SEED;
        }
    }

    /**
     * {@code vary factor shape [from square to heart] [samples N]}: input manipulation, pairs of inputs
     * equal in every factor but one. factor is null for {@code vary factor all}; from/to are null when
     * every pair of values is used; samples is null when not written.
     */
    record VaryFactor(Identifier factor, Literal from, Literal to, NumberLiteral samples, Span span)
            implements Statement {
        public boolean allFactors() {
            return factor == null;
        }

        public <R> R accept(StatementVisitor<R> v) {
            return v.visitVaryFactor(this);
        }

        public StatementKind descriptor() {
            return StatementKind.VARY_FACTOR;
        }
    }

    /**
     * {@code perturb latent 3 by -2..2 [step 1] [samples N]}: z_i ← z_i + δ. A single {@code by d} has
     * deltas.from == deltas.to; step is null when not written (1 for a range).
     */
    record PerturbLatent(IndexSelection latents, NumberRange deltas, NumberLiteral step, NumberLiteral samples,
            Span span) implements Statement {
        /**
         * The δ grid: from, from+step, …, to, leaving out 0 (a zero change has no effect to divide by).
         */
        public double[] deltaGrid() {
            double from = deltas.from().value();
            double to = deltas.to().value();
            double increment = step == null ? 1.0 : step.value();
            if (from == to || increment <= 0) {
                return from == 0 ? new double[0] : new double[] {from};
            }
            int count = (int) Math.floor((to - from) / increment + 1e-9) + 1;
            return java.util.stream.IntStream.range(0, Math.min(count, 100_000))
                    .mapToDouble(i -> from + i * increment).filter(d -> Math.abs(d) > 1e-12).toArray();
        }

        public <R> R accept(StatementVisitor<R> v) {
            return v.visitPerturbLatent(this);
        }

        public StatementKind descriptor() {
            return StatementKind.PERTURB_LATENT;
        }
    }

    /** {@code set latent 3 = 1.5 [samples N]}: z_i ← v. */
    record SetLatent(IndexSelection latents, NumberLiteral value, NumberLiteral samples, Span span)
            implements Statement {
        public <R> R accept(StatementVisitor<R> v) {
            return v.visitSetLatent(this);
        }

        public StatementKind descriptor() {
            return StatementKind.SET_LATENT;
        }
    }

    /** {@code traverse latent all range -3..3 steps 7 [samples N]}: decode z_i over an even grid. */
    record TraverseLatent(IndexSelection latents, NumberRange values, NumberLiteral steps, NumberLiteral samples,
            Span span) implements Statement {
        public <R> R accept(StatementVisitor<R> v) {
            return v.visitTraverseLatent(this);
        }

        public StatementKind descriptor() {
            return StatementKind.TRAVERSE_LATENT;
        }
    }

    /**
     * {@code patch HOOK units SEL from (COND) into (COND) [measure OUTCOME] [samples N]}: run the target
     * input with the selected activations taken from the source input. measure is null when not
     * written (reconstruction).
     */
    record Patch(Identifier hook, IndexSelection units, Condition source, Condition target, Outcome measure,
            NumberLiteral samples, Span span) implements Statement {
        public <R> R accept(StatementVisitor<R> v) {
            return v.visitPatch(this);
        }

        public StatementKind descriptor() {
            return StatementKind.PATCH;
        }
    }

    /** {@code ablate HOOK units SEL [mode zero|mean|resample] [measure OUTCOME] [samples N]}; mode defaults to zero. */
    record Ablate(Identifier hook, IndexSelection units, AblationMode mode, Outcome measure, NumberLiteral samples,
            Span span) implements Statement {
        public <R> R accept(StatementVisitor<R> v) {
            return v.visitAblate(this);
        }

        public StatementKind descriptor() {
            return StatementKind.ABLATE;
        }
    }

    /**
     * {@code attribute HOOK units SEL from (COND) into (COND) [measure OUTCOME] [top K] [samples N]}:
     * attribution patching; top is null when not written (no exact check).
     */
    record Attribute(Identifier hook, IndexSelection units, Condition source, Condition target, Outcome measure,
            NumberLiteral top, NumberLiteral samples, Span span) implements Statement {
        public <R> R accept(StatementVisitor<R> v) {
            return v.visitAttribute(this);
        }

        public StatementKind descriptor() {
            return StatementKind.ATTRIBUTE;
        }
    }

    /**
     * {@code mediate factor F from A to B through HOOK units SEL [measure OUTCOME] [samples N]}: causal
     * mediation (TE, NIE, NDE) of the factor change A → B through the mediator units.
     */
    record Mediate(Identifier factor, Literal from, Literal to, Identifier mediator, IndexSelection units,
            Outcome measure, NumberLiteral samples, Span span) implements Statement {
        public <R> R accept(StatementVisitor<R> v) {
            return v.visitMediate(this);
        }

        public StatementKind descriptor() {
            return StatementKind.MEDIATE;
        }
    }

    /** {@code classify units}: dead / monosemantic / polysemantic unit classes. */
    record ClassifyUnits(Span span) implements Statement {
        public <R> R accept(StatementVisitor<R> v) {
            return v.visitClassifyUnits(this);
        }

        public StatementKind descriptor() {
            return StatementKind.CLASSIFY_UNITS;
        }
    }

    /** {@code discover circuits}: the circuit of every factor across hook points. */
    record DiscoverCircuits(Span span) implements Statement {
        public <R> R accept(StatementVisitor<R> v) {
            return v.visitDiscoverCircuits(this);
        }

        public StatementKind descriptor() {
            return StatementKind.DISCOVER_CIRCUITS;
        }
    }

    /** {@code factor graph}: the factor causal graph implied by the model. */
    record InferFactorGraph(Span span) implements Statement {
        public <R> R accept(StatementVisitor<R> v) {
            return v.visitInferFactorGraph(this);
        }

        public StatementKind descriptor() {
            return StatementKind.INFER_FACTOR_GRAPH;
        }
    }

    /** {@code metric NAME}: one metric of the language. */
    record Metric(Identifier name, Span span) implements Statement {
        public <R> R accept(StatementVisitor<R> v) {
            return v.visitMetric(this);
        }

        public StatementKind descriptor() {
            return StatementKind.METRIC;
        }
    }

    /** {@code report html "f"}, {@code graph dot "f"}, {@code images "f"}, …: a file in the output folder. */
    record Output(OutputKind kind, StringLiteral path, Span span) implements Statement {
        public <R> R accept(StatementVisitor<R> v) {
            return v.visitOutput(this);
        }

        public StatementKind descriptor() {
            return StatementKind.OUTPUT;
        }
    }

    /** A statement that could not be parsed; its errors are in the parse diagnostics. */
    record Invalid(Span span) implements Statement {
        public <R> R accept(StatementVisitor<R> v) {
            return v.visitInvalid(this);
        }

        public StatementKind descriptor() {
            return StatementKind.INVALID;
        }
    }
}
