package org.vaescope.ui.internal.views;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.core.util.IElkProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.ui.IMemento;
import org.eclipse.ui.statushandlers.StatusManager;
import org.vaescope.ui.internal.analysis.Analysis;
import org.vaescope.ui.internal.analysis.AnalysisElement;
import org.vaescope.ui.internal.graph.CircuitFilter;
import org.vaescope.ui.internal.graph.GraphCanvas;
import org.vaescope.ui.internal.graph.GraphExport;
import org.vaescope.ui.internal.graph.GraphLayouts;
import org.vaescope.ui.internal.graph.LaidOutGraph;

/**
 * The circuit graph of the current analysis: factors, latents and circuit units grouped by hook
 * point, laid out left to right by ELK in a job. Filters for factor, edge weight and top-k units per
 * factor; export to SVG and PNG. Selecting a unit shows its response profile across factors.
 */
public class CircuitGraphView extends AnalysisView {

    private static final String ALL_FACTORS = "All factors";
    /** Unit labels ("#11") stay legible down to about this zoom. */
    private static final double READABLE_SCALE = 0.8;
    private static final String FACTOR = "factor";
    private static final String MIN_WEIGHT = "minWeightPercent";
    private static final String TOP_UNITS = "topUnitsPerFactor";

    private Combo factor;
    private Spinner minWeight;
    private Spinner topUnits;
    private GraphCanvas canvas;
    private BarChart profile;
    private Analysis analysis;
    private String restoredFactor;
    private final AtomicInteger generation = new AtomicInteger();
    private volatile boolean layoutPending;

    @Override
    protected void createContent(Composite parent) {
        GridLayoutFactory.fillDefaults().margins(2, 2).applyTo(parent);
        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(9).applyTo(bar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        factor = new Combo(bar, SWT.READ_ONLY);
        factor.addListener(SWT.Selection, e -> relayout());
        new Label(bar, SWT.NONE).setText("min |weight|");
        minWeight = new Spinner(bar, SWT.BORDER);
        minWeight.setDigits(2);
        minWeight.setValues(0, 0, 100, 2, 5, 10);
        minWeight.addListener(SWT.Selection, e -> relayout());
        new Label(bar, SWT.NONE).setText("top units per factor (0: all)");
        topUnits = new Spinner(bar, SWT.BORDER);
        topUnits.setValues(CircuitFilter.DEFAULT.topUnitsPerFactor(), 0, 10_000, 0, 1, 10);
        topUnits.addListener(SWT.Selection, e -> relayout());
        button(bar, "Fit", () -> canvas.fit());
        button(bar, "Export SVG…", () -> export("*.svg"));
        button(bar, "Export PNG…", () -> export("*.png"));
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);
        canvas = new GraphCanvas(sash);
        canvas.setReadableScale(READABLE_SCALE);
        canvas.onSelect(box -> selectNode(box == null ? null : box.id()));
        profile = new BarChart(sash);
        sash.setWeights(4, 1);
    }

    private static void button(Composite bar, String text, Runnable action) {
        Button button = new Button(bar, SWT.PUSH);
        button.setText(text);
        button.addListener(SWT.Selection, e -> action.run());
    }

    @Override
    protected void showAnalysis(Analysis shown) {
        analysis = shown;
        factor.removeAll();
        factor.add(ALL_FACTORS);
        if (shown != null) {
            shown.factors().forEach(factor::add);
        }
        factor.select(restoredFactor == null ? 0 : Math.max(0, factor.indexOf(restoredFactor)));
        restoredFactor = null;
        factor.getParent().layout();
        showProfile(null); // a unit of the analysis shown before is not one of this one
        relayout();
    }

    /** Sets the filter and lays the graph out again (tests and other views). */
    public void setFilter(CircuitFilter filter) {
        factor.select(filter.factor() == null ? 0 : Math.max(0, factor.indexOf(filter.factor())));
        minWeight.setSelection((int) Math.round(filter.minWeight() * 100));
        topUnits.setSelection(filter.topUnitsPerFactor());
        relayout();
    }

    @Override
    protected void saveViewState(IMemento memento) {
        CircuitFilter filter = getFilter();
        if (filter.factor() != null) {
            memento.putString(FACTOR, filter.factor());
        }
        memento.putInteger(MIN_WEIGHT, minWeight.getSelection());
        memento.putInteger(TOP_UNITS, topUnits.getSelection());
    }

    @Override
    protected void restoreState(IMemento memento) {
        restoredFactor = memento.getString(FACTOR);
        Integer weight = memento.getInteger(MIN_WEIGHT);
        Integer top = memento.getInteger(TOP_UNITS);
        minWeight.setSelection(weight == null ? minWeight.getSelection() : weight);
        topUnits.setSelection(top == null ? topUnits.getSelection() : top);
    }

    /** The filter the controls describe. */
    public CircuitFilter getFilter() {
        String chosen = factor.getSelectionIndex() <= 0 ? null : factor.getText();
        return new CircuitFilter(chosen, minWeight.getSelection() / 100.0, topUnits.getSelection());
    }

