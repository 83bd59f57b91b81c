package org.vaescope.ui.script.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.text.Document;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextOperationTarget;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.contentassist.IContentAssistProcessor;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.ui.IMarkerResolution;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vaescope.core.data.Datasets;
import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.progress.ProgressMonitor;
import org.vaescope.core.store.ModelFile;
import org.vaescope.core.training.Trainer;
import org.vaescope.core.training.TrainingConfig;
import org.vaescope.core.training.TrainingListener;
import org.vaescope.core.training.TrainingResult;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.Variant;
import org.vaescope.script.ScriptLanguage;
import org.vaescope.ui.script.ScriptUi;
import org.vaescope.ui.testing.Workbenches;

/**
 * The script editor in a real workbench: content assist through the editor's own processor with and
 * without a loadable model, colouring, live annotations, markers on save, the quick fix, and outline.
 */
class ScriptEditorTest {

    static final int SIDE = 16;
    static IProject project;

    @BeforeAll
    static void projectWithTinyModel() throws Exception {
        ScriptMarkers.install();
        project = Workbenches.openProject("scripts");
        project.getFolder("models").getLocation().toFile().mkdirs();
        trainTinyModel(project.getFolder("models").getLocation().toPath().resolve("tiny.vsm"));
        project.refreshLocal(IResource.DEPTH_INFINITE, null);
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell().setSize(1200, 800);
    }

    /** A 16×16 MLP VAE with 4 latents and hidden layers of 40 units, trained for a few steps. */
    static void trainTinyModel(java.nio.file.Path file) throws Exception {
        FactorDataset data = Datasets.create("dsprites", Map.of("size", Integer.toString(SIDE)));
        TrainingConfig config = TrainingConfig.builder(Variant.VAE).architecture(Architecture.mlp(1, SIDE, SIDE, 4, 40, 40))
                .steps(10).batchSize(16).learningRate(1e-3).seed(3).build();
        TrainingResult result = Trainer.train(config, data, TrainingListener.NONE, ProgressMonitor.NONE);
        ModelFile.save(file, result.model(), result.metadata());
    }

    @AfterEach
    void closeEditors() {
        Workbenches.page().closeAllEditors(false);
    }

    @Test
    void visFilesOpenInTheScriptEditor() throws CoreException {
        IFile file = ScriptWorkbench.write(project, "open.vis", "vaescope 1\n");
        assertEquals(ScriptUi.CONTENT_TYPE, file.getContentDescription().getContentType().getId());
        assertInstanceOf(ScriptEditor.class, IDE.openEditor(Workbenches.page(), file));
    }

    @Test
    void proposalsWithoutALoadableModel() throws CoreException {
        String header = "vaescope 1\nmodel \"models/missing.vsm\"\ndataset dsprites(size=16)\n";
        ScriptEditor editor = ScriptWorkbench.open(ScriptWorkbench.write(project, "nomodel.vis", header));
        loadEnvironment(editor);

        assertEquals(List.of(), inserted(editor, header + "patch |"));
        assertEquals(ScriptLanguage.METRICS, inserted(editor, header + "metric |"));
        assertEquals(List.of("mig", "modularity", "modularity_explicitness").stream().sorted().toList(),
                inserted(editor, header + "metric m|").stream().sorted().toList());
        assertEquals(List.of("color", "shape", "scale", "orientation", "posX", "posY", "all"),
                inserted(editor, header + "vary factor |"));
        assertEquals(List.of("square", "ellipse", "heart"), inserted(editor, header + "vary factor shape from |"));
    }

    @Test
    void proposalsWithTheScriptsModelLoaded() throws CoreException {
        String header = "vaescope 1\nmodel \"models/tiny.vsm\"\ndataset dsprites(size=16)\n";
        ScriptEditor editor = ScriptWorkbench.open(ScriptWorkbench.write(project, "withmodel.vis", header));
        loadEnvironment(editor);

        assertEquals(Set.of("encoder.fc1", "encoder.fc2", "latent.mu", "latent.logvar", "latent.z", "decoder.fc1",
                "decoder.fc2", "output.logits"), new TreeSet<>(inserted(editor, header + "patch |")));
        assertEquals(List.of("encoder.fc1", "encoder.fc2"), inserted(editor, header + "patch encoder.f|"));
        assertEquals(List.of("all", "0..39"), inserted(editor, header + "patch encoder.fc1 units |"));
        assertEquals(List.of("all", "0..3", "0", "1", "2", "3"), inserted(editor, header + "perturb latent |"));
    }

