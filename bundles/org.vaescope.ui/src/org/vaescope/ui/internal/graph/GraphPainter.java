package org.vaescope.ui.internal.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Device;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.LineAttributes;
import org.eclipse.swt.graphics.Path;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.graphics.Transform;

/**
 * Paints one {@link LaidOutGraph} with a scale and an offset: groups, edges (width by weight, colour
 * and dash by evidence, arrowheads), then nodes with their labels when they are legible. The geometry
 * is built once, in layout coordinates, as one path per drawing style (a few dozen paths for
 * thousands of edges), and each paint only sets the transform: zoom and pan allocate nothing.
 * Labels are drawn only for the nodes in view; when nodes are specks on screen (a whole large
 * graph fitted), nodes are plain rectangles and edges plain lines. Dispose it with its graph.
 */
public final class GraphPainter {

    private static final double MIN_LABEL_SCALE = 0.45;
    /** Below this node height on screen, nodes are plain rectangles without outlines (they are specks). */
    private static final double MIN_DETAILED_PIXELS = 8;
    private static final int ANTIALIAS_MAX_EDGES = 2000;
    private static final double ARROW = 7;
    private static final double NODE_CORNER = 3;
    private static final double GROUP_CORNER = 4;
    private static final RGB DIMMED_EDGE = new RGB(225, 225, 225);
    private static final RGB DIMMED_NODE = new RGB(230, 230, 230);
    private static final RGB GROUP_BORDER = new RGB(200, 200, 215);

    /** Edges of one colour, dash and width: their polylines in one path, their arrowheads in another. */
    private record EdgeBatch(Path lines, Path arrows, Color color, boolean dashed, double width) {
    }

    /** Nodes of one fill colour. */
    private record NodeBatch(Path shapes, Color fill) {
    }

    private final Device device;
    private final LaidOutGraph graph;
    private final Map<RGB, Color> colors = new HashMap<>();
    private final List<Path> paths = new ArrayList<>();
    private final Point[] labelExtents;
    /** Label fonts shrunk with the graph, by point height, so a label stays inside its node below scale 1. */
    private final Map<Integer, Font> shrunkFonts = new HashMap<>();
    private int extentsFontHeight = -1;
    private final double maxWeight;
    private final double smallestNodeHeight;
    private List<Object> builtFor;
    private List<EdgeBatch> edges = List.of();
    private List<NodeBatch> nodes = List.of();
    private Path groups;
    private Path outlines;

    public GraphPainter(Device device, LaidOutGraph graph) {
        this.device = device;
        this.graph = graph;
        this.labelExtents = new Point[graph.nodes().size()];
        this.maxWeight = graph.edges().stream().mapToDouble(e -> Math.abs(e.weight())).max().orElse(1);
        this.smallestNodeHeight = graph.nodes().stream().mapToDouble(LaidOutGraph.Box::height).min().orElse(0);
    }

    /** Paints the whole graph once with a new painter (exports). */
    public static void paint(GC gc, LaidOutGraph graph, double scale, double dx, double dy) {
        GraphPainter painter = new GraphPainter(gc.getDevice(), graph);
        try {
            painter.paint(gc, scale, dx, dy, null, Set.of(), null);
        } finally {
            painter.dispose();
        }
    }

    /**
     * Paints; layout point (x, y) lands at (x·scale + dx, y·scale + dy). {@code highlighted} are the
     * nodes drawn in colour when not empty (the others dimmed); {@code view} the canvas area in view,
     * or null for all of it.
     */
    public void paint(GC gc, double scale, double dx, double dy, String selected, Set<String> highlighted,
            Rectangle view) {
        build(highlighted, detailed(scale));
        gc.setAntialias(graph.edges().size() > ANTIALIAS_MAX_EDGES ? SWT.OFF : SWT.ON);
        Transform transform = new Transform(device, (float) scale, 0, 0, (float) scale, (float) dx, (float) dy);
        try {
            gc.setTransform(transform);
            paintShapes(gc, scale, selected);
        } finally {
            gc.setTransform(null);
            transform.dispose();
        }
        if (scale >= MIN_LABEL_SCALE) {
            paintLabels(gc, scale, dx, dy, highlighted, view);
        }
    }

