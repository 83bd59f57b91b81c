package org.vaescope.ui.script.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.filebuffers.FileBuffers;
import org.eclipse.core.filebuffers.ITextFileBuffer;
import org.eclipse.core.filebuffers.ITextFileBufferManager;
import org.eclipse.core.filebuffers.LocationKind;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.contentassist.CompletionProposal;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.quickassist.IQuickAssistInvocationContext;
import org.eclipse.jface.text.quickassist.IQuickAssistProcessor;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.ui.IMarkerResolution;
import org.eclipse.ui.IMarkerResolutionGenerator2;
import org.vaescope.script.diagnostics.DidYouMean;
import org.vaescope.script.source.Diagnostic;

/**
 * Quick fixes for the checker's "did you mean" suggestions: in the editor (Ctrl+1 on an annotation)
 * and on problem markers (Problems view, Quick Fix).
 */
final class DidYouMeanFix implements IQuickAssistProcessor {

    private final java.util.function.Supplier<IAnnotationModel> annotations;

    DidYouMeanFix(java.util.function.Supplier<IAnnotationModel> annotations) {
        this.annotations = annotations;
    }

    @Override
    public String getErrorMessage() {
        return null;
    }

    @Override
    public boolean canFix(Annotation annotation) {
        return annotation instanceof DiagnosticAnnotation d && DidYouMean.of(d.diagnostic()).isPresent();
    }

    @Override
    public boolean canAssist(IQuickAssistInvocationContext context) {
        return false;
    }

    @Override
    public ICompletionProposal[] computeQuickAssistProposals(IQuickAssistInvocationContext context) {
        IAnnotationModel model = annotations.get();
        List<ICompletionProposal> proposals = new ArrayList<>();
        if (model == null) {
            return new ICompletionProposal[0];
        }
        int offset = context.getOffset();
        for (Iterator<Annotation> it = model.getAnnotationIterator(); it.hasNext();) {
            Annotation annotation = it.next();
            Position position = model.getPosition(annotation);
            if (annotation instanceof DiagnosticAnnotation d && position != null) {
                Diagnostic diagnostic = d.diagnosticAt(position.getOffset());
                if (diagnostic.offset() <= offset && offset <= diagnostic.offset() + diagnostic.length()) {
                    DidYouMean.of(diagnostic).map(DidYouMeanFix::proposal).ifPresent(proposals::add);
                }
            }
        }
        return proposals.toArray(new ICompletionProposal[0]);
    }

    static ICompletionProposal proposal(DidYouMean fix) {
        return new CompletionProposal(fix.replacement(), fix.offset(), fix.length(), fix.replacement().length(), null,
                "Change to '" + fix.replacement() + "'", null, null);
    }

    /** The marker side: a marker keeps its diagnostic's span and message. */
    public static final class Generator implements IMarkerResolutionGenerator2 {
        @Override
        public boolean hasResolutions(IMarker marker) {
            return fix(marker).isPresent();
        }

        @Override
        public IMarkerResolution[] getResolutions(IMarker marker) {
            return fix(marker).map(f -> new IMarkerResolution[] {new MarkerFix(f)}).orElse(new IMarkerResolution[0]);
        }

        private static Optional<DidYouMean> fix(IMarker marker) {
            int start = marker.getAttribute(IMarker.CHAR_START, -1);
            int end = marker.getAttribute(IMarker.CHAR_END, -1);
            String message = marker.getAttribute(IMarker.MESSAGE, "");
            if (start < 0 || end < start) {
                return Optional.empty();
            }
            return DidYouMean.of(new Diagnostic(Diagnostic.Severity.ERROR, message, 0, 0, start, end - start));
        }
    }

    private record MarkerFix(DidYouMean fix) implements IMarkerResolution {
        @Override
        public String getLabel() {
            return "Change to '" + fix.replacement() + "'";
        }

        /** Edits through the file buffer, so an open editor shows the change; saves only when no editor had the file dirty. */
        @Override
        public void run(IMarker marker) {
            if (!(marker.getResource() instanceof IFile file)) {
                return;
            }
            ITextFileBufferManager manager = FileBuffers.getTextFileBufferManager();
            try {
                manager.connect(file.getFullPath(), LocationKind.IFILE, null);
                try {
                    ITextFileBuffer buffer = manager.getTextFileBuffer(file.getFullPath(), LocationKind.IFILE);
                    boolean wasDirty = buffer.isDirty();
                    IDocument document = buffer.getDocument();
                    document.replace(fix.offset(), fix.length(), fix.replacement());
                    if (!wasDirty) {
                        buffer.commit(null, true);
                    }
                } finally {
                    manager.disconnect(file.getFullPath(), LocationKind.IFILE, null);
                }
            } catch (CoreException | BadLocationException e) {
                ScriptConsole.get().error("quick fix failed on " + file.getFullPath() + ": " + e.getMessage());
            }
        }
    }
}
