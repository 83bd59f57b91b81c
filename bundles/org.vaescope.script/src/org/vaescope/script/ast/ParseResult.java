package org.vaescope.script.ast;

import org.vaescope.script.source.Diagnostic;
import java.util.List;

/** The result of parsing a script: the tree (always present) and the syntax errors, in text order. */
public record ParseResult(String text, Script script, List<Diagnostic> diagnostics) {

    public ParseResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
