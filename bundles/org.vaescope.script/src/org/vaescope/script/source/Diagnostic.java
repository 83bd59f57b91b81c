package org.vaescope.script.source;

/**
 * A problem found in a script, at a 1-based line and column and a 0-based offset with a length
 * (the characters an editor underlines; 0 at the end of the text).
 */
public record Diagnostic(Severity severity, String message, int line, int column, int offset, int length) {

    /** How serious a diagnostic is; only errors stop a script from running. */
    public enum Severity {
        ERROR, WARNING, INFO;

        /** The lower-case word used in formatted diagnostics. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The span underlined by this diagnostic. */
    public Span span() {
        return new Span(offset, length);
    }

    /** Formats this diagnostic as {@code file:line:col: severity: message}. */
    public String format(String fileName) {
        return fileName + ":" + line + ":" + column + ": " + severity.word() + ": " + message;
    }
}
