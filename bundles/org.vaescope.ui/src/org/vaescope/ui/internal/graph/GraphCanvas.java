package org.vaescope.ui.internal.graph;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;

/**
 * Draws a {@link LaidOutGraph} with zoom (mouse wheel, at the pointer), pan (drag), fit (double-click
 * on the background, or {@link #fit()}) and hit-testing (click selects a node). The picture is kept
 * in an image: a paint with the same view (exposure, tooltips) copies it instead of drawing again.
 */
public class GraphCanvas extends Canvas {

    private static final double MIN_SCALE = 0.02;
    private static final double MAX_SCALE = 8;
    private static final int FIT_MARGIN = 16;

    private LaidOutGraph graph;
    private String message = "";
    private double scale = 1;
    private double readableScale;
    private double dx;
    private double dy;
    private int dragX = -1;
    private int dragY;
    private boolean dragged;
    private String selected;
    private Set<String> highlighted = Set.of();
    private Consumer<LaidOutGraph.Box> onSelect = box -> { };
    private GraphPainter painter;
    private Image picture;
    private List<Object> pictureKey = List.of();
    private long lastPaintNanos;
    private int paintCount;

    public GraphCanvas(Composite parent) {
        super(parent, SWT.NO_BACKGROUND);
        addListener(SWT.Paint, this::paint);
        addListener(SWT.Dispose, e -> {
            forget();
            disposePicture();
        });
        addListener(SWT.MouseVerticalWheel, this::zoom);
        addListener(SWT.MouseDown, e -> {
            dragX = e.x;
            dragY = e.y;
            dragged = false;
        });
        addListener(SWT.MouseMove, this::pan);
        addListener(SWT.MouseUp, this::click);
        addListener(SWT.MouseDoubleClick, e -> {
            if (hit(e.x, e.y) == null) {
                fit();
            }
        });
        addListener(SWT.MouseHover, e -> {
            LaidOutGraph.Box box = hit(e.x, e.y);
            setToolTipText(box == null ? null : box.label() + " (" + box.style() + ")");
        });
        addListener(SWT.Resize, e -> {
            if (graph != null && scale == 1 && dx == 0 && dy == 0) {
                firstView();
            }
        });
    }

    /** Shows a graph, fitted to the canvas. */
    public void setGraph(LaidOutGraph newGraph) {
        forget();
        graph = newGraph;
        painter = new GraphPainter(getDisplay(), newGraph);
        message = "";
        selected = null;
        highlighted = Set.of();
        firstView();
    }

    /**
     * New graphs are shown at no less than this scale, from their left edge (latents and factors),
     * where fitting the whole graph would shrink its labels past reading; Fit still shows it whole.
     * 0 (the default) fits every new graph.
     */
    public void setReadableScale(double readable) {
        readableScale = readable;
    }

    private void firstView() {
        fit();
        Rectangle area = getClientArea();
        if (graph != null && area.width > 0 && scale < readableScale) {
            scale = readableScale;
            dx = FIT_MARGIN;
            dy = (area.height - graph.height() * scale) / 2;
            redraw();
        }
    }

    /** Shows a message instead of a graph (no analysis, laying out …). */
    public void setMessage(String text) {
        forget();
        graph = null;
        message = text;
        redraw();
    }

    /** Called with the node a click hits (null for the background). */
    public void onSelect(Consumer<LaidOutGraph.Box> listener) {
        onSelect = listener;
    }

    /** Marks a node selected (red outline) and dims what is not connected to it; null clears. */
    public void select(String nodeId) {
        selected = nodeId;
        highlighted = nodeId == null || graph == null ? Set.of() : neighbourhood(nodeId);
        redraw();
    }

    private Set<String> neighbourhood(String nodeId) {
        Set<String> ids = new HashSet<>();
        ids.add(nodeId);
        for (LaidOutGraph.Line edge : graph.edges()) {
            if (edge.source().equals(nodeId)) {
                ids.add(edge.target());
            } else if (edge.target().equals(nodeId)) {
                ids.add(edge.source());
            }
        }
        return ids;
    }

