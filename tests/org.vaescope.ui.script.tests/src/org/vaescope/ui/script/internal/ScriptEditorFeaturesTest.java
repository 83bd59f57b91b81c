package org.vaescope.ui.script.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.jface.resource.ColorRegistry;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.quickassist.IQuickAssistAssistant;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.jface.text.source.ISourceViewerExtension3;
import org.eclipse.jface.text.source.TextInvocationContext;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.texteditor.ITextEditorActionDefinitionIds;
import org.eclipse.ui.wizards.IWizardDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vaescope.ui.script.ScriptUi;
import org.vaescope.ui.testing.Workbenches;

/**
 * The editor's remaining features in a real workbench: the checker's limits live and on save (the
 * same check {@code vaescope check} makes), Ctrl+1, bracket matching and the New Script wizard.
 */
class ScriptEditorFeaturesTest {

    private static IProject project;

    @BeforeAll
    static void project() throws Exception {
        ScriptMarkers.install();
        project = Workbenches.openProject("features");
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell().setSize(1200, 800);
    }

    @AfterEach
    void closeEditors() {
        Workbenches.page().closeAllEditors(false);
    }

    @Test
    void aGridTooFineIsAnnotatedWhileTypingAndMarkedOnSave() throws Exception {
        IFile file = ScriptWorkbench.write(project, "grid.vis", "vaescope 1\ndataset dsprites(size=16)\n");
        ScriptEditor editor = ScriptWorkbench.open(file);
        IDocument document = document(editor);
        document.replace(document.getLength(), 0, "perturb latent 0 by -2..2 step 0.0000000001\n");
        String expected = "has 40000000001 points, more than 10000 — use a larger step";

        Workbenches.waitUntil("the grid annotation", 10_000,
                () -> ScriptEditorTest.annotationMessages(editor).stream().anyMatch(m -> m.contains(expected)));
        editor.selectAndReveal(document.get().indexOf("-2..2"), 0);
        Workbenches.screenshot("script-editor-grid-too-fine");
        editor.doSave(null);
        Workbenches.waitUntil("the grid marker", 30_000, () -> markerMessages(file).stream()
                .anyMatch(m -> m.contains(expected)));
        IMarker marker = Arrays.stream(file.findMarkers(ScriptUi.PROBLEM_MARKER, false, IResource.DEPTH_ZERO))
                .filter(m -> m.getAttribute(IMarker.MESSAGE, "").contains(expected)).findFirst().orElseThrow();
        assertEquals(3, marker.getAttribute(IMarker.LINE_NUMBER, -1));
        assertEquals(IMarker.SEVERITY_ERROR, marker.getAttribute(IMarker.SEVERITY, -1));
    }

    @Test
    void aModelThatDoesNotLoadAndADatasetOfAnotherImageSizeAreAnnotatedWhileTyping() throws Exception {
        java.nio.file.Path models = java.nio.file.Files.createDirectories(project.getLocation().toPath().resolve("models"));
        ScriptEditorTest.trainTinyModel(models.resolve("tiny.vsm"));
        java.nio.file.Files.writeString(models.resolve("broken.vsm"), "not a model");
        project.refreshLocal(IResource.DEPTH_INFINITE, null);
        IFile file = ScriptWorkbench.write(project, "loads.vis",
                "vaescope 1\nmodel \"models/broken.vsm\"\ndataset dsprites(size=16)\nperturb latent 0 by 1\n");
        ScriptEditor editor = ScriptWorkbench.open(file);
        IDocument document = document(editor);
        Workbenches.waitUntil("the model's load error", 60_000, () -> ScriptEditorTest.annotationMessages(editor)
                .stream().anyMatch(m -> m.contains("model 'models/broken.vsm' cannot be loaded")));

        document.replace(document.get().indexOf("broken"), "broken".length(), "tiny");
        document.replace(document.get().indexOf("size=16") + "size=".length(), 2, "32");
        String mismatch = "the dataset's images are 32×32 grey but the model 'models/tiny.vsm' expects 16×16 grey";
        Workbenches.waitUntil("the image size mismatch", 60_000, () -> ScriptEditorTest.annotationMessages(editor)
                .stream().anyMatch(m -> m.contains(mismatch)));
        assertTrue(ScriptEditorTest.annotationMessages(editor).stream().noneMatch(m -> m.contains("cannot be loaded")),
                ScriptEditorTest.annotationMessages(editor).toString());

        document.replace(0, 0, "# a line typed above: the problem stays on its statement\n");
        Workbenches.waitUntil("the problem on the moved dataset statement", 10_000,
                () -> annotationOffset(editor, mismatch) == document.get().indexOf("dataset dsprites"));
        editor.selectAndReveal(document.get().indexOf("size=32"), 0);
        Workbenches.screenshot("script-editor-image-size-mismatch");
        assertEquals(1, ScriptEditorTest.annotationMessages(editor).stream().filter(m -> m.contains(mismatch)).count());
    }

