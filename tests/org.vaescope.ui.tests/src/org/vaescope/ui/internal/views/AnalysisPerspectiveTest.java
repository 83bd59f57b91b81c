package org.vaescope.ui.internal.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.XMLMemento;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.views.properties.PropertySheet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.vaescope.ui.VaescopeUi;
import org.vaescope.ui.internal.RunAnalysisJob;
import org.vaescope.ui.internal.analysis.Analysis;
import org.vaescope.ui.internal.analysis.AnalysisElement;
import org.vaescope.ui.internal.analysis.AnalysisRegistry;
import org.vaescope.ui.internal.analysis.Formats;
import org.vaescope.ui.internal.editors.AnalysisEditor;
import org.vaescope.ui.internal.graph.CircuitFilter;
import org.vaescope.ui.internal.testing.TinyModels;
import org.vaescope.ui.testing.Workbenches;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Right-click → Analyse with VAEScope on a small trained model, through the handler service: the
 * job, the analysis file, the editor pages, every view's content against the file's JSON, selection
 * linking, cancellation, and screenshots of the perspective.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalysisPerspectiveTest {

    private static final long ANALYSIS_TIMEOUT_MS = 600_000;
    private static final long VIEW_TIMEOUT_MS = 120_000;

    private static IWorkbenchWindow window;
    private static IProject project;
    private static IFile model;

    @BeforeAll
    static void trainModel() throws Exception {
        window = Workbenches.sizedWindow();
        model = TinyModels.inProject("vaescope-analysis", "tiny.vsm");
        project = model.getProject();
    }

    @AfterAll
    static void deleteProject() throws Exception {
        page().closeAllEditors(false);
        project.delete(true, true, new NullProgressMonitor());
    }

    @Test
    @Order(1)
    void cancellingARunningAnalysisEndsWithinASecondAndWritesNothing() throws Exception {
        TinyModels.longRequest().remember(model);
        runAnalyseCommand();
        Job job = waitForRunningAnalysis();
        Thread.sleep(3_000); // let the engine get well into its work
        Workbenches.drainEvents();
        assertTrue(editor() != null && editor().getAnalysis() == null && editor().getError() == null,
                "the analysis editor is open before the results, waiting for them");
        Workbenches.screenshot(window.getShell(), "vaescope-analysing");

        long start = System.nanoTime();
        job.cancel();
        Workbenches.waitUntil("the cancelled analysis to end", 5_000, () -> job.getState() == Job.NONE);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("[measured] cancelling a running analysis ended its job in " + millis + " ms");

        assertTrue(millis < 1_000, "cancel took " + millis + " ms");
        try (Stream<Path> files = Files.list(project.getLocation().toFile().toPath())) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().noneMatch(n -> n.endsWith(".vsa") || n.endsWith(".part")), names.toString());
        }
        Workbenches.waitUntil("the waiting editor to close", VIEW_TIMEOUT_MS, () -> editor() == null);
    }

    @Test
    @Order(2)
    void analysingAModelOpensItsAnalysisAndEveryViewShowsIt() throws Exception {
        TinyModels.quickRequest().remember(model);
        runAnalyseCommand();
        AnalysisEditor editor = waitForEditor();
        Path file = project.getLocation().toFile().toPath().resolve("tiny.vsa");
        assertTrue(Files.exists(file), "the analysis file is written beside the model");
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertEquals("vaescope-analysis", json.path("format").asText());
        assertEquals(3, json.path("version").asInt());
        for (String field : List.of("model", "model_sha256", "dataset", "seed", "engine_version", "settings")) {
            assertTrue(json.path("provenance").has(field), "provenance has " + field);
        }
        assertEquals("dsprites:size=32", json.path("provenance").path("dataset").asText());
        assertEquals(5, json.path("provenance").path("seed").asInt());

        assertEquals(AnalysisEditor.PAGE_IDS, editor.getPageIds());
        for (String pageId : AnalysisEditor.PAGE_IDS) {
            editor.setActivePage(pageId);
            Workbenches.drainEvents();
        }
        assertEquals(json.path("metrics").size(), editor.getTable("overview.metrics").getTable().getItemCount());
        assertEquals(edgeCount(json),
                editor.getTable("circuits.edges").getTable().getItemCount());
        int factorCount = json.path("report").path("factors").size();
        assertEquals(factorCount * (factorCount - 1), editor.getTable("factors.pairs").getTable().getItemCount(),
                "every off-diagonal factor pair, with its verdict");
        assertReadoutsShown(editor.getTable("factors").getTable(), json);
        Workbenches.screenshot(window.getShell(), "vaescope-analysis-editor-factors");
        editor.setActivePage("overview");

        assertCircuitGraphMatches(json);
        assertMetricsMatch(json);
        assertUnitEffectsMatch(json);
        assertFactorGraphMatches(json);
        assertTraversalsShown();
        screenshotThePerspective();
    }

    /** Every pane of the perspective showing the analysis: editor, graphs, unit effects, properties. */
    private void screenshotThePerspective() throws Exception {
        CircuitGraphView graph = (CircuitGraphView) page().showView(VaescopeUi.CIRCUIT_GRAPH_VIEW_ID);
        page().showView(VaescopeUi.UNIT_EFFECTS_VIEW_ID);
        page().showView(VaescopeUi.FACTOR_GRAPH_VIEW_ID);
        page().activate(editor());
        Workbenches.waitUntil("the circuit graph layout", VIEW_TIMEOUT_MS, () -> !graph.isLayoutPending());
        Workbenches.screenshot(window.getShell(), "vaescope-perspective-analysis");
    }

    @Test
    @Order(3)
    void selectingAUnitInTheGraphUpdatesPropertiesAndUnitEffects() throws Exception {
        page().showView(IPageLayout.ID_PROP_SHEET);
        UnitEffectsView unitEffects = (UnitEffectsView) page().showView(VaescopeUi.UNIT_EFFECTS_VIEW_ID);
        CircuitGraphView graph = (CircuitGraphView) page().showView(VaescopeUi.CIRCUIT_GRAPH_VIEW_ID);
        page().activate(graph);
        Analysis analysis = editor().getAnalysis();
        Analysis.Node unit = analysis.circuitGraph().nodes().stream().filter(n -> n.kind().equals("unit")).findFirst()
                .orElseThrow(() -> new AssertionError("the tiny model's circuit graph has no unit"));

        graph.selectNode(unit.id());
        Workbenches.drainEvents();

        AnalysisElement.Unit highlighted = unitEffects.getHighlightedUnit();
        assertNotNull(highlighted, "Unit Effects follows the selection");
        assertEquals(unit.hook(), highlighted.hook());
        assertEquals(unit.index(), highlighted.unit());
        Map<String, String> properties = propertiesShown();
        assertEquals(unit.hook(), properties.get("hook point"), properties.toString());
        assertEquals(Integer.toString(unit.index()), properties.get("unit"));
        double[] responses = analysis.units().hook(unit.hook()).orElseThrow().responses()[unit.index()];
        String firstFactor = analysis.units().factors().get(0);
        assertEquals(Formats.number(responses[0]), properties.get("A[" + firstFactor + "]"));
        assertEquals(responses.length, graph.getProfile().getValues().length, "the response profile is shown");
        Workbenches.screenshot(window.getShell(), "vaescope-selection-linking");
    }

    @Test
    @Order(4)
    void doubleClickingTheAnalysisFileReopensItInTheAnalysisEditor() throws Exception {
        page().closeAllEditors(false);
        Workbenches.drainEvents();
        IFile analysisFile = project.getFile("tiny.vsa");

        IDE.openEditor(page(), analysisFile); // what a double-click does: the default editor of the file

        AnalysisEditor reopened = waitForEditor();
        assertEquals(project.getLocation().toFile().toPath().resolve("tiny.vsa"), reopened.getFile());
        assertNotNull(reopened.getEditorInput().getPersistable(), "the workbench can reopen the editor after a restart");
    }

    @Test
    @Order(5)
    void aBrokenAnalysisFileIsReportedInTheEditorWithFileAndLine() throws Exception {
        IFile broken = project.getFile("broken.vsa");
        broken.create(new java.io.ByteArrayInputStream("{\n  \"format\": \"vaescope-analysis\",\n  oops\n}".getBytes()),
                true, new NullProgressMonitor());

        IDE.openEditor(page(), broken);

        AnalysisEditor editor = (AnalysisEditor) page().getActiveEditor();
        Workbenches.waitUntil("the read error", VIEW_TIMEOUT_MS, () -> editor.getError() != null);
        assertTrue(editor.getError().startsWith(broken.getLocation().toFile().toPath() + ": line 3, column"),
                editor.getError());
        Workbenches.screenshot(window.getShell(), "vaescope-analysis-editor-broken-file");
        page().closeEditor(editor, false);
    }

    /**
     * What a restart does to a view: the workbench saves its state into the part's persisted state,
     * and a new view instance is initialised from it. With no analysis open, the new Circuit Graph
     * reads the analysis it showed and restores its filter; the other views follow.
     */
    @Test
    @Order(6)
    void aViewRestoresTheAnalysisItShowedFromItsSavedState() throws Exception {
        IDE.openEditor(page(), project.getFile("tiny.vsa"));
        waitForEditor();
        CircuitGraphView graph = (CircuitGraphView) page().showView(VaescopeUi.CIRCUIT_GRAPH_VIEW_ID);
        MetricsView metrics = (MetricsView) page().showView(VaescopeUi.METRICS_VIEW_ID);
        CircuitFilter filter = new CircuitFilter(null, 0.05, 3);
        graph.setFilter(filter);
        Path file = project.getLocation().toFile().toPath().resolve("tiny.vsa");
        assertEquals(file, graph.getShownFile());
        XMLMemento state = XMLMemento.createWriteRoot("view");
        graph.saveState(state);
        java.io.StringWriter saved = new java.io.StringWriter();
        state.save(saved);

        page().closeAllEditors(false);
        page().hideView(graph);
        Workbenches.drainEvents();
        assertEquals(null, AnalysisRegistry.get().current(), "no analysis is open");
        assertTrue(metrics.getTexts().isEmpty(), "the Metrics view is empty with no analysis open");
        MPart part = window.getService(EModelService.class)
                .findElements(window.getService(MWindow.class), VaescopeUi.CIRCUIT_GRAPH_VIEW_ID, MPart.class).get(0);
        part.getPersistedState().put("memento", saved.toString());

        CircuitGraphView restored = (CircuitGraphView) page().showView(VaescopeUi.CIRCUIT_GRAPH_VIEW_ID);

        assertTrue(restored != graph, "a new view instance");
        Workbenches.waitUntil("the restored analysis", VIEW_TIMEOUT_MS,
                () -> AnalysisRegistry.get().current() != null && !restored.isLayoutPending()
                        && restored.getCanvas().getGraph() != null);
        assertEquals(file, AnalysisRegistry.get().current().file());
        assertEquals(file, restored.getShownFile());
        assertEquals(filter, restored.getFilter(), "the filter is restored");
        assertTrue(!metrics.getTexts().isEmpty(), "the other views follow the restored analysis");
        Workbenches.settle(500);
        Workbenches.screenshot(window.getShell(), "vaescope-view-state-restored");
    }

    @Test
    @Order(7)
    void analysingAgainWithTheEditorOpenShowsTheNewResults() throws Exception {
        IDE.openEditor(page(), project.getFile("tiny.vsa"));
        AnalysisEditor editor = waitForEditor();
        assertEquals("5", editor.getAnalysis().provenance().get("seed"));
        TinyModels.quickRequest(6).remember(model);

        runAnalyseCommand();
        waitForRunningAnalysis();
        Workbenches.drainEvents();
        assertEquals("5", editor.getAnalysis().provenance().get("seed"), "the previous results stay until the run ends");
        Workbenches.waitUntil("the new analysis in the open editor", ANALYSIS_TIMEOUT_MS,
                () -> "6".equals(editor.getAnalysis().provenance().get("seed")));

        assertTrue(editor == editor(), "the same editor shows it");
        Workbenches.waitUntil("the views to follow", VIEW_TIMEOUT_MS,
                () -> AnalysisRegistry.get().current() == editor.getAnalysis());
    }

    private void assertCircuitGraphMatches(JsonNode json) throws Exception {
        CircuitGraphView view = (CircuitGraphView) page().showView(VaescopeUi.CIRCUIT_GRAPH_VIEW_ID);
        view.setFilter(CircuitFilter.NONE);
        Workbenches.waitUntil("the circuit graph layout", VIEW_TIMEOUT_MS, () -> !view.isLayoutPending());
        assertEquals(json.path("circuit_graph").path("nodes").size(), view.getCanvas().getGraph().nodes().size());
        assertEquals(edgeCount(json), view.getCanvas().getGraph().edges().size());
        Path svg = Path.of(System.getProperty("vaescope.screenshots", "target/screenshots"), "circuit-graph.svg");
        Path png = svg.resolveSibling("circuit-graph.png");
        view.export(svg);
        view.export(png);
        assertTrue(Files.readString(svg).contains("<svg") && Files.size(png) > 1_000);
        view.setFilter(CircuitFilter.DEFAULT);
        Workbenches.waitUntil("the filtered layout", VIEW_TIMEOUT_MS, () -> !view.isLayoutPending());
        Workbenches.screenshot(window.getShell(), "vaescope-circuit-graph");
    }

    private void assertMetricsMatch(JsonNode json) throws Exception {
        MetricsView view = (MetricsView) page().showView(VaescopeUi.METRICS_VIEW_ID);
        Workbenches.drainEvents();
        List<List<String>> rows = view.getTexts();
        assertEquals(json.path("metrics").size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode metric = json.path("metrics").get(i);
            assertEquals(metric.path("name").asText(), rows.get(i).get(1));
            assertEquals(Formats.metric(new Analysis.Metric("", "", number(metric.get("value")),
                    number(metric.get("lower")), number(metric.get("upper")), 0)), rows.get(i).get(2));
            assertEquals(metric.path("n").isNumber() ? metric.path("n").asText() : "", rows.get(i).get(3));
        }
        Workbenches.screenshot(window.getShell(), "vaescope-metrics");
    }

    /** Each factor's row gives its read-out's three accuracies, and "unreadable" exactly for the file's unreadable factors. */
    private static void assertReadoutsShown(org.eclipse.swt.widgets.Table factors, JsonNode json) {
        List<String> unreadable = new java.util.ArrayList<>();
        json.path("unreadable_factors").forEach(f -> unreadable.add(f.asText()));
        for (org.eclipse.swt.widgets.TableItem row : factors.getItems()) {
            String factor = row.getText(0);
            assertEquals(String.format(java.util.Locale.ROOT, "%.3f / %.3f / %.3f",
                    json.path("readout_accuracy").path(factor).asDouble(),
                    json.path("readout_accuracy_on_reconstructions").path(factor).asDouble(),
                    json.path("readout_chance_accuracy").path(factor).asDouble()), row.getText(2), factor);
            assertEquals(unreadable.contains(factor), row.getText(3).endsWith("(unreadable)"), factor + ": " + row.getText(3));
        }
    }

    private void assertUnitEffectsMatch(JsonNode json) throws Exception {
        UnitEffectsView view = (UnitEffectsView) page().showView(VaescopeUi.UNIT_EFFECTS_VIEW_ID);
        Workbenches.drainEvents();
        List<String> hooks = new ArrayList<>();
        json.path("unit_effects").path("hooks").forEach(h -> hooks.add(h.path("hook").asText()));
        assertEquals(hooks, view.getHooks());
        Workbenches.screenshot(window.getShell(), "vaescope-unit-effects");
    }

    private void assertFactorGraphMatches(JsonNode json) throws Exception {
        FactorGraphView view = (FactorGraphView) page().showView(VaescopeUi.FACTOR_GRAPH_VIEW_ID);
        Workbenches.waitUntil("the factor graph layout", VIEW_TIMEOUT_MS, () -> view.getCanvas().getGraph() != null);
        assertEquals(json.path("report").path("factors").size(), view.getCanvas().getGraph().nodes().size());
        assertEquals(json.path("report").path("implied_factor_graph").size(), view.getGraph().edges().stream()
                .filter(e -> !e.evidence().equals("missed")).count());
        assertTrue(view.getHeaderText().contains("factor pairs tested") || view.getHeaderText().contains(
                "No factor pair could be tested"), view.getHeaderText());
        Workbenches.screenshot(window.getShell(), "vaescope-factor-graph");
    }

    private void assertTraversalsShown() throws Exception {
        LatentTraversalsView view = (LatentTraversalsView) page().showView(VaescopeUi.LATENT_TRAVERSALS_VIEW_ID);
        Workbenches.waitUntil("the traversal grid", VIEW_TIMEOUT_MS, () -> view.getGrid() != null);
        assertEquals(TinyModels.LATENTS, view.getGrid().rows());
        assertEquals(7, view.getGrid().columns());
        Workbenches.screenshot(window.getShell(), "vaescope-latent-traversals");
    }

    /** Edges of the file's circuit graph: the length of every circuit's source column. */
    private static int edgeCount(JsonNode json) {
        int edges = 0;
        for (JsonNode circuit : json.path("circuit_graph").path("circuits")) {
            edges += circuit.path("source").size();
        }
        return edges;
    }

    private static double number(JsonNode node) {
        return node == null || !node.isNumber() ? Double.NaN : node.asDouble();
    }

    private Map<String, String> propertiesShown() {
        PropertySheet sheet = (PropertySheet) page().findView(IPageLayout.ID_PROP_SHEET);
        Tree tree = (Tree) sheet.getCurrentPage().getControl();
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (TreeItem category : tree.getItems()) {
            category.setExpanded(true);
            for (TreeItem item : category.getItems()) {
                values.put(item.getText(0), item.getText(1));
            }
            if (category.getItemCount() == 0) {
                values.put(category.getText(0), category.getText(1));
            }
        }
        return values;
    }

    private void runAnalyseCommand() throws Exception {
        Workbenches.selectInProjectExplorer(page(), model);
        ICommandService commands = window.getService(ICommandService.class);
        assertTrue(commands.getCommand(VaescopeUi.ANALYSE_MODEL_COMMAND_ID).isEnabled());
        ParameterizedCommand command = commands.deserialize(VaescopeUi.ANALYSE_MODEL_COMMAND_ID + "("
                + VaescopeUi.ANALYSE_USE_LAST_PARAMETER + "=true)");
        window.getService(IHandlerService.class).executeCommand(command, null);
    }

    private static Job waitForRunningAnalysis() {
        Job[] found = new Job[1];
        Workbenches.waitUntil("the analysis job to run", VIEW_TIMEOUT_MS, () -> {
            for (Job job : Job.getJobManager().find(VaescopeUi.JOB_FAMILY)) {
                if (job instanceof RunAnalysisJob && job.getState() == Job.RUNNING) {
                    found[0] = job;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** The active analysis editor once its analysis is read. */
    private static AnalysisEditor waitForEditor() {
        Workbenches.waitUntil("the analysis editor", ANALYSIS_TIMEOUT_MS,
                () -> editor() != null && editor().getAnalysis() != null);
        return editor();
    }

    private static AnalysisEditor editor() {
        return page().getActiveEditor() instanceof AnalysisEditor editor ? editor : null;
    }

    private static IWorkbenchPage page() {
        return window.getActivePage();
    }
}
