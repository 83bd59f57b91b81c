package org.vaescope.script.internal;

import org.vaescope.script.source.LineMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.vaescope.script.source.Diagnostic;
import org.vaescope.script.source.Diagnostic.Severity;
import org.vaescope.script.source.Span;

/** Collects diagnostics, clamping every range to the text and adding line and column. */
public final class DiagnosticSink {

    private final LineMap lines;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    public DiagnosticSink(LineMap lines) {
        this.lines = lines;
    }

    public void report(Severity severity, int offset, int length, String message) {
        int start = Math.max(0, Math.min(offset, lines.textLength()));
        int end = Math.max(start, Math.min(start + Math.max(0, length), lines.textLength()));
        diagnostics.add(new Diagnostic(severity, message, lines.line(start), lines.column(start), start, end - start));
    }

    public void error(Span span, String message) {
        report(Severity.ERROR, span.offset(), span.length(), message);
    }

    public void warning(Span span, String message) {
        report(Severity.WARNING, span.offset(), span.length(), message);
    }

    public void info(Span span, String message) {
        report(Severity.INFO, span.offset(), span.length(), message);
    }

    /** The diagnostics sorted by offset (stable for equal offsets). */
    public List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(diagnostics);
        copy.sort(Comparator.comparingInt(Diagnostic::offset));
        return copy;
    }
}
