package org.vaescope.ui.script.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.reconciler.DirtyRegion;
import org.eclipse.jface.text.reconciler.IReconcilingStrategy;
import org.eclipse.jface.text.reconciler.IReconcilingStrategyExtension;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.jface.text.source.IAnnotationModelExtension;
import org.vaescope.script.ScriptEnvironment;
import org.vaescope.script.ast.ParseResult;
import org.vaescope.script.diagnostics.ScriptChecker;
import org.vaescope.script.parser.ScriptParser;
import org.vaescope.script.source.Diagnostic;

/**
 * Checks the whole script on the reconciler's thread (never the UI thread) and shows the diagnostics
 * as annotations; hands the parse to the outline. The model-aware environment comes from the
 * {@link ScriptEnvironmentCache} without waiting.
 */
final class ScriptReconcilingStrategy implements IReconcilingStrategy, IReconcilingStrategyExtension {

    private final Supplier<Path> scriptFile;
    private final Supplier<IAnnotationModel> annotationModel;
    private final java.util.function.Consumer<ParseResult> parsed;
    private IDocument document;
    private Annotation[] shown = new Annotation[0];

    ScriptReconcilingStrategy(Supplier<Path> scriptFile, Supplier<IAnnotationModel> annotationModel,
            java.util.function.Consumer<ParseResult> parsed) {
        this.scriptFile = scriptFile;
        this.annotationModel = annotationModel;
        this.parsed = parsed;
    }

    @Override
    public void setDocument(IDocument document) {
        this.document = document;
    }

    @Override
    public void setProgressMonitor(IProgressMonitor monitor) {
        // a check takes milliseconds; nothing to cancel
    }

    @Override
    public void initialReconcile() {
        reconcileAll();
    }

    @Override
    public void reconcile(DirtyRegion dirtyRegion, IRegion subRegion) {
        reconcileAll();
    }

    @Override
    public void reconcile(IRegion partition) {
        reconcileAll();
    }

    private void reconcileAll() {
        IDocument doc = document;
        IAnnotationModel model = annotationModel.get();
        if (doc == null) {
            return;
        }
        String text = doc.get();
        Path file = scriptFile.get();
        ScriptEnvironment env = file == null ? ScriptEnvironment.languageOnly()
                : ScriptEnvironmentCache.get().environment(file, text);
        ParseResult result = ScriptParser.parse(text);
        List<Diagnostic> diagnostics = ScriptChecker.check(result, env);
        parsed.accept(result);
        if (model != null) {
            show(model, diagnostics);
        }
    }

    private synchronized void show(IAnnotationModel model, List<Diagnostic> diagnostics) {
        Map<Annotation, Position> added = new HashMap<>();
        for (Diagnostic diagnostic : diagnostics) {
            added.put(new DiagnosticAnnotation(diagnostic), new Position(diagnostic.offset(), diagnostic.length()));
        }
        if (model instanceof IAnnotationModelExtension extension) {
            extension.replaceAnnotations(shown, added);
        } else {
            for (Annotation old : shown) {
                model.removeAnnotation(old);
            }
            added.forEach(model::addAnnotation);
        }
        shown = added.keySet().toArray(new Annotation[0]);
    }
}
