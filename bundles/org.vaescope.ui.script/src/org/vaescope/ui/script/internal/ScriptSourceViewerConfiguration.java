package org.vaescope.ui.script.internal;

import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextHover;
import org.eclipse.jface.text.contentassist.ContentAssistant;
import org.eclipse.jface.text.contentassist.IContentAssistant;
import org.eclipse.jface.text.presentation.IPresentationReconciler;
import org.eclipse.jface.text.presentation.PresentationReconciler;
import org.eclipse.jface.text.quickassist.IQuickAssistAssistant;
import org.eclipse.jface.text.quickassist.QuickAssistAssistant;
import org.eclipse.jface.text.reconciler.IReconciler;
import org.eclipse.jface.text.reconciler.MonoReconciler;
import org.eclipse.jface.text.rules.DefaultDamagerRepairer;
import org.eclipse.jface.text.source.DefaultAnnotationHover;
import org.eclipse.jface.text.source.IAnnotationHover;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.ui.editors.text.EditorsUI;
import org.eclipse.ui.editors.text.TextSourceViewerConfiguration;

/** Wires the language into the viewer: colouring, content assist, reconciler, hover, quick fix, comments. */
final class ScriptSourceViewerConfiguration extends TextSourceViewerConfiguration {

    /** Milliseconds of quiet typing before the reconciler checks the script. */
    static final int RECONCILE_DELAY = 300;
    /** Milliseconds before auto-activated content assist opens. */
    static final int AUTO_ACTIVATION_DELAY = 200;

    private final ScriptEditor editor;
    private ScriptReconciler reconciler;
    private final ScriptCompletionProcessor completion;

    ScriptSourceViewerConfiguration(ScriptEditor editor) {
        super(EditorsUI.getPreferenceStore());
        this.editor = editor;
        this.completion = new ScriptCompletionProcessor(editor::scriptFile);
    }

    /** The content-assist processor of the editor. */
    ScriptCompletionProcessor completionProcessor() {
        return completion;
    }

    @Override
    public IPresentationReconciler getPresentationReconciler(ISourceViewer sourceViewer) {
        PresentationReconciler reconciler = new PresentationReconciler();
        DefaultDamagerRepairer repairer = new DefaultDamagerRepairer(new ScriptScanner());
        reconciler.setDamager(repairer, IDocument.DEFAULT_CONTENT_TYPE);
        reconciler.setRepairer(repairer, IDocument.DEFAULT_CONTENT_TYPE);
        return reconciler;
    }

    @Override
    public IContentAssistant getContentAssistant(ISourceViewer sourceViewer) {
        ContentAssistant assistant = new ContentAssistant(true);
        assistant.setContentAssistProcessor(completion, IDocument.DEFAULT_CONTENT_TYPE);
        assistant.enableAutoActivation(true);
        assistant.setAutoActivationDelay(AUTO_ACTIVATION_DELAY);
        assistant.enableAutoInsert(false);
        assistant.setInformationControlCreator(getInformationControlCreator(sourceViewer));
        assistant.setProposalPopupOrientation(IContentAssistant.PROPOSAL_OVERLAY);
        return assistant;
    }

    @Override
    public IReconciler getReconciler(ISourceViewer sourceViewer) {
        ScriptReconcilingStrategy strategy = new ScriptReconcilingStrategy(editor::scriptFile,
                () -> sourceViewer.getAnnotationModel(), editor::parsed);
        reconciler = new ScriptReconciler(strategy);
        reconciler.setDelay(RECONCILE_DELAY);
        return reconciler;
    }

    @Override
    public ITextHover getTextHover(ISourceViewer sourceViewer, String contentType) {
        return new ScriptTextHover(editor::scriptFile);
    }

    @Override
    public IAnnotationHover getAnnotationHover(ISourceViewer sourceViewer) {
        return new DefaultAnnotationHover();
    }

    @Override
    public IQuickAssistAssistant getQuickAssistAssistant(ISourceViewer sourceViewer) {
        QuickAssistAssistant assistant = new QuickAssistAssistant();
        assistant.setQuickAssistProcessor(new DidYouMeanFix(sourceViewer::getAnnotationModel));
        assistant.setInformationControlCreator(getInformationControlCreator(sourceViewer));
        return assistant;
    }

    @Override
    public String[] getDefaultPrefixes(ISourceViewer sourceViewer, String contentType) {
        return new String[] {"# ", "#"};
    }

    /** Checks the script again now (e.g. its model finished loading). */
    void checkAgain() {
        if (reconciler != null) {
            reconciler.checkAgain();
        }
    }

    /** A mono reconciler that can be asked to check again (when the model finished loading). */
    static final class ScriptReconciler extends MonoReconciler {
        ScriptReconciler(ScriptReconcilingStrategy strategy) {
            super(strategy, false);
        }

        void checkAgain() {
            forceReconciling();
        }
    }
}