    /** Scales and centres the whole graph into the canvas. */
    public void fit() {
        Rectangle area = getClientArea();
        if (graph != null && area.width > 0 && area.height > 0) {
            double sx = (area.width - 2.0 * FIT_MARGIN) / Math.max(1, graph.width());
            double sy = (area.height - 2.0 * FIT_MARGIN) / Math.max(1, graph.height());
            scale = clamp(Math.min(Math.min(sx, sy), 1.5));
            dx = (area.width - graph.width() * scale) / 2;
            dy = (area.height - graph.height() * scale) / 2;
        }
        redraw();
    }

    private void zoom(Event e) {
        double factor = e.count > 0 ? 1.15 : 1 / 1.15;
        double newScale = clamp(scale * factor);
        dx = e.x - (e.x - dx) * newScale / scale;
        dy = e.y - (e.y - dy) * newScale / scale;
        scale = newScale;
        redraw();
    }

    private void pan(Event e) {
        if (dragX < 0 || (e.stateMask & SWT.BUTTON1) == 0) {
            return;
        }
        if (Math.abs(e.x - dragX) + Math.abs(e.y - dragY) > 2) {
            dragged = true;
        }
        dx += e.x - dragX;
        dy += e.y - dragY;
        dragX = e.x;
        dragY = e.y;
        redraw();
    }

    private void click(Event e) {
        if (!dragged && e.button == 1 && graph != null) {
            LaidOutGraph.Box box = hit(e.x, e.y);
            select(box == null ? null : box.id());
            onSelect.accept(box);
        }
        dragX = -1;
    }

    /** The node under a canvas point, or null. */
    public LaidOutGraph.Box hit(int x, int y) {
        return graph == null ? null : graph.nodeAt((x - dx) / scale, (y - dy) / scale);
    }

    /** Canvas coordinates of a layout point, for tests: {x, y}. */
    public int[] toCanvas(double x, double y) {
        return new int[] {(int) Math.round(x * scale + dx), (int) Math.round(y * scale + dy)};
    }

    private void paint(Event e) {
        long start = System.nanoTime();
        Rectangle area = getClientArea();
        if (area.width > 0 && area.height > 0) {
            List<Object> key = Arrays.asList(graph, message, scale, dx, dy, selected, area.width, area.height);
            if (picture == null || !key.equals(pictureKey)) {
                draw(area);
                pictureKey = key;
            }
            e.gc.drawImage(picture, 0, 0);
        }
        lastPaintNanos = System.nanoTime() - start;
        paintCount++;
    }

    private void draw(Rectangle area) {
        if (picture == null || !picture.getBounds().equals(new Rectangle(0, 0, area.width, area.height))) {
            disposePicture();
            picture = new Image(getDisplay(), area.width, area.height);
        }
        GC gc = new GC(picture);
        try {
            gc.setFont(getFont());
            gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
            gc.fillRectangle(area);
            if (graph == null) {
                gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
                gc.drawText(message, 10, 10, true);
            } else {
                painter.paint(gc, scale, dx, dy, selected, highlighted, area);
            }
        } finally {
            gc.dispose();
        }
    }

    /** Drops the painter's geometry (a new graph, or disposal); the picture is kept to be drawn over. */
    private void forget() {
        if (painter != null) {
            painter.dispose();
            painter = null;
        }
        pictureKey = List.of();
    }

    private void disposePicture() {
        if (picture != null) {
            picture.dispose();
            picture = null;
        }
    }

    private static double clamp(double s) {
        return Math.max(MIN_SCALE, Math.min(MAX_SCALE, s));
    }

    /** The graph on display, or null. */
    public LaidOutGraph getGraph() {
        return graph;
    }

    /** The id of the selected node, or null. */
    public String getSelectedId() {
        return selected;
    }

    /** Current zoom. */
    public double getScale() {
        return scale;
    }

    /** Paint events handled so far. */
    public int getPaintCount() {
        return paintCount;
    }

    /** Duration of the last paint, in nanoseconds. */
    public long getLastPaintNanos() {
        return lastPaintNanos;
    }
}
