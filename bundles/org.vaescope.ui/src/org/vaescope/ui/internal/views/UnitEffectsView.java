package org.vaescope.ui.internal.views;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.vaescope.ui.internal.analysis.Analysis;
import org.vaescope.ui.internal.analysis.AnalysisElement;
import org.vaescope.ui.internal.analysis.Formats;
import org.vaescope.ui.internal.graph.GraphStyles;

/**
 * Heat map of the unit responses A[u][k]: one block per hook point, factors as rows, units as
 * columns sorted by dominant factor and strength, a strip marking each unit's class, and a colour
 * legend. Clicking a cell selects the unit (its numbers go to the Properties view).
 */
public class UnitEffectsView extends AnalysisView {

    private static final int LABEL_WIDTH = 150;
    private static final int MAX_ROW_HEIGHT = 14;
    private static final int MIN_LABELLED_ROW = 10;
    private static final int HEADER = 16;
    private static final int CLASS_STRIP = 8;
    private static final int BLOCK_GAP = 8;
    private static final int LEGEND_LINE = 18;
    private static final int LEGEND_MARGIN = 4;
    private static final int SWATCH = 16;
    private static final int SWATCH_GAP = 12;
    private static final double SCALE_QUANTILE = 0.99;
    private static final String DEAD = "dead";
    private static final String UNDECIDED = "undecided";
    private static final List<String> CLASSES = List.of("monosemantic", "polysemantic", DEAD, UNDECIDED);

    /** A hook's units in display order, and the response that gets the darkest colour. */
    private record Block(Analysis.HookEffects hook, int[] order, double scale) {
    }

    /** Where a legend item starts: its x and its line below the colour scale (0 is the first). */
    record Place(int x, int line) {
    }

    private Canvas canvas;
    private Analysis analysis;
    private List<Block> blocks = List.of();
    private AnalysisElement.Unit highlighted;
    /** The last painted legend's height; hit tests follow what was drawn. */
    private int legendHeight = legendHeight(1);

    @Override
    protected void createContent(Composite parent) {
        parent.setLayout(new FillLayout());
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        canvas.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        canvas.addListener(SWT.Paint, e -> paint(e.gc));
        canvas.addListener(SWT.MouseUp, this::click);
    }

    @Override
    protected void showAnalysis(Analysis shown) {
        analysis = shown;
        highlighted = null;
        blocks = shown == null ? List.of()
                : shown.units().hooks().stream().map(h -> new Block(h, sorted(h), scale(h))).toList();
        canvas.redraw();
    }

    /**
     * The 99th percentile of the responses of a hook's live units. A is normalised by each unit's
     * spread, so nearly constant units get huge values (up to ~400,000 on real models) that would
     * wash out every other colour; dead units are such units, and a few more are clipped by the quantile.
     */
    static double scale(Analysis.HookEffects hook) {
        double[] values = IntStream.range(0, hook.unitCount()).filter(u -> !DEAD.equals(hook.classes()[u]))
                .mapToObj(u -> hook.responses()[u]).flatMapToDouble(java.util.Arrays::stream)
                .filter(Double::isFinite).sorted().toArray();
        if (values.length == 0) {
            return 1;
        }
        double q = values[(int) Math.min(values.length - 1, Math.floor(SCALE_QUANTILE * values.length))];
        return q > 0 ? q : 1;
    }

    /** Units by dominant factor, then by their strongest response, strongest first. */
    private static int[] sorted(Analysis.HookEffects hook) {
        double[][] a = hook.responses();
        return IntStream.range(0, a.length).boxed()
                .sorted(Comparator.comparingInt((Integer u) -> argmax(a[u])).thenComparingDouble(u -> -a[u][argmax(a[u])]))
                .mapToInt(Integer::intValue).toArray();
    }

    private static int argmax(double[] row) {
        int best = 0;
        for (int k = 1; k < row.length; k++) {
            if (row[k] > row[best]) {
                best = k;
            }
        }
        return best;
    }

