package org.vaescope.script.ast;

import org.vaescope.script.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The syntax tree of an intervention script: its format version and its statements in order.
 * Statements that failed to parse are kept as {@link Statement.Invalid}.
 */
public record Script(int formatVersion, List<Statement> statements, Span span) implements Node {

    public Script {
        statements = List.copyOf(statements);
    }

    /** The statements of one kind, in order. */
    public <T extends Statement> List<T> statementsOf(Class<T> kind) {
        List<T> found = new ArrayList<>();
        for (Statement s : statements) {
            if (kind.isInstance(s)) {
                found.add(kind.cast(s));
            }
        }
        return found;
    }

    /** The models the script runs on: the single {@code model}, or those of a {@code compare} block. */
    public List<Statement.Model> models() {
        List<Statement.Model> models = new ArrayList<>(statementsOf(Statement.Model.class));
        statementsOf(Statement.Compare.class).forEach(c -> models.addAll(c.models()));
        return models;
    }

    /** The first {@code dataset} statement (generated or file), if any. */
    public Optional<Statement> dataset() {
        return statements.stream()
                .filter(s -> s instanceof Statement.GeneratedDataset || s instanceof Statement.FileDataset)
                .findFirst();
    }

    /** The value of the first {@code samples} statement, if any. */
    public Optional<Integer> samples() {
        return statementsOf(Statement.Samples.class).stream().findFirst().map(s -> s.count().intValue());
    }

    /** The value of the first {@code seed} statement, if any. */
    public Optional<Long> seed() {
        return statementsOf(Statement.Seed.class).stream().findFirst().map(s -> s.seed().longValue());
    }
}