    private void paintShapes(GC gc, double scale, String selected) {
        gc.setBackground(color(GraphStyles.fill("group")));
        gc.fillPath(groups);
        gc.setForeground(color(GROUP_BORDER));
        gc.setLineAttributes(solid(1 / scale));
        gc.drawPath(groups);
        for (EdgeBatch batch : edges) {
            gc.setForeground(batch.color());
            gc.setBackground(batch.color());
            double pixels = Math.max(1, Math.round(batch.width() * Math.min(1, scale)));
            gc.setLineAttributes(new LineAttributes((float) (pixels / scale), SWT.CAP_FLAT, SWT.JOIN_MITER,
                    batch.dashed() ? SWT.LINE_DASH : SWT.LINE_SOLID, null, 0, 10));
            gc.drawPath(batch.lines());
            gc.fillPath(batch.arrows());
        }
        for (NodeBatch batch : nodes) {
            gc.setBackground(batch.fill());
            gc.fillPath(batch.shapes());
        }
        if (outlines != null) {
            gc.setForeground(device.getSystemColor(SWT.COLOR_DARK_GRAY));
            gc.setLineAttributes(solid(1 / scale));
            gc.drawPath(outlines);
        }
        LaidOutGraph.Box chosen = selected == null ? null : graph.node(selected);
        if (chosen != null) {
            gc.setForeground(device.getSystemColor(SWT.COLOR_RED));
            gc.setLineAttributes(solid(3 / scale));
            Path path = new Path(device);
            roundRectangle(path, chosen, NODE_CORNER);
            gc.drawPath(path);
            path.dispose();
        }
    }

    private static LineAttributes solid(double width) {
        return new LineAttributes((float) width);
    }

    private void paintLabels(GC gc, double scale, double dx, double dy, Set<String> highlighted, Rectangle view) {
        Font font = gc.getFont();
        try {
            gc.setFont(labelFont(font, scale));
            paintLabelText(gc, scale, dx, dy, highlighted, view);
        } finally {
            gc.setFont(font);
        }
    }

    /** The canvas font, shrunk by the scale when the graph is drawn smaller than laid out. */
    private Font labelFont(Font font, double scale) {
        FontData data = font.getFontData()[0];
        int height = labelHeight(data.getHeight(), scale);
        if (height != extentsFontHeight) {
            java.util.Arrays.fill(labelExtents, null);
            extentsFontHeight = height;
        }
        if (height == data.getHeight()) {
            return font;
        }
        return shrunkFonts.computeIfAbsent(height, h -> new Font(device, data.getName(), h, data.getStyle()));
    }

    /** Point height of the labels: the canvas font's, scaled down (never up) with the graph, at least 1. */
    static int labelHeight(int canvasHeight, double scale) {
        return scale >= 1 ? canvasHeight : Math.max(1, (int) Math.floor(canvasHeight * scale));
    }

    private void paintLabelText(GC gc, double scale, double dx, double dy, Set<String> highlighted, Rectangle view) {
        gc.setForeground(device.getSystemColor(SWT.COLOR_DARK_GRAY));
        for (LaidOutGraph.Box group : graph.groups()) {
            gc.drawText(group.label(), (int) (group.x() * scale + dx) + 4, (int) (group.y() * scale + dy) + 1, true);
        }
        Color lit = device.getSystemColor(SWT.COLOR_WHITE);
        Color dim = device.getSystemColor(SWT.COLOR_GRAY);
        for (int i = 0; i < labelExtents.length; i++) {
            LaidOutGraph.Box node = graph.nodes().get(i);
            int x = (int) (node.x() * scale + dx);
            int y = (int) (node.y() * scale + dy);
            int w = (int) (node.width() * scale);
            int h = (int) (node.height() * scale);
            if (view != null && (x > view.x + view.width || y > view.y + view.height || x + w < view.x || y + h < view.y)) {
                continue;
            }
            if (labelExtents[i] == null) {
                labelExtents[i] = gc.textExtent(node.label());
            }
            gc.setForeground(highlighted.isEmpty() || highlighted.contains(node.id()) ? lit : dim);
            gc.drawText(node.label(), x + (w - labelExtents[i].x) / 2, y + (h - labelExtents[i].y) / 2, true);
        }
    }

    private boolean detailed(double scale) {
        return smallestNodeHeight * scale >= MIN_DETAILED_PIXELS;
    }

    /** Builds the paths for this highlight and level of detail, unless they are built already. */
    private void build(Set<String> highlighted, boolean detailed) {
        List<Object> key = List.of(highlighted, detailed);
        if (key.equals(builtFor)) {
            return;
        }
        disposePaths();
        builtFor = key;
        groups = newPath();
        graph.groups().forEach(group -> roundRectangle(groups, group, GROUP_CORNER));
        edges = buildEdges(highlighted, detailed);
        nodes = buildNodes(highlighted, detailed);
    }

