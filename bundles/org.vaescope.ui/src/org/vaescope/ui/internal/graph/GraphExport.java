package org.vaescope.ui.internal.graph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.widgets.Display;

/** Writes a laid-out graph as SVG (vector, from the layout) or PNG (painted like the canvas). */
public final class GraphExport {

    private static final double MARGIN = 20;
    private static final int MAX_PNG_SIDE = 4000;

    private GraphExport() {
    }

    /** The graph as an SVG document. */
    public static String svg(LaidOutGraph graph) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" font-family=\"sans-serif\" font-size=\"11\">%n",
                graph.width() + 2 * MARGIN, graph.height() + 2 * MARGIN));
        svg.append(String.format(Locale.ROOT, "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
                + "markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>%n"));
        svg.append(String.format(Locale.ROOT, "<g transform=\"translate(%.0f,%.0f)\">%n", MARGIN, MARGIN));
        for (LaidOutGraph.Box group : graph.groups()) {
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"8\" fill=\"%s\" stroke=\"#c8c8d7\"/>"
                            + "<text x=\"%.1f\" y=\"%.1f\">%s</text>%n",
                    group.x(), group.y(), group.width(), group.height(), GraphStyles.hex(GraphStyles.fill("group")),
                    group.x() + 4, group.y() + 12, escape(group.label())));
        }
        double maxWeight = graph.edges().stream().mapToDouble(e -> Math.abs(e.weight())).max().orElse(1);
        for (LaidOutGraph.Line edge : graph.edges()) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < edge.points().length; i += 2) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", edge.points()[i], edge.points()[i + 1]));
            }
            svg.append(String.format(Locale.ROOT,
                    "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.2f\"%s marker-end=\"url(#arrow)\">"
                            + "<title>%s → %s: %.4f (%s)</title></polyline>%n",
                    points.toString().strip(), GraphStyles.hex(GraphStyles.stroke(edge.style())),
                    GraphStyles.lineWidth(edge.weight(), maxWeight),
                    GraphStyles.dashed(edge.style()) ? " stroke-dasharray=\"5,3\"" : "", escape(edge.source()),
                    escape(edge.target()), edge.weight(), escape(edge.style())));
        }
        for (LaidOutGraph.Box node : graph.nodes()) {
            svg.append(String.format(Locale.ROOT,
                    "<g id=\"%s\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"6\" fill=\"%s\" stroke=\"#404040\"/>"
                            + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"white\">%s</text></g>%n",
                    escape(node.id()), node.x(), node.y(), node.width(), node.height(),
                    GraphStyles.hex(GraphStyles.fill(node.style())), node.centerX(), node.centerY() + 4,
                    escape(node.label())));
        }
        return svg.append("</g>\n</svg>\n").toString();
    }

    /** Writes the SVG document. */
    public static void writeSvg(LaidOutGraph graph, Path file) throws IOException {
        Files.writeString(file, svg(graph), StandardCharsets.UTF_8);
    }

    /** Paints the whole graph into a PNG (scaled down to at most {@value #MAX_PNG_SIDE} pixels a side). UI thread. */
    public static void writePng(LaidOutGraph graph, Path file, Display display) {
        double scale = Math.min(1, MAX_PNG_SIDE / Math.max(graph.width() + 2 * MARGIN, graph.height() + 2 * MARGIN));
        int width = (int) Math.ceil((graph.width() + 2 * MARGIN) * scale);
        int height = (int) Math.ceil((graph.height() + 2 * MARGIN) * scale);
        Image image = new Image(display, Math.max(1, width), Math.max(1, height));
        GC gc = new GC(image);
        try {
            gc.setBackground(display.getSystemColor(SWT.COLOR_WHITE));
            gc.fillRectangle(0, 0, width, height);
            GraphPainter.paint(gc, graph, scale, MARGIN * scale, MARGIN * scale);
            ImageLoader loader = new ImageLoader();
            loader.data = new org.eclipse.swt.graphics.ImageData[] {image.getImageData()};
            loader.save(file.toString(), SWT.IMAGE_PNG);
        } finally {
            gc.dispose();
            image.dispose();
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