    /** The offset of the annotation whose text starts with the message, or -1. */
    private static int annotationOffset(ScriptEditor editor, String message) {
        org.eclipse.jface.text.source.IAnnotationModel model = editor.viewer().getAnnotationModel();
        java.util.Iterator<org.eclipse.jface.text.source.Annotation> all = model.getAnnotationIterator();
        while (all.hasNext()) {
            org.eclipse.jface.text.source.Annotation annotation = all.next();
            if (annotation.getText() != null && annotation.getText().contains(message)) {
                return model.getPosition(annotation).getOffset();
            }
        }
        return -1;
    }

    @Test
    void ctrl1OffersTheDidYouMeanFixAndAppliesItWhereTheTypoIsNow() throws Exception {
        String text = "vaescope 1\ndataset dsprites(size=16)\nmetric mgi\n";
        ScriptEditor editor = ScriptWorkbench.open(ScriptWorkbench.write(project, "ctrl1.vis", text));
        IDocument document = document(editor);
        Workbenches.waitUntil("the typo's annotation", 10_000,
                () -> ScriptEditorTest.annotationMessages(editor).stream().anyMatch(m -> m.contains("'mgi'")));
        document.replace(0, 0, "# moved down by a line typed before the check ran again\n");
        int caret = document.get().indexOf("mgi") + 1;
        editor.selectAndReveal(caret, 0);

        PlatformUI.getWorkbench().getService(IHandlerService.class)
                .executeCommand(ITextEditorActionDefinitionIds.QUICK_ASSIST, null);
        Workbenches.waitUntil("the quick assist popup", 5000, () -> popupItems(editor).contains("Change to 'mig'"));
        Workbenches.screenshot("script-editor-quick-assist");
        IQuickAssistAssistant assistant = ((ISourceViewerExtension3) editor.viewer()).getQuickAssistAssistant();
        ICompletionProposal[] fixes = assistant.getQuickAssistProcessor()
                .computeQuickAssistProposals(new TextInvocationContext(editor.viewer(), caret, -1));
        assertEquals(List.of("Change to 'mig'"), Arrays.stream(fixes).map(ICompletionProposal::getDisplayString).toList());
        fixes[0].apply(document);

        assertEquals("# moved down by a line typed before the check ran again\n" + text.replace("mgi", "mig"),
                document.get());
    }

    @Test
    void bracketMatchingFindsThePartner() throws Exception {
        String text = "vaescope 1\ncompare {\n  model \"a.vsm\" as a\n  model \"b.vsm\" as b\n}\n"
                + "patch encoder.fc1 units 0..7 from (shape=heart) into (shape=square)\n";
        ScriptEditor editor = ScriptWorkbench.open(ScriptWorkbench.write(project, "brackets.vis", text));
        IDocument document = document(editor);
        int open = text.indexOf("(shape=square)");
        int close = text.indexOf(')', open);
        int brace = text.indexOf('{');
        int closingBrace = text.indexOf('}');

        assertRegion(open, close + 1, editor.bracketMatcher().match(document, open + 1));
        assertRegion(open, close + 1, editor.bracketMatcher().match(document, close + 1));
        assertRegion(brace, closingBrace + 1, editor.bracketMatcher().match(document, brace + 1));
        assertRegion(brace, closingBrace + 1, editor.bracketMatcher().match(document, closingBrace + 1));
        editor.selectAndReveal(close + 1, 0);
        Workbenches.drainEvents();
        Workbenches.screenshot("script-editor-bracket-match");
    }