    @Test
    void colouringFollowsTheLanguage() throws Exception {
        String text = "vaescope 1\n# colours\nmodel \"models/tiny.vsm\"\npatch encoder.fc1 units 0..7 from (shape=heart)"
                + " into (shape=square)\nmetric mig\n";
        ScriptEditor editor = ScriptWorkbench.open(ScriptWorkbench.write(project, "colours.vis", text));
        Workbenches.drainEvents();
        ISourceViewer viewer = editor.viewer();

        assertEquals(colour(ScriptColors.KEYWORD), foreground(viewer, text.indexOf("patch")));
        assertEquals(colour(ScriptColors.HOOK), foreground(viewer, text.indexOf("encoder.fc1") + 3));
        assertEquals(colour(ScriptColors.NUMBER), foreground(viewer, text.indexOf("0..7")));
        assertEquals(colour(ScriptColors.STRING), foreground(viewer, text.indexOf("models/")));
        assertEquals(colour(ScriptColors.COMMENT), foreground(viewer, text.indexOf("colours")));
        Workbenches.screenshot("script-editor-colouring");
    }

    @Test
    void completionPopupOpensOnCtrlSpace() throws Exception {
        String text = "vaescope 1\nmodel \"models/tiny.vsm\"\ndataset dsprites(size=16)\nmetric ";
        ScriptEditor editor = ScriptWorkbench.open(ScriptWorkbench.write(project, "popup.vis", text));
        editor.selectAndReveal(text.length(), 0);
        ITextOperationTarget target = (ITextOperationTarget) editor.viewer();
        target.doOperation(ISourceViewer.CONTENTASSIST_PROPOSALS);
        Workbenches.waitUntil("the proposal popup", 5000, () -> Arrays.stream(editor.viewer().getTextWidget()
                .getDisplay().getShells()).anyMatch(s -> s.isVisible() && s != editor.getSite().getShell()));
        Workbenches.screenshot("script-editor-completion-popup");
    }

    @Test
    void typedErrorIsAnnotatedMarkedOnSaveAndQuickFixed() throws Exception {
        String text = "vaescope 1\ndataset dsprites(size=16)\n";
        IFile file = ScriptWorkbench.write(project, "typo.vis", text);
        ScriptEditor editor = ScriptWorkbench.open(file);
        IDocument document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
        document.replace(document.getLength(), 0, "metric mgi\n");

        Workbenches.waitUntil("the annotation", 10_000, () -> annotationMessages(editor).stream()
                .anyMatch(m -> m.contains("'mgi'")));
        editor.doSave(null);
        Workbenches.waitUntil("the marker", 30_000, () -> typoMarker(file) != null);
        IMarker marker = typoMarker(file);
        assertEquals(3, marker.getAttribute(IMarker.LINE_NUMBER, -1));
        assertEquals(IMarker.SEVERITY_ERROR, marker.getAttribute(IMarker.SEVERITY, -1));
        assertTrue(marker.getAttribute(IMarker.MESSAGE, "").endsWith("did you mean 'mig'?"),
                marker.getAttribute(IMarker.MESSAGE, ""));

        Workbenches.page().showView("org.eclipse.ui.views.ProblemView");
        Workbenches.waitUntil("the Problems view", 3000, () -> true);
        Workbenches.drainEvents();
        Thread.sleep(500);
        ScriptWorkbench.expandTreeItems("Errors");
        Workbenches.screenshot("script-marker-problems-view");

        IMarkerResolution[] fixes = IDE.getMarkerHelpRegistry().getResolutions(marker);
        assertEquals(1, fixes.length);
        fixes[0].run(marker);
        assertEquals("vaescope 1\ndataset dsprites(size=16)\nmetric mig\n", document.get());
    }