    /** Without detail (nodes are specks), edges are drawn solid and without arrowheads. */
    private List<EdgeBatch> buildEdges(Set<String> highlighted, boolean detailed) {
        Map<String, EdgeBatch> batches = new LinkedHashMap<>();
        for (LaidOutGraph.Line edge : graph.edges()) {
            boolean lit = highlighted.isEmpty() || highlighted.contains(edge.source()) && highlighted.contains(edge.target());
            double width = Math.round(GraphStyles.lineWidth(edge.weight(), maxWeight) * 2) / 2.0;
            EdgeBatch batch = batches.computeIfAbsent(edge.style() + '|' + lit + '|' + width, key -> new EdgeBatch(
                    newPath(), newPath(), color(lit ? GraphStyles.stroke(edge.style()) : DIMMED_EDGE),
                    detailed && GraphStyles.dashed(edge.style()), width));
            polyline(batch.lines(), edge.points());
            if (detailed) {
                arrowHead(batch.arrows(), edge.points());
            }
        }
        List<EdgeBatch> ordered = new ArrayList<>(batches.values());
        ordered.sort((a, b) -> Boolean.compare(!a.color().getRGB().equals(DIMMED_EDGE), !b.color().getRGB().equals(DIMMED_EDGE)));
        return ordered;
    }

    private List<NodeBatch> buildNodes(Set<String> highlighted, boolean detailed) {
        Map<RGB, NodeBatch> batches = new LinkedHashMap<>();
        outlines = detailed ? newPath() : null;
        for (LaidOutGraph.Box node : graph.nodes()) {
            boolean lit = highlighted.isEmpty() || highlighted.contains(node.id());
            RGB fill = lit ? GraphStyles.fill(node.style()) : DIMMED_NODE;
            NodeBatch batch = batches.computeIfAbsent(fill, rgb -> new NodeBatch(newPath(), color(rgb)));
            if (detailed) {
                roundRectangle(batch.shapes(), node, NODE_CORNER);
                roundRectangle(outlines, node, NODE_CORNER);
            } else {
                batch.shapes().addRectangle((float) node.x(), (float) node.y(), (float) node.width(),
                        (float) node.height());
            }
        }
        return List.copyOf(batches.values());
    }

    private static void polyline(Path path, double[] p) {
        path.moveTo((float) p[0], (float) p[1]);
        for (int i = 2; i < p.length; i += 2) {
            path.lineTo((float) p[i], (float) p[i + 1]);
        }
    }

    private static void arrowHead(Path path, double[] p) {
        int n = p.length;
        double ax = p[n - 2];
        double ay = p[n - 1];
        double angle = Math.atan2(ay - p[n - 3], ax - p[n - 4]);
        path.moveTo((float) ax, (float) ay);
        path.lineTo((float) (ax - ARROW * Math.cos(angle - 0.4)), (float) (ay - ARROW * Math.sin(angle - 0.4)));
        path.lineTo((float) (ax - ARROW * Math.cos(angle + 0.4)), (float) (ay - ARROW * Math.sin(angle + 0.4)));
        path.close();
    }

    private static void roundRectangle(Path path, LaidOutGraph.Box box, double corner) {
        float x = (float) box.x();
        float y = (float) box.y();
        float w = (float) Math.max(box.width(), 2 * corner);
        float h = (float) Math.max(box.height(), 2 * corner);
        float r = (float) corner;
        float d = 2 * r;
        path.moveTo(x + r, y);
        path.addArc(x + w - d, y, d, d, 90, -90);
        path.addArc(x + w - d, y + h - d, d, d, 0, -90);
        path.addArc(x, y + h - d, d, d, 270, -90);
        path.addArc(x, y, d, d, 180, -90);
        path.close();
    }

    private Path newPath() {
        Path path = new Path(device);
        paths.add(path);
        return path;
    }

    private Color color(RGB rgb) {
        return colors.computeIfAbsent(rgb, c -> new Color(device, c));
    }

    private void disposePaths() {
        paths.forEach(Path::dispose);
        paths.clear();
    }

    /** Frees the paths and colours. */
    public void dispose() {
        disposePaths();
        colors.values().forEach(Color::dispose);
        colors.clear();
        shrunkFonts.values().forEach(Font::dispose);
        shrunkFonts.clear();
    }

    /** The graph this painter draws. */
    public LaidOutGraph graph() {
        return graph;
    }
}
