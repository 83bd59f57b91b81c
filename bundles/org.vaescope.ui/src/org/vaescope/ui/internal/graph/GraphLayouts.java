package org.vaescope.ui.internal.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.CrossingMinimizationStrategy;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.LayeringStrategy;
import org.eclipse.elk.alg.layered.options.NodePlacementStrategy;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.core.util.IElkProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;
import org.vaescope.ui.internal.analysis.Analysis;

/**
 * Left-to-right layered layouts by ELK. Nodes may be put into ordered partitions (the hook points
 * of a network): ELK keeps every partition in its own band of layers. Runs off the UI thread.
 */
public final class GraphLayouts {

    private static final double NODE_HEIGHT = 18;
    private static final double CHAR_WIDTH = 7;
    private static final double GROUP_MARGIN = 10;
    /** Above this many edges the graph gets {@link Settings#LARGE}: it is past reading edge by edge. */
    public static final int LARGE_GRAPH_EDGES = 1_000;
    private static boolean registered;

    /** The ELK layered options that decide a layout's quality and its time. */
    public record Settings(LayeringStrategy layering, CrossingMinimizationStrategy crossingMinimization,
            NodePlacementStrategy nodePlacement, EdgeRouting edgeRouting, int thoroughness, boolean mergeEdges) {

        /** ELK's careful defaults: network-simplex layering, layer-sweep crossing minimisation. */
        public static final Settings READABLE = new Settings(LayeringStrategy.NETWORK_SIMPLEX,
                CrossingMinimizationStrategy.LAYER_SWEEP, NodePlacementStrategy.BRANDES_KOEPF, EdgeRouting.POLYLINE, 1,
                false);
        /**
         * For graphs of thousands of edges, where the careful defaults take tens of seconds: longest-path
         * layering, merged edges, no crossing minimisation, and the simple node placement.
         */
        public static final Settings LARGE = new Settings(LayeringStrategy.LONGEST_PATH,
                CrossingMinimizationStrategy.NONE, NodePlacementStrategy.SIMPLE, EdgeRouting.POLYLINE, 1, true);

        /** The settings for a graph of this many edges. */
        public static Settings forEdges(int edgeCount) {
            return edgeCount > LARGE_GRAPH_EDGES ? LARGE : READABLE;
        }

        void applyTo(ElkNode root) {
            root.setProperty(LayeredOptions.LAYERING_STRATEGY, layering);
            root.setProperty(LayeredOptions.CROSSING_MINIMIZATION_STRATEGY, crossingMinimization);
            root.setProperty(LayeredOptions.NODE_PLACEMENT_STRATEGY, nodePlacement);
            root.setProperty(CoreOptions.EDGE_ROUTING, edgeRouting);
            root.setProperty(LayeredOptions.THOROUGHNESS, thoroughness);
            root.setProperty(LayeredOptions.MERGE_EDGES, mergeEdges);
        }
    }

    private GraphLayouts() {
    }

    /**
     * Lays out the graph. {@code partition} gives each node's band (or -1 for none);
     * {@code style} its drawing style; {@code group} the label of the box drawn around nodes that
     * share it (null for none).
     */
    public static LaidOutGraph layered(List<Analysis.Node> nodes, List<Analysis.Edge> edges,
            ToIntFunction<Analysis.Node> partition, Function<Analysis.Node, String> style,
            Function<Analysis.Node, String> group) {
        return layered(nodes, edges, partition, style, group, Settings.forEdges(edges.size()), new BasicProgressMonitor());
    }

