package org.vaescope.ui.script.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.vaescope.core.interpreter.ScriptPreflight;
import org.vaescope.core.interpreter.ScriptRunner;
import org.vaescope.script.SandboxPaths;
import org.vaescope.script.ast.ParseResult;
import org.vaescope.script.ast.Script;
import org.vaescope.script.ast.Statement;
import org.vaescope.script.source.Diagnostic;
import org.vaescope.script.source.LineMap;
import org.vaescope.script.source.Span;

/**
 * What the engine's preflight finds at a script's model and dataset statements (a model that does not load,
 * a dataset that does not open or whose images have another size than the model's), found off the UI thread
 * with the script's environment. Each problem is kept relative to its statement, so it stays in place while
 * the user edits other lines.
 */
record LoadProblems(List<Anchored> problems) {

    static final LoadProblems NONE = new LoadProblems(List.of());

    /** A problem at {@code delta} characters into the statement: the {@code model}-th model, or the dataset when -1. */
    private record Anchored(int model, int delta, int length, Diagnostic.Severity severity, String message) {
    }

    /** Runs the preflight on a script that parses without errors (loads its models and opens its dataset). */
    static LoadProblems find(Path scriptFile, String text, ParseResult parsed) {
        if (parsed.hasErrors()) {
            return NONE;
        }
        Path folder = scriptFile.toAbsolutePath().getParent();
        Script script = parsed.script();
        List<Diagnostic> found;
        try {
            found = ScriptPreflight.check(script, text,
                    new SandboxPaths(folder, ScriptRunner.defaultOutputFolder(scriptFile)));
        } catch (RuntimeException e) {
            return NONE;
        }
        List<Anchored> anchored = new ArrayList<>();
        for (Diagnostic problem : found) {
            anchor(script, problem).ifPresent(anchored::add);
        }
        return new LoadProblems(List.copyOf(anchored));
    }

    private static Optional<Anchored> anchor(Script script, Diagnostic problem) {
        List<Statement.Model> models = script.models();
        for (int i = 0; i < models.size(); i++) {
            Span span = models.get(i).span();
            if (span.offset() <= problem.offset() && problem.offset() < span.end()) {
                return Optional.of(new Anchored(i, problem.offset() - span.offset(), problem.length(),
                        problem.severity(), problem.message()));
            }
        }
        return script.dataset().map(dataset -> new Anchored(-1, problem.offset() - dataset.span().offset(),
                problem.length(), problem.severity(), problem.message()));
    }

    /** These problems at the places of their statements in a later parse of the same model and dataset statements. */
    List<Diagnostic> in(ParseResult current) {
        if (problems.isEmpty()) {
            return List.of();
        }
        LineMap lines = new LineMap(current.text());
        List<Diagnostic> placed = new ArrayList<>();
        for (Anchored problem : problems) {
            Optional<Span> statement = problem.model() < 0 ? current.script().dataset().map(Statement::span)
                    : Optional.of(current.script().models()).filter(m -> problem.model() < m.size())
                            .map(m -> m.get(problem.model()).span());
            statement.ifPresent(span -> {
                int offset = span.offset() + problem.delta();
                placed.add(new Diagnostic(problem.severity(), problem.message(), lines.line(offset),
                        lines.column(offset), offset, problem.length()));
            });
        }
        return placed;
    }
}