    @Test
    void newScriptWizardCreatesTheFileFromItsTemplateAndOpensIt() throws Exception {
        IWizardDescriptor descriptor = PlatformUI.getWorkbench().getNewWizardRegistry()
                .findWizard("org.vaescope.ui.script.newScript");
        assertNotNull(descriptor, "the wizard is registered under File, New");
        NewScriptWizard wizard = (NewScriptWizard) descriptor.createWizard();
        wizard.init(PlatformUI.getWorkbench(), new StructuredSelection(project));
        Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        WizardDialog dialog = new WizardDialog(shell, wizard);
        dialog.setBlockOnOpen(false);
        dialog.open();
        wizard.fileName("first-steps.vis");
        Workbenches.drainEvents();
        Workbenches.screenshot("script-new-wizard");
        assertTrue(wizard.canFinish());
        assertTrue(wizard.performFinish());
        dialog.close();

        IFile file = project.getFile("first-steps.vis");
        assertTrue(file.exists());
        assertEquals(NewScriptWizard.TEMPLATE, new String(file.getContents().readAllBytes(), StandardCharsets.UTF_8));
        IEditorPart active = Workbenches.page().getActiveEditor();
        ScriptEditor editor = assertInstanceOf(ScriptEditor.class, active);
        assertEquals(file, editor.getEditorInput().getAdapter(IFile.class));
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static IDocument document(ScriptEditor editor) {
        return editor.getDocumentProvider().getDocument(editor.getEditorInput());
    }

    private static void assertRegion(int offset, int end, IRegion region) {
        assertNotNull(region, "no partner for the bracket");
        assertEquals(offset, region.getOffset(), "start of the bracket pair");
        assertEquals(end - offset, region.getLength(), "length of the bracket pair");
    }

    private static List<String> markerMessages(IFile file) {
        try {
            return Arrays.stream(file.findMarkers(ScriptUi.PROBLEM_MARKER, false, IResource.DEPTH_ZERO))
                    .map(m -> m.getAttribute(IMarker.MESSAGE, "")).toList();
        } catch (org.eclipse.core.runtime.CoreException e) {
            return List.of();
        }
    }

    /** The labels of every table in the visible popups above the editor (the quick assist's proposals). */
    private static List<String> popupItems(ScriptEditor editor) {
        return Arrays.stream(editor.viewer().getTextWidget().getDisplay().getShells())
                .filter(s -> s.isVisible() && s != editor.getSite().getShell())
                .flatMap(s -> tables(s).stream()).flatMap(t -> Arrays.stream(t.getItems())).map(TableItem::getText)
                .toList();
    }

    private static List<Table> tables(org.eclipse.swt.widgets.Composite parent) {
        List<Table> found = new java.util.ArrayList<>();
        for (org.eclipse.swt.widgets.Control child : parent.getChildren()) {
            if (child instanceof Table table) {
                found.add(table);
            } else if (child instanceof org.eclipse.swt.widgets.Composite composite) {
                found.addAll(tables(composite));
            }
        }
        return found;
    }

    private static ColorRegistry registry() {
        return PlatformUI.getWorkbench().getThemeManager().getCurrentTheme().getColorRegistry();
    }

    private static RGB foreground(ScriptEditor editor, int offset) {
        ISourceViewer viewer = editor.viewer();
        org.eclipse.swt.custom.StyleRange range = viewer.getTextWidget().getStyleRangeAtOffset(offset);
        return range == null || range.foreground == null ? null : range.foreground.getRGB();
    }
}
