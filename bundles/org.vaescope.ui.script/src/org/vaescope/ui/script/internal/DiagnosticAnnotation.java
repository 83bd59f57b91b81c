package org.vaescope.ui.script.internal;

import org.eclipse.jface.text.source.Annotation;
import org.vaescope.script.source.Diagnostic;

/** A checker diagnostic shown in the editor, with the workbench's error/warning/info look. */
final class DiagnosticAnnotation extends Annotation {

    static final String ERROR = "org.eclipse.ui.workbench.texteditor.error";
    static final String WARNING = "org.eclipse.ui.workbench.texteditor.warning";
    static final String INFO = "org.eclipse.ui.workbench.texteditor.info";

    private final Diagnostic diagnostic;

    DiagnosticAnnotation(Diagnostic diagnostic) {
        super(type(diagnostic), false, diagnostic.message());
        this.diagnostic = diagnostic;
    }

    Diagnostic diagnostic() {
        return diagnostic;
    }

    /** The diagnostic moved to where the document has since moved its annotation (line and column unchanged). */
    Diagnostic diagnosticAt(int offset) {
        return new Diagnostic(diagnostic.severity(), diagnostic.message(), diagnostic.line(), diagnostic.column(), offset,
                diagnostic.length());
    }

    static String type(Diagnostic diagnostic) {
        return switch (diagnostic.severity()) {
            case ERROR -> ERROR;
            case WARNING -> WARNING;
            case INFO -> INFO;
        };
    }
}
