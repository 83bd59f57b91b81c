package org.vaescope.ui.internal.dialogs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchWindow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.eclipse.ui.handlers.IHandlerService;
import org.vaescope.core.imports.ModelRoles;
import org.vaescope.ui.VaescopeUi;
import org.vaescope.ui.internal.views.ModelStructureView;
import org.vaescope.ui.internal.testing.ImportedModels;
import org.vaescope.ui.testing.Workbenches;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A SameDiff VAE whose encoder outputs are named {@code head_a} and {@code head_b}: Analyse cannot tell μ
 * from log σ², so the IDE asks once with the roles dialog (driven here through its API, as a user's
 * choice would), writes the roles file beside the model and goes on to the analysis; Describe Structure the same.
 */
class RolesDialogTest {

    private static final int POLL_MS = 100;

    private static IWorkbenchWindow window;
    private static IProject project;
    private static IFile encoder;

    @BeforeAll
    static void placeTheAmbiguousModel() throws Exception {
        window = Workbenches.sizedWindow();
        project = Workbenches.openProject("vaescope-roles");
        encoder = ImportedModels.copy(project, "samediff", "heads_encoder.fb", "heads_encoder.fb");
        ImportedModels.copy(project, "samediff", "vae_decoder.fb", "heads_decoder.fb");
    }

    @AfterAll
    static void deleteProject() throws Exception {
        window.getActivePage().closeAllEditors(false);
        project.delete(true, true, new NullProgressMonitor());
    }

    @Test
    void analyseAsksForTheRolesOnceWritesThemAndAnalyses() throws Exception {
        List<RolesDialog> asked = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        AtomicBoolean answering = new AtomicBoolean(true);
        answerRolesDialogs(window.getShell().getDisplay(), answering, dialog -> {
            asked.add(dialog);
            assertEquals(List.of("head_b", "head_a"), items(dialog, "mu"));
            dialog.choose("mu", "head_a");
            dialog.choose("logvar", "head_b");
            Workbenches.screenshot(dialog.getShell(), "vaescope-roles-dialog");
            dialog.okPressed();
        }, failures);

        JsonNode analysis;
        try {
            analysis = ImportedModels.analyse(window, encoder);
        } finally {
            answering.set(false);
        }

        assertTrue(failures.isEmpty(), "the dialog: " + failures);
        assertEquals(1, asked.size(), "asked once");
        assertEquals(Map.of("image", "image", "mu", "head_a", "logvar", "head_b", "decoderInput", "z",
                "reconstruction", "logits"), asked.get(0).roles());
        Path rolesFile = ModelRoles.fileOf(encoder.getLocation().toFile().toPath());
        JsonNode roles = new ObjectMapper().readTree(Files.readString(rolesFile));
        assertEquals("head_a", roles.path("mu").asText());
        assertEquals("head_b", roles.path("logvar").asText());
        assertFalse(roles.has("output"), "the output kind was left to detection");
        assertTrue(project.getFile(rolesFile.getFileName().toString()).exists(), "written through the workspace");
        List<String> hooks = new ArrayList<>();
        analysis.path("circuit_graph").path("hooks").forEach(h -> hooks.add(h.asText()));
        assertTrue(hooks.containsAll(List.of("encoder.conv2", "decoder.deconv2")), hooks.toString());
        Workbenches.screenshot(window.getShell(), "vaescope-roles-analysis");
    }

    @Test
    void describeStructureAsksForTheRolesTooAndShowsTheWholeVae() throws Exception {
        IFile other = ImportedModels.copy(project, "samediff", "heads_encoder.fb", "other_encoder.fb");
        ImportedModels.copy(project, "samediff", "vae_decoder.fb", "other_decoder.fb");
        List<RolesDialog> asked = new ArrayList<>();
        AtomicBoolean answering = new AtomicBoolean(true);
        answerRolesDialogs(window.getShell().getDisplay(), answering, dialog -> {
            asked.add(dialog);
            dialog.choose("mu", "head_a");
            dialog.choose("logvar", "head_b");
            dialog.okPressed();
        }, new ArrayList<>());
        try {
            Workbenches.selectInProjectExplorer(window.getActivePage(), other);
            window.getService(IHandlerService.class).executeCommand(VaescopeUi.DESCRIBE_MODEL_COMMAND_ID, null);
            Workbenches.waitUntil("the whole VAE's structure", ImportedModels.ANALYSIS_TIMEOUT_MS, () -> {
                ModelStructureView view = (ModelStructureView) window.getActivePage().findView(
                        VaescopeUi.MODEL_STRUCTURE_VIEW_ID);
                return view != null && view.getStructure() != null
                        && view.getHeaderText().startsWith("other_encoder.fb");
            });
        } finally {
            answering.set(false);
        }

        assertEquals(1, asked.size(), "asked once");
        ModelStructureView view = (ModelStructureView) window.getActivePage().findView(VaescopeUi.MODEL_STRUCTURE_VIEW_ID);
        assertTrue(view.getDisplayedLayerNames().stream().anyMatch(n -> n.startsWith("latent.mu (head_a)")),
                view.getDisplayedLayerNames().toString());
        assertTrue(project.getFile("other_encoder.roles.json").exists());
    }

    private interface Answer {
        void answer(RolesDialog dialog) throws Exception;
    }

    /** Until the test ends, answers every roles dialog that opens (they block in their own event loop). */
    private static void answerRolesDialogs(Display display, AtomicBoolean answering, Answer answer,
            List<Throwable> failures) {
        display.timerExec(POLL_MS, new Runnable() {
            @Override
            public void run() {
                for (Shell shell : display.getShells()) {
                    if (shell.getData() instanceof RolesDialog dialog && shell.isVisible()) {
                        try {
                            answer.answer(dialog);
                        } catch (Throwable e) {
                            failures.add(e);
                            dialog.close();
                        }
                    }
                }
                if (answering.get()) {
                    display.timerExec(POLL_MS, this);
                }
            }
        });
    }

    private static List<String> items(RolesDialog dialog, String role) {
        return dialog.offered(role);
    }
}
