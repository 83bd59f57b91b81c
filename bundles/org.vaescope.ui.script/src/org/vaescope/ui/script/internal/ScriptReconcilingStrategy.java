package org.vaescope.ui.script.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
        List<Diagnostic> diagnostics = ScriptEnvironmentCache.get().check(file, result, env);
        parsed.accept(result);
        if (model != null) {
            show(model, diagnostics);
        }
    }

    /**
     * Replaces only the annotations whose diagnostic changed: a reconcile after a keystroke that changed
     * no diagnostic costs the UI thread no annotation event, no repaint of the rulers and no squiggles.
     * The document keeps the positions of the unchanged ones current as the user types.
     */
    private synchronized void show(IAnnotationModel model, List<Diagnostic> diagnostics) {
        Map<Shown, Diagnostic> wanted = new LinkedHashMap<>();
        for (Diagnostic diagnostic : diagnostics) {
            wanted.putIfAbsent(Shown.of(diagnostic), diagnostic);
        }
        List<Annotation> kept = new ArrayList<>();
        List<Annotation> removed = new ArrayList<>();
        for (Annotation old : shown) {
            Position position = model.getPosition(old);
            if (position != null && wanted.remove(Shown.of(old, position)) != null) {
                kept.add(old);
            } else {
                removed.add(old);
            }
        }
        Map<Annotation, Position> added = new HashMap<>();
        wanted.values().forEach(d -> added.put(new DiagnosticAnnotation(d), new Position(d.offset(), d.length())));
        if (removed.isEmpty() && added.isEmpty()) {
            return;
        }
        if (model instanceof IAnnotationModelExtension extension) {
            extension.replaceAnnotations(removed.toArray(new Annotation[0]), added);
        } else {
            removed.forEach(model::removeAnnotation);
            added.forEach(model::addAnnotation);
        }
        kept.addAll(added.keySet());
        shown = kept.toArray(new Annotation[0]);
    }

    /** What an annotation shows: its kind, message and place. */
    private record Shown(String type, String message, int offset, int length) {
        static Shown of(Diagnostic diagnostic) {
            return new Shown(DiagnosticAnnotation.type(diagnostic), diagnostic.message(), diagnostic.offset(),
                    diagnostic.length());
        }

        static Shown of(Annotation annotation, Position position) {
            return new Shown(annotation.getType(), annotation.getText(), position.getOffset(), position.getLength());
        }
    }
}