    private void relayout() {
        int mine = generation.incrementAndGet();
        if (analysis == null) {
            canvas.setMessage(emptyMessage());
            return;
        }
        CircuitFilter filter = getFilter();
        Analysis.Graph whole = analysis.circuitGraph();
        canvas.setMessage("Laying out the circuit graph…");
        layoutPending = true;
        Job job = Job.create("Laying out the circuit graph", (IProgressMonitor monitor) -> {
            try {
                LaidOutGraph laidOut = layout(filter.apply(whole));
                deliver(mine, () -> canvas.setGraph(laidOut));
                return Status.OK_STATUS;
            } catch (RuntimeException | LinkageError e) {
                deliver(mine, () -> canvas.setMessage("The layout failed: " + e));
                return Status.error("Laying out the circuit graph failed", e);
            }
        });
        job.setSystem(true);
        job.schedule();
    }

    private void deliver(int mine, Runnable show) {
        canvas.getDisplay().asyncExec(() -> {
            if (mine == generation.get() && !canvas.isDisposed()) {
                show.run();
                layoutPending = false;
            }
        });
    }

    /** The circuit graph's ELK layout: latents, factors, then one band per hook point in network order. */
    public static LaidOutGraph layout(Analysis.Graph graph) {
        return layout(graph, GraphLayouts.Settings.forEdges(graph.edges().size()), new BasicProgressMonitor());
    }

    /**
     * As above with these ELK settings, reporting ELK's phases to {@code monitor} (benchmarks). A unit
     * is labelled by its index only ("#11"): the box of its hook point names the hook, and short
     * boxes keep the graph large enough on screen for labels.
     */
    public static LaidOutGraph layout(Analysis.Graph graph, GraphLayouts.Settings settings,
            IElkProgressMonitor monitor) {
        List<Analysis.Node> nodes = graph.nodes().stream().map(n -> n.kind().equals("unit")
                ? new Analysis.Node(n.id(), n.kind(), n.hook(), n.index(), "#" + n.index(), n.unitClass()) : n).toList();
        return GraphLayouts.layered(nodes, graph.edges(), n -> switch (n.kind()) {
            case "latent" -> 0;
            case "factor" -> 1;
            default -> 2 + Math.max(0, graph.hooks().indexOf(n.hook()));
        }, n -> n.kind().equals("unit") && n.unitClass() != null ? n.unitClass() : n.kind(), Analysis.Node::hook,
                settings, monitor);
    }

    private void showProfile(String nodeId) {
        AnalysisElement element = nodeId == null || analysis == null ? null
                : analysis.circuitGraph().node(nodeId).map(n -> AnalysisElement.of(analysis, n)).orElse(null);
        if (element instanceof AnalysisElement.Unit unit) {
            profile.show("Response of " + unit.hook() + "[" + unit.unit() + "] (" + unit.unitClass() + ") across factors",
                    analysis.units().factors(), unit.responses());
        } else {
            profile.show("Select a unit to see its response profile across factors", List.of(), new double[0]);
        }
    }

    @Override
    protected void reveal(AnalysisElement element) {
        if (analysis == null || !element.analysis().file().equals(analysis.file())) {
            return;
        }
        String id = element.key();
        String nodeId = analysis.circuitGraph().nodes().stream()
                .filter(n -> id.equals(elementKey(n))).map(Analysis.Node::id).findFirst().orElse(null);
        canvas.select(nodeId);
        showProfile(nodeId);
    }

    private String elementKey(Analysis.Node node) {
        AnalysisElement element = AnalysisElement.of(analysis, node);
        return element == null ? "" : element.key();
    }

    /** Programmatic click on a node: selects it here and publishes it (tests, other views). */
    public void selectNode(String nodeId) {
        canvas.select(nodeId);
        showProfile(nodeId);
        selection.select(analysis == null || nodeId == null ? null
                : analysis.circuitGraph().node(nodeId).map(n -> AnalysisElement.of(analysis, n)).orElse(null));
    }

    private void export(String extension) {
        LaidOutGraph graph = canvas.getGraph();
        if (graph == null) {
            return;
        }
        FileDialog dialog = new FileDialog(canvas.getShell(), SWT.SAVE);
        dialog.setFilterExtensions(new String[] {extension});
        dialog.setOverwrite(true);
        String target = dialog.open();
        if (target != null) {
            export(Path.of(target));
        }
    }

    /** Writes the graph on display as SVG or PNG, by the file's extension. */
    public void export(Path file) {
        try {
            if (file.getFileName().toString().endsWith(".png")) {
                GraphExport.writePng(canvas.getGraph(), file, canvas.getDisplay());
            } else {
                GraphExport.writeSvg(canvas.getGraph(), file);
            }
        } catch (IOException e) {
            StatusManager.getManager().handle(Status.error("Cannot write " + file + ": " + e.getMessage()),
                    StatusManager.SHOW | StatusManager.LOG);
        }
    }

    public GraphCanvas getCanvas() {
        return canvas;
    }

    public BarChart getProfile() {
        return profile;
    }

    /** True while a layout job for the current filter has not delivered yet. */
    public boolean isLayoutPending() {
        return layoutPending;
    }

    @Override
    public void setFocus() {
        canvas.setFocus();
    }
}