    private int cellWidth(Block block) {
        int available = canvas.getClientArea().width - LABEL_WIDTH - 10;
        return Math.max(1, Math.min(16, available / Math.max(1, block.hook().unitCount())));
    }

    /** Row height that fits every block above the legend. */
    private int rowHeight() {
        int rows = Math.max(1, blocks.size() * analysis.units().factors().size());
        int free = canvas.getClientArea().height - legendHeight - 4 - blocks.size() * (HEADER + CLASS_STRIP + BLOCK_GAP);
        return Math.max(2, Math.min(MAX_ROW_HEIGHT, free / rows));
    }

    private int blockHeight() {
        return HEADER + analysis.units().factors().size() * rowHeight() + CLASS_STRIP + BLOCK_GAP;
    }

    private void paint(GC gc) {
        Rectangle area = canvas.getClientArea();
        if (analysis == null) {
            gc.drawText(emptyMessage(), 10, 10, true);
            return;
        }
        List<String> labels = classLabels();
        List<Place> places = wrap(labels.stream().mapToInt(l -> SWATCH + gc.textExtent(l).x).toArray(), area.width);
        legendHeight = legendHeight(places.get(places.size() - 1).line() + 1);
        List<String> factors = analysis.units().factors();
        int row = rowHeight();
        int y = 4;
        for (Block block : blocks) {
            gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_BLACK));
            gc.drawText(block.hook().hook() + " (" + block.hook().unitCount() + " units, colour 0–"
                    + Formats.number(block.scale()) + ": 99th percentile of its live units)", 4, y, true);
            int top = y + HEADER;
            int cell = cellWidth(block);
            for (int k = 0; k < factors.size(); k++) {
                if (row >= MIN_LABELLED_ROW) {
                    gc.drawText(factors.get(k), 14, top + k * row + (row - 14) / 2, true);
                }
                for (int c = 0; c < block.order().length; c++) {
                    gc.setBackground(new Color(heat(block.hook().responses()[block.order()[c]][k] / block.scale())));
                    gc.fillRectangle(LABEL_WIDTH + c * cell, top + k * row, cell, row);
                }
            }
            paintClassStrip(gc, block, top + factors.size() * row, cell);
            paintHighlight(gc, block, top, cell, row);
            y += blockHeight();
        }
        paintLegend(gc, Math.min(y, area.height - legendHeight), area.width, labels, places);
    }

    /** A unit's class; an undecided unit's lower half says so. */
    private static void paintClassStrip(GC gc, Block block, int y, int cell) {
        for (int c = 0; c < block.order().length; c++) {
            int unit = block.order()[c];
            gc.setBackground(new Color(GraphStyles.fill(block.hook().classes()[unit])));
            gc.fillRectangle(LABEL_WIDTH + c * cell, y, cell, CLASS_STRIP);
            if (block.hook().undecided()[unit]) {
                gc.setBackground(new Color(GraphStyles.fill(UNDECIDED)));
                gc.fillRectangle(LABEL_WIDTH + c * cell, y + CLASS_STRIP / 2, cell, CLASS_STRIP - CLASS_STRIP / 2);
            }
        }
    }

    private void paintHighlight(GC gc, Block block, int y, int cell, int row) {
        if (highlighted == null || !highlighted.hook().equals(block.hook().hook())) {
            return;
        }
        for (int c = 0; c < block.order().length; c++) {
            if (block.order()[c] == highlighted.unit()) {
                gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_RED));
                gc.setLineWidth(2);
                gc.drawRectangle(LABEL_WIDTH + c * cell - 1, y - 1, cell + 2,
                        analysis.units().factors().size() * row + CLASS_STRIP + 2);
                gc.setLineWidth(1);
            }
        }
    }

    /** The colour scale on one line, the class swatches below, wrapped; the scale gives way so its labels fit. */
    private void paintLegend(GC gc, int y, int width, List<String> labels, List<Place> places) {
        gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_BLACK));
        String title = "A[u,k]  0";
        String top = "≥ 99th pct.";
        int length = Math.max(40, Math.min(300, width - gc.textExtent(title).x - gc.textExtent(top).x - 20));
        int x = LEGEND_MARGIN;
        gc.drawText(title, x, y, true);
        x += gc.textExtent(title).x + 6;
        for (int i = 0; i < length; i++) {
            gc.setBackground(new Color(heat((double) i / (length - 1))));
            gc.fillRectangle(x + i, y + 2, 1, 12);
        }
        gc.drawText(top, x + length + 6, y, true);
        for (int i = 0; i < CLASSES.size(); i++) {
            int line = y + LEGEND_LINE * (1 + places.get(i).line());
            gc.setBackground(new Color(GraphStyles.fill(CLASSES.get(i))));
            gc.fillRectangle(places.get(i).x(), line + 3, 12, 10);
            gc.drawText(labels.get(i), places.get(i).x() + SWATCH, line, true);
        }
    }

    private static List<String> classLabels() {
        return CLASSES.stream().map(c -> c.equals(UNDECIDED) ? "undecided (lower half)" : c).toList();
    }

    /** Items of the given widths laid out left to right, a new line whenever the next would pass the width. */
    static List<Place> wrap(int[] itemWidths, int width) {
        List<Place> places = new ArrayList<>();
        int x = LEGEND_MARGIN;
        int line = 0;
        for (int itemWidth : itemWidths) {
            if (x > LEGEND_MARGIN && x + itemWidth > width - LEGEND_MARGIN) {
                x = LEGEND_MARGIN;
                line++;
            }
            places.add(new Place(x, line));
            x += itemWidth + SWATCH_GAP;
        }
        return places;
    }

    private static int legendHeight(int swatchLines) {
        return LEGEND_LINE * (1 + swatchLines) + LEGEND_MARGIN;
    }

    /** White → orange → dark red for 0 → 1. */
    static RGB heat(double t) {
        double v = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t));
        if (v < 0.5) {
            double s = v / 0.5;
            return new RGB(255, (int) (255 - s * 103), (int) (255 - s * 255));
        }
        double s = (v - 0.5) / 0.5;
        return new RGB((int) (255 - s * 127), (int) (152 - s * 152), 0);
    }

    private void click(Event e) {
        AnalysisElement.Unit unit = unitAt(e.x, e.y);
        if (unit != null) {
            highlighted = unit;
            canvas.redraw();
            selection.select(unit);
        }
    }

    /** The unit under a canvas point, or null. */
    public AnalysisElement.Unit unitAt(int x, int y) {
        if (analysis == null) {
            return null;
        }
        int top = 4 + HEADER;
        for (Block block : blocks) {
            int cell = cellWidth(block);
            int bottom = top + analysis.units().factors().size() * rowHeight() + CLASS_STRIP;
            int column = (x - LABEL_WIDTH) / cell;
            if (y >= top && y < bottom && x >= LABEL_WIDTH && column < block.order().length) {
                return new AnalysisElement.Unit(analysis, block.hook().hook(), block.order()[column]);
            }
            top += blockHeight();
        }
        return null;
    }

    @Override
    protected void reveal(AnalysisElement element) {
        if (element instanceof AnalysisElement.Unit unit && analysis != null
                && unit.analysis().file().equals(analysis.file())) {
            highlighted = unit;
            canvas.redraw();
        }
    }

    /** The unit marked in the heat map, or null. */
    public AnalysisElement.Unit getHighlightedUnit() {
        return highlighted;
    }

    /** Hook points shown, top to bottom. */
    public List<String> getHooks() {
        List<String> hooks = new ArrayList<>();
        blocks.forEach(b -> hooks.add(b.hook().hook()));
        return hooks;
    }

    @Override
    public void setFocus() {
        canvas.setFocus();
    }
}
