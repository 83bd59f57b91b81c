package org.vaescope.ui.internal.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.vaescope.ui.VaescopeUi;
import org.vaescope.ui.internal.editors.AnalysisEditor;
import org.vaescope.ui.internal.testing.TinyModels;
import org.vaescope.ui.testing.Workbenches;
import org.vaescope.ui.internal.views.ModelStructureView;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A VAE exported from PyTorch as two ONNX files ({@code releng/fixtures/export_onnx.py}) in a project:
 * right-click the encoder → Describe Structure shows the whole imported graph, right-click → Analyse
 * with VAEScope runs the analysis on it and opens the result.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImportedModelUiTest {

    private static final long ANALYSIS_TIMEOUT_MS = 600_000;

    private static IWorkbenchWindow window;
    private static IProject project;
    private static IFile encoder;

    @BeforeAll
    static void placeTheExport() throws Exception {
        window = Workbenches.sizedWindow();
        project = Workbenches.openProject("vaescope-onnx");
        Path folder = project.getLocation().toFile().toPath();
        Files.copy(fixture("encoder.onnx"), folder.resolve("vae_encoder.onnx"));
        Files.copy(fixture("decoder.onnx"), folder.resolve("vae_decoder.onnx"));
        project.refreshLocal(IResource.DEPTH_ONE, new NullProgressMonitor());
        encoder = project.getFile("vae_encoder.onnx");
        assertTrue(encoder.exists());
    }

    @AfterAll
    static void deleteProject() throws Exception {
        page().closeAllEditors(false);
        project.delete(true, true, new NullProgressMonitor());
    }

    @Test
    @Order(1)
    void theStructureViewShowsTheWholeImportedGraph() throws Exception {
        Workbenches.selectInProjectExplorer(page(), encoder);
        handlers().executeCommand(VaescopeUi.DESCRIBE_MODEL_COMMAND_ID, null);

        Workbenches.waitUntil("the model structure view", ANALYSIS_TIMEOUT_MS, () -> structureView() != null
                && structureView().getStructure() != null);
        ModelStructureView view = structureView();
        assertTrue(view.getHeaderText().startsWith("vae_encoder.onnx — ONNX"), view.getHeaderText());
        List<String> names = view.getDisplayedLayerNames();
        for (String hook : List.of("encoder.conv1 (/conv1/Conv_output_0)", "latent.mu (mu)", "latent.z",
                "decoder.relu_4 (/Relu_4_output_0)", "output.logits (logits)")) {
            assertTrue(names.stream().anyMatch(n -> n.startsWith(hook)), hook + " in " + names);
        }
        Workbenches.screenshot(window.getShell(), "vaescope-onnx-structure");
    }

    @Test
    @Order(2)
    void analysingTheEncoderFileAnalysesTheImportedVaeAndOpensTheResult() throws Exception {
        TinyModels.quickRequest().remember(encoder);
        Workbenches.selectInProjectExplorer(page(), encoder);
        ICommandService commands = window.getService(ICommandService.class);
        assertTrue(commands.getCommand(VaescopeUi.ANALYSE_MODEL_COMMAND_ID).isEnabled(), "Analyse is enabled on .onnx");
        ParameterizedCommand command = commands.deserialize(VaescopeUi.ANALYSE_MODEL_COMMAND_ID + "("
                + VaescopeUi.ANALYSE_USE_LAST_PARAMETER + "=true)");
        handlers().executeCommand(command, null);

        Workbenches.waitUntil("the analysis in its editor", ANALYSIS_TIMEOUT_MS,
                () -> page().getActiveEditor() instanceof AnalysisEditor editor && editor.getAnalysis() != null);
        Path file = project.getLocation().toFile().toPath().resolve("vae_encoder.vsa");
        assertTrue(Files.exists(file), "the analysis file is written beside the encoder");
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertTrue(json.path("provenance").path("model").asText().endsWith("vae_encoder.onnx"));
        List<String> analysedHooks = new java.util.ArrayList<>();
        json.path("circuit_graph").path("hooks").forEach(h -> analysedHooks.add(h.asText()));
        assertTrue(analysedHooks.containsAll(List.of("encoder.relu_1", "decoder.relu_4")), "the imported graph's "
                + "hooks are analysed: " + analysedHooks);
        AnalysisEditor editor = (AnalysisEditor) page().getActiveEditor();
        assertEquals(json.path("metrics").size(), editor.getTable("overview.metrics").getTable().getItemCount());
        Workbenches.screenshot(window.getShell(), "vaescope-onnx-analysis");
    }

    private static Path fixture(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("tests/org.vaescope.core.tests/fixtures/onnx").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no ONNX fixture " + name + " above " + Path.of("").toAbsolutePath());
    }

    private static ModelStructureView structureView() {
        return (ModelStructureView) page().findView(VaescopeUi.MODEL_STRUCTURE_VIEW_ID);
    }

    private static IHandlerService handlers() {
        return window.getService(IHandlerService.class);
    }

    private static IWorkbenchPage page() {
        return window.getActivePage();
    }
}
