package org.vaescope.ui.internal.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.vaescope.ui.VaescopeUi;
import org.vaescope.ui.internal.editors.AnalysisEditor;
import org.vaescope.ui.internal.testing.ImportedModels;
import org.vaescope.ui.testing.Workbenches;
import org.vaescope.ui.internal.views.ModelStructureView;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A VAE exported from PyTorch as two ONNX files ({@code releng/fixtures/export_onnx.py}) in a project:
 * right-click the encoder → Describe Structure shows the whole imported graph, right-click → Analyse
 * with VAEScope runs the analysis on it and opens the result; the same for a VAE saved by DL4J as two zips.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImportedModelUiTest {

    private static final long ANALYSIS_TIMEOUT_MS = ImportedModels.ANALYSIS_TIMEOUT_MS;

    private static IWorkbenchWindow window;
    private static IProject project;
    private static IFile encoder;

    @BeforeAll
    static void placeTheExport() throws Exception {
        window = Workbenches.sizedWindow();
        project = Workbenches.openProject("vaescope-onnx");
        encoder = ImportedModels.copy(project, "onnx", "encoder.onnx", "vae_encoder.onnx");
        ImportedModels.copy(project, "onnx", "decoder.onnx", "vae_decoder.onnx");
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
        JsonNode json = ImportedModels.analyse(window, encoder);

        assertTrue(json.path("provenance").path("model").asText().endsWith("vae_encoder.onnx"));
        assertTrue(analysedHooks(json).containsAll(List.of("encoder.relu_1", "decoder.relu_4")), "the imported graph's "
                + "hooks are analysed: " + analysedHooks(json));
        AnalysisEditor editor = (AnalysisEditor) page().getActiveEditor();
        assertEquals(json.path("metrics").size(), editor.getTable("overview.metrics").getTable().getItemCount());
        Workbenches.screenshot(window.getShell(), "vaescope-onnx-analysis");
    }

    @Test
    @Order(3)
    void analysingADl4jEncoderZipAnalysesTheImportedVaeAndOpensTheResult() throws Exception {
        IFile zip = ImportedModels.copy(project, "dl4j", "vae_encoder.zip", "dl4j_encoder.zip");
        ImportedModels.copy(project, "dl4j", "vae_decoder.zip", "dl4j_decoder.zip");

        JsonNode json = ImportedModels.analyse(window, zip);

        assertTrue(json.path("provenance").path("model").asText().endsWith("dl4j_encoder.zip"));
        assertTrue(analysedHooks(json).containsAll(List.of("encoder.conv2", "encoder.fc", "decoder.deconv2")),
                "the zip's layers are analysed: " + analysedHooks(json));
        AnalysisEditor editor = (AnalysisEditor) page().getActiveEditor();
        assertEquals("dl4j_encoder.vsa", editor.getEditorInput().getName());
        assertEquals(json.path("metrics").size(), editor.getTable("overview.metrics").getTable().getItemCount());
        Workbenches.screenshot(window.getShell(), "vaescope-dl4j-zip-analysis");
    }

    private static List<String> analysedHooks(JsonNode json) {
        List<String> hooks = new java.util.ArrayList<>();
        json.path("circuit_graph").path("hooks").forEach(h -> hooks.add(h.asText()));
        return hooks;
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
