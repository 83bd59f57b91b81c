package org.vaescope.ui.internal.views;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.vaescope.core.analysis.ImpliedEffectEvidence;
import org.vaescope.ui.internal.analysis.Analysis;
import org.vaescope.ui.internal.analysis.AnalysisElement;
import org.vaescope.ui.internal.analysis.Formats;
import org.vaescope.ui.internal.graph.GraphCanvas;
import org.vaescope.ui.internal.graph.GraphLayouts;
import org.vaescope.ui.internal.graph.LaidOutGraph;

/**
 * The implied factor causal graph (ELK layout); when the dataset has a true graph, its edges are
 * drawn too — green where both agree, red where only implied, grey dashed where missed — with the
 * edge precision and recall.
 */
public class FactorGraphView extends AnalysisView {

    private Label header;
    private GraphCanvas canvas;
    private Analysis analysis;
    private Analysis.Graph graph;
    private final AtomicInteger generation = new AtomicInteger();

    @Override
    protected void createContent(Composite parent) {
        GridLayoutFactory.fillDefaults().margins(2, 2).applyTo(parent);
        header = new Label(parent, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(header);
        canvas = new GraphCanvas(parent);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(canvas);
        canvas.onSelect(box -> selection.select(box == null || analysis == null ? null
                : new AnalysisElement.Factor(analysis, box.label())));
    }

    @Override
    protected void showAnalysis(Analysis shown) {
        analysis = shown;
        int mine = generation.incrementAndGet();
        if (shown == null) {
            header.setText("");
            canvas.setMessage(emptyMessage());
            return;
        }
        graph = factorGraph(shown.factorGraphs());
        header.setText(headline(shown.factorGraphs()));
        header.getParent().layout();
        canvas.setMessage("Laying out the factor graph…");
        Job job = Job.create("Laying out the factor graph", (IProgressMonitor monitor) -> {
            LaidOutGraph laidOut = GraphLayouts.layered(graph.nodes(), graph.edges(), n -> -1, n -> "factor", n -> null);
            canvas.getDisplay().asyncExec(() -> {
                if (mine == generation.get() && !canvas.isDisposed()) {
                    canvas.setGraph(laidOut);
                }
            });
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }

    static String headline(Analysis.FactorGraphs graphs) {
        String implied = graphs.implied().size() + " implied edges";
        String pairs = pairsLine(graphs.pairs());
        if (!graphs.hasTruth()) {
            return implied + "; the dataset has no true factor graph." + pairs;
        }
        return implied + ", " + graphs.truth().size() + " true edges — precision " + Formats.metric(graphs.precision())
                + ", recall " + Formats.metric(graphs.recall())
                + "   (green: found, red: not in the true graph, grey dashed: missed)" + pairs;
    }

    /** The engine's account of the pairs behind the graph, and where to see each of them. */
    static String pairsLine(List<Analysis.FactorPair> pairs) {
        String summary = ImpliedEffectEvidence.testedSummary(pairs.stream().map(Analysis.FactorPair::entry).toList());
        return summary.isEmpty() ? "" : "\n" + summary + " Analysis editor, Factors page: every pair.";
    }

    /** Factor nodes and the implied edges, classified against the true graph when there is one. */
    static Analysis.Graph factorGraph(Analysis.FactorGraphs graphs) {
        List<Analysis.Node> nodes = graphs.factors().stream()
                .map(f -> new Analysis.Node(f, "factor", null, graphs.factors().indexOf(f), f, null)).toList();
        List<Analysis.Edge> edges = new ArrayList<>();
        Set<String> truth = graphs.hasTruth() ? keys(graphs.truth()) : Set.of();
        Set<String> implied = keys(graphs.implied());
        for (Analysis.Edge e : graphs.implied()) {
            String kind = !graphs.hasTruth() ? "factor-effect" : truth.contains(key(e)) ? "true-positive" : "false-positive";
            edges.add(new Analysis.Edge(e.source(), e.target(), 1, kind, null));
        }
        if (graphs.hasTruth()) {
            graphs.truth().stream().filter(e -> !implied.contains(key(e)))
                    .forEach(e -> edges.add(new Analysis.Edge(e.source(), e.target(), 1, "missed", null)));
        }
        return new Analysis.Graph(List.of(), nodes, edges);
    }

    private static Set<String> keys(List<Analysis.Edge> edges) {
        return edges.stream().map(FactorGraphView::key).collect(java.util.stream.Collectors.toSet());
    }

    private static String key(Analysis.Edge e) {
        return e.source() + "→" + e.target();
    }

    @Override
    protected void reveal(AnalysisElement element) {
        if (element instanceof AnalysisElement.Factor factor && analysis != null
                && factor.analysis().file().equals(analysis.file())) {
            canvas.select(factor.name());
        }
    }

    /** The graph drawn (nodes and classified edges). */
    public Analysis.Graph getGraph() {
        return graph;
    }

    public GraphCanvas getCanvas() {
        return canvas;
    }

    public String getHeaderText() {
        return header.getText();
    }

    @Override
    public void setFocus() {
        canvas.setFocus();
    }
}