    /** As above with these settings, reporting ELK's phases to {@code monitor} (benchmarks time them). */
    public static LaidOutGraph layered(List<Analysis.Node> nodes, List<Analysis.Edge> edges,
            ToIntFunction<Analysis.Node> partition, Function<Analysis.Node, String> style,
            Function<Analysis.Node, String> group, Settings settings, IElkProgressMonitor monitor) {
        registerLayered();
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE, 6.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 40.0);
        settings.applyTo(root);
        boolean partitioned = nodes.stream().anyMatch(n -> partition.applyAsInt(n) >= 0);
        root.setProperty(LayeredOptions.PARTITIONING_ACTIVATE, partitioned);
        Map<String, ElkNode> byId = new LinkedHashMap<>();
        for (Analysis.Node node : nodes) {
            ElkNode elk = ElkGraphUtil.createNode(root);
            elk.setDimensions(16 + CHAR_WIDTH * node.label().length(), NODE_HEIGHT);
            if (partitioned) {
                elk.setProperty(LayeredOptions.PARTITIONING_PARTITION, Math.max(0, partition.applyAsInt(node)));
            }
            byId.put(node.id(), elk);
        }
        Map<ElkEdge, Analysis.Edge> edgeOf = new HashMap<>();
        for (Analysis.Edge edge : edges) {
            ElkNode source = byId.get(edge.source());
            ElkNode target = byId.get(edge.target());
            if (source != null && target != null && source != target) {
                edgeOf.put(ElkGraphUtil.createSimpleEdge(source, target), edge);
            }
        }
        new RecursiveGraphLayoutEngine().layout(root, monitor);
        return collect(nodes, byId, edgeOf, style, group, root);
    }

    private static LaidOutGraph collect(List<Analysis.Node> nodes, Map<String, ElkNode> byId,
            Map<ElkEdge, Analysis.Edge> edgeOf, Function<Analysis.Node, String> style,
            Function<Analysis.Node, String> group, ElkNode root) {
        List<LaidOutGraph.Box> boxes = new ArrayList<>();
        Map<String, double[]> groupBounds = new LinkedHashMap<>();
        for (Analysis.Node node : nodes) {
            ElkNode elk = byId.get(node.id());
            boxes.add(new LaidOutGraph.Box(node.id(), node.label(), style.apply(node), elk.getX(), elk.getY(),
                    elk.getWidth(), elk.getHeight()));
            String name = group.apply(node);
            if (name != null) {
                double[] b = groupBounds.computeIfAbsent(name, k -> new double[] {Double.MAX_VALUE, Double.MAX_VALUE,
                    -Double.MAX_VALUE, -Double.MAX_VALUE});
                b[0] = Math.min(b[0], elk.getX());
                b[1] = Math.min(b[1], elk.getY());
                b[2] = Math.max(b[2], elk.getX() + elk.getWidth());
                b[3] = Math.max(b[3], elk.getY() + elk.getHeight());
            }
        }
        List<LaidOutGraph.Line> lines = new ArrayList<>();
        for (ElkEdge elk : edgeOf.keySet()) {
            Analysis.Edge edge = edgeOf.get(elk);
            lines.add(new LaidOutGraph.Line(edge.source(), edge.target(), edge.weight(), edge.evidence(), points(elk)));
        }
        List<LaidOutGraph.Box> groups = new ArrayList<>();
        groupBounds.forEach((name, b) -> groups.add(new LaidOutGraph.Box(name, name, "group", b[0] - GROUP_MARGIN,
                b[1] - GROUP_MARGIN - 14, b[2] - b[0] + 2 * GROUP_MARGIN, b[3] - b[1] + 2 * GROUP_MARGIN + 14)));
        return new LaidOutGraph(boxes, lines, groups, root.getWidth(), root.getHeight());
    }

    private static double[] points(ElkEdge edge) {
        if (edge.getSections().isEmpty()) {
            ElkNode s = ElkGraphUtil.connectableShapeToNode(edge.getSources().get(0));
            ElkNode t = ElkGraphUtil.connectableShapeToNode(edge.getTargets().get(0));
            return new double[] {s.getX() + s.getWidth(), s.getY() + s.getHeight() / 2, t.getX(), t.getY() + t.getHeight() / 2};
        }
        ElkEdgeSection section = edge.getSections().get(0);
        double[] points = new double[4 + 2 * section.getBendPoints().size()];
        int i = 0;
        points[i++] = section.getStartX();
        points[i++] = section.getStartY();
        for (ElkBendPoint bend : section.getBendPoints()) {
            points[i++] = bend.getX();
            points[i++] = bend.getY();
        }
        points[i++] = section.getEndX();
        points[i] = section.getEndY();
        return points;
    }

    private static synchronized void registerLayered() {
        if (!registered) {
            LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
            registered = true;
        }
    }
}
