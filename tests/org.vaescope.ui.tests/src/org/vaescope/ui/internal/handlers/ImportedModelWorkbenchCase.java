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
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.vaescope.ui.VaescopeUi;
import org.vaescope.ui.internal.editors.AnalysisEditor;
import org.vaescope.ui.internal.testing.TinyModels;
import org.vaescope.ui.testing.Workbenches;
import org.vaescope.ui.internal.views.ModelStructureView;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A VAE trained elsewhere, saved as an encoder file and a decoder file of an imported format, in a project:
 * right-click the encoder → Describe Structure shows the whole imported graph, right-click → Analyse
 * with VAEScope runs the analysis on it and opens the result. Each format's test names its fixture.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ImportedModelWorkbenchCase {

    /**
     * The fixture pair: {@code fixtures/FOLDER/ENCODER} and {@code DECODER} of the core tests, placed as
     * {@code vae_encoder.EXTENSION} and {@code vae_decoder.EXTENSION}; the structure view's header starts
     * with {@code formatLabel}, and the hook names that Describe shows and the analysis covers.
     */
    record Export(String name, String folder, String encoder, String decoder, String extension, String formatLabel,
            List<String> describedHooks, List<String> analysedHooks) {
    }

    private static final long ANALYSIS_TIMEOUT_MS = 600_000;

    private final Export export;
    private IWorkbenchWindow window;
    private IProject project;
    private IFile encoder;

    ImportedModelWorkbenchCase(Export export) {
        this.export = export;
    }

    @BeforeAll
    void placeTheExport() throws Exception {
        window = Workbenches.sizedWindow();
        project = Workbenches.openProject("vaescope-" + export.name());
        Path folder = project.getLocation().toFile().toPath();
        Files.copy(fixture(export.encoder()), folder.resolve("vae_encoder." + export.extension()));
        Files.copy(fixture(export.decoder()), folder.resolve("vae_decoder." + export.extension()));
        project.refreshLocal(IResource.DEPTH_ONE, new NullProgressMonitor());
        encoder = project.getFile("vae_encoder." + export.extension());
        assertTrue(encoder.exists());
    }

    @AfterAll
    void deleteProject() throws Exception {
        page().closeAllEditors(false);
        project.delete(true, true, new NullProgressMonitor());
    }

    @Test
    @Order(1)
    void theStructureViewShowsTheWholeImportedGraph() throws Exception {
        Workbenches.selectInProjectExplorer(page(), encoder);
        handlers().executeCommand(VaescopeUi.DESCRIBE_MODEL_COMMAND_ID, null);

        String header = "vae_encoder." + export.extension() + " — " + export.formatLabel();
        // the view may still show the model another test described
        Workbenches.waitUntil("the model structure view", ANALYSIS_TIMEOUT_MS, () -> structureView() != null
                && structureView().getStructure() != null && structureView().getHeaderText().startsWith(header));
        ModelStructureView view = structureView();
        List<String> names = view.getDisplayedLayerNames();
        for (String hook : export.describedHooks()) {
            assertTrue(names.stream().anyMatch(n -> n.startsWith(hook)), hook + " in " + names);
        }
        Workbenches.screenshot(window.getShell(), "vaescope-" + export.name() + "-structure");
    }

    @Test
    @Order(2)
    void analysingTheEncoderFileAnalysesTheImportedVaeAndOpensTheResult() throws Exception {
        TinyModels.quickRequest().remember(encoder);
        Workbenches.selectInProjectExplorer(page(), encoder);
        ICommandService commands = window.getService(ICommandService.class);
        assertTrue(commands.getCommand(VaescopeUi.ANALYSE_MODEL_COMMAND_ID).isEnabled(), "Analyse is enabled on ." + export.extension());
        ParameterizedCommand command = commands.deserialize(VaescopeUi.ANALYSE_MODEL_COMMAND_ID + "("
                + VaescopeUi.ANALYSE_USE_LAST_PARAMETER + "=true)");
        handlers().executeCommand(command, null);

        Workbenches.waitUntil("the analysis in its editor", ANALYSIS_TIMEOUT_MS,
                () -> page().getActiveEditor() instanceof AnalysisEditor editor && editor.getAnalysis() != null);
        Path file = project.getLocation().toFile().toPath().resolve("vae_encoder.vsa");
        assertTrue(Files.exists(file), "the analysis file is written beside the encoder");
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertTrue(json.path("provenance").path("model").asText().endsWith("vae_encoder." + export.extension()));
        List<String> analysedHooks = new java.util.ArrayList<>();
        json.path("circuit_graph").path("hooks").forEach(h -> analysedHooks.add(h.asText()));
        assertTrue(analysedHooks.containsAll(export.analysedHooks()), "the imported graph's "
                + "hooks are analysed: " + analysedHooks);
        AnalysisEditor editor = (AnalysisEditor) page().getActiveEditor();
        assertEquals(json.path("metrics").size(), editor.getTable("overview.metrics").getTable().getItemCount());
        Workbenches.screenshot(window.getShell(), "vaescope-" + export.name() + "-analysis");
    }

    private Path fixture(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("tests/org.vaescope.core.tests/fixtures").resolve(export.folder()).resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no fixture " + export.folder() + "/" + name + " above " + Path.of("").toAbsolutePath());
    }

    private ModelStructureView structureView() {
        return (ModelStructureView) page().findView(VaescopeUi.MODEL_STRUCTURE_VIEW_ID);
    }

    private IHandlerService handlers() {
        return window.getService(IHandlerService.class);
    }

    private IWorkbenchPage page() {
        return window.getActivePage();
    }
}
