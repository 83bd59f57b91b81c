package org.vaescope.ui.internal.bench;

import java.util.Set;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Display;
import org.vaescope.ui.internal.graph.GraphStyles;
import org.vaescope.ui.internal.graph.LaidOutGraph;

/**
 * The benchmark's baseline: the graph painter as it was before its geometry was cached (every
 * primitive drawn on its own, colours allocated per primitive). Kept only to measure the new
 * painter against it in the same run.
 */
final class BaselineGraphPainter {

    private static final double MIN_LABEL_SCALE = 0.45;

    private BaselineGraphPainter() {
    }

    /** Paints the graph; layout point (x, y) lands at (x·scale + dx, y·scale + dy). */
    public static void paint(GC gc, LaidOutGraph graph, double scale, double dx, double dy, String selected,
            Set<String> highlighted) {
        Display display = gc.getDevice() instanceof Display d ? d : Display.getCurrent();
        gc.setAntialias(graph.edges().size() > 2000 ? SWT.OFF : SWT.ON);
        for (LaidOutGraph.Box group : graph.groups()) {
            paintGroup(gc, display, group, scale, dx, dy);
        }
        double maxWeight = graph.edges().stream().mapToDouble(e -> Math.abs(e.weight())).max().orElse(1);
        for (LaidOutGraph.Line edge : graph.edges()) {
            boolean lit = highlighted.isEmpty() || highlighted.contains(edge.source()) && highlighted.contains(edge.target());
            paintEdge(gc, display, edge, maxWeight, lit, scale, dx, dy);
        }
        for (LaidOutGraph.Box node : graph.nodes()) {
            boolean lit = highlighted.isEmpty() || highlighted.contains(node.id());
            paintNode(gc, display, node, node.id().equals(selected), lit, scale, dx, dy);
        }
    }

    private static void paintGroup(GC gc, Display display, LaidOutGraph.Box group, double scale, double dx, double dy) {
        Color fill = new Color(display, GraphStyles.fill("group"));
        Color border = new Color(display, 200, 200, 215);
        gc.setBackground(fill);
        gc.setForeground(border);
        int x = (int) (group.x() * scale + dx);
        int y = (int) (group.y() * scale + dy);
        int w = (int) (group.width() * scale);
        int h = (int) (group.height() * scale);
        gc.fillRoundRectangle(x, y, w, h, 8, 8);
        gc.drawRoundRectangle(x, y, w, h, 8, 8);
        if (scale >= MIN_LABEL_SCALE) {
            gc.setForeground(display.getSystemColor(SWT.COLOR_DARK_GRAY));
            gc.drawText(group.label(), x + 4, y + 1, true);
        }
        fill.dispose();
        border.dispose();
    }

    private static void paintEdge(GC gc, Display display, LaidOutGraph.Line edge, double maxWeight, boolean lit,
            double scale, double dx, double dy) {
        Color color = new Color(display, lit ? GraphStyles.stroke(edge.style()) : new org.eclipse.swt.graphics.RGB(225, 225, 225));
        gc.setForeground(color);
        gc.setBackground(color);
        gc.setLineWidth(Math.max(1, (int) Math.round(GraphStyles.lineWidth(edge.weight(), maxWeight) * Math.min(1, scale))));
        gc.setLineStyle(GraphStyles.dashed(edge.style()) ? SWT.LINE_DASH : SWT.LINE_SOLID);
        double[] p = edge.points();
        int[] screen = new int[p.length];
        for (int i = 0; i < p.length; i += 2) {
            screen[i] = (int) (p[i] * scale + dx);
            screen[i + 1] = (int) (p[i + 1] * scale + dy);
        }
        gc.drawPolyline(screen);
        gc.setLineStyle(SWT.LINE_SOLID);
        arrowHead(gc, screen);
        color.dispose();
    }

    private static void arrowHead(GC gc, int[] s) {
        int n = s.length;
        double ax = s[n - 2];
        double ay = s[n - 1];
        double angle = Math.atan2(ay - s[n - 3], ax - s[n - 4]);
        double size = 7;
        gc.fillPolygon(new int[] {(int) ax, (int) ay,
            (int) (ax - size * Math.cos(angle - 0.4)), (int) (ay - size * Math.sin(angle - 0.4)),
            (int) (ax - size * Math.cos(angle + 0.4)), (int) (ay - size * Math.sin(angle + 0.4))});
    }

    private static void paintNode(GC gc, Display display, LaidOutGraph.Box node, boolean selected, boolean lit,
            double scale, double dx, double dy) {
        Color fill = new Color(display, lit ? GraphStyles.fill(node.style()) : new org.eclipse.swt.graphics.RGB(230, 230, 230));
        int x = (int) (node.x() * scale + dx);
        int y = (int) (node.y() * scale + dy);
        int w = Math.max(2, (int) (node.width() * scale));
        int h = Math.max(2, (int) (node.height() * scale));
        gc.setBackground(fill);
        gc.fillRoundRectangle(x, y, w, h, 6, 6);
        gc.setLineWidth(selected ? 3 : 1);
        gc.setForeground(display.getSystemColor(selected ? SWT.COLOR_RED : SWT.COLOR_DARK_GRAY));
        gc.drawRoundRectangle(x, y, w, h, 6, 6);
        if (scale >= MIN_LABEL_SCALE) {
            gc.setForeground(display.getSystemColor(lit ? SWT.COLOR_WHITE : SWT.COLOR_GRAY));
            Point extent = gc.textExtent(node.label());
            gc.drawText(node.label(), x + (w - extent.x) / 2, y + (h - extent.y) / 2, true);
        }
        fill.dispose();
    }
}