    @Test
    void outlineListsStatementsAndFollowsTheCaret() throws Exception {
        String text = "vaescope 1\nmodel \"models/tiny.vsm\"\nmetric mig\n";
        ScriptEditor editor = ScriptWorkbench.open(ScriptWorkbench.write(project, "outline.vis", text));
        Workbenches.waitUntil("a parse", 5000, () -> editor.lastParse() != null);
        assertEquals(3, editor.lastParse().script().statements().size());
        assertEquals("metric", ScriptOutlinePage.statementAt(editor.lastParse().script().statements(),
                text.indexOf("mig")).descriptor().phrase());
    }

    @Test
    void toggleCommentCommentsAndUncommentsLines() throws Exception {
        String text = "vaescope 1\nmetric mig\nmetric dci\n";
        ScriptEditor editor = ScriptWorkbench.open(ScriptWorkbench.write(project, "comment.vis", text));
        IDocument document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
        editor.selectAndReveal(text.indexOf("metric mig"), "metric mig\nmetric".length());
        editor.getAction("ToggleComment").run();
        assertEquals("vaescope 1\n# metric mig\n# metric dci\n", document.get());
        editor.getAction("ToggleComment").run();
        assertEquals(text, document.get());
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static IMarker typoMarker(IFile file) {
        try {
            return Arrays.stream(file.findMarkers(ScriptUi.PROBLEM_MARKER, false, IResource.DEPTH_ZERO))
                    .filter(m -> m.getAttribute(IMarker.MESSAGE, "").contains("'mgi'")).findFirst().orElse(null);
        } catch (CoreException e) {
            return null;
        }
    }

    /** Loads the script's environment now, as the editor's background job does. */
    static void loadEnvironment(ScriptEditor editor) {
        IDocument document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
        ScriptEnvironmentCache.get().environment(editor.scriptFile(), document.get());
        Workbenches.join(ScriptEnvironmentCache.LOAD_FAMILY, 60_000);
    }

    /**
     * The text each proposal of the editor's content-assist processor inserts at the caret {@code |},
     * found by applying it to a copy of the text (which also checks the replacement range).
     */
    static List<String> inserted(ScriptEditor editor, String textWithCaret) {
        int caret = textWithCaret.indexOf('|');
        String text = textWithCaret.substring(0, caret) + textWithCaret.substring(caret + 1);
        IDocument document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
        document.set(text);
        IContentAssistProcessor processor = editor.completionProcessor();
        List<String> result = new ArrayList<>();
        for (ICompletionProposal proposal : processor.computeCompletionProposals(editor.viewer(), caret)) {
            Document copy = new Document(text);
            proposal.apply(copy);
            result.add(insertedWord(text, copy.get()));
        }
        return result;
    }

    /** The word that replaced the one at the caret: what differs between before and after. */
    private static String insertedWord(String before, String after) {
        int prefix = 0;
        while (prefix < before.length() && prefix < after.length() && before.charAt(prefix) == after.charAt(prefix)) {
            prefix++;
        }
        while (prefix > 0 && isWord(before.charAt(prefix - 1))) {
            prefix--;
        }
        int suffix = 0;
        while (suffix < before.length() - prefix && suffix < after.length() - prefix
                && before.charAt(before.length() - 1 - suffix) == after.charAt(after.length() - 1 - suffix)) {
            suffix++;
        }
        return after.substring(prefix, after.length() - suffix);
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.';
    }

    static List<String> annotationMessages(ScriptEditor editor) {
        List<String> messages = new ArrayList<>();
        for (Iterator<Annotation> it = editor.viewer().getAnnotationModel().getAnnotationIterator(); it.hasNext();) {
            Annotation annotation = it.next();
            if (annotation instanceof DiagnosticAnnotation) {
                messages.add(annotation.getText());
            }
        }
        return messages;
    }

    private static org.eclipse.swt.graphics.Color foreground(ISourceViewer viewer, int offset) {
        StyleRange range = viewer.getTextWidget().getStyleRangeAtOffset(offset);
        assertNotNull(range, "no style at " + offset);
        return range.foreground;
    }

    private static org.eclipse.swt.graphics.Color colour(ScriptColors color) {
        return PlatformUI.getWorkbench().getThemeManager().getCurrentTheme().getColorRegistry().get(color.id());
    }
}
