package org.vaescope.ui.internal.views;

import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.vaescope.ui.internal.analysis.Formats;

/** A titled horizontal bar chart of one value per label (a unit's responses across factors). */
public class BarChart extends Canvas {

    private String title = "";
    private List<String> labels = List.of();
    private double[] values = new double[0];

    public BarChart(Composite parent) {
        super(parent, SWT.DOUBLE_BUFFERED);
        setBackground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
        addListener(SWT.Paint, e -> paint(e.gc));
    }

    /** Shows the values. */
    public void show(String newTitle, List<String> newLabels, double[] newValues) {
        title = newTitle;
        labels = List.copyOf(newLabels);
        values = newValues.clone();
        redraw();
    }

    private void paint(GC gc) {
        Rectangle area = getClientArea();
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_BLACK));
        gc.drawText(title, 6, 4, true);
        int textHeight = gc.getFontMetrics().getHeight();
        int rowHeight = Math.max(textHeight, Math.min(textHeight + 6, (area.height - 26) / Math.max(1, values.length)));
        paintBars(gc, 6, 24, area.width - 12, rowHeight, labels, values);
    }

    /** Paints labelled bars scaled to the largest |value|, one row each, starting at (x, y). */
    public static void paintBars(GC gc, int x, int y, int width, int rowHeight, List<String> labels, double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Double.isNaN(v) ? 0 : Math.abs(v));
        }
        int labelWidth = Math.min(width / 3, 120);
        int valueWidth = 60;
        Color bar = new Color(gc.getDevice(), 66, 133, 244);
        for (int k = 0; k < values.length; k++) {
            int top = y + k * rowHeight;
            gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_BLACK));
            gc.drawText(k < labels.size() ? labels.get(k) : "", x, top, true);
            int length = max <= 0 || Double.isNaN(values[k]) ? 0
                    : (int) ((width - labelWidth - valueWidth) * Math.abs(values[k]) / max);
            gc.setBackground(bar);
            gc.fillRectangle(x + labelWidth, top + 2, Math.max(1, length), rowHeight - 4);
            gc.drawText(Formats.number(values[k]), x + labelWidth + length + 4, top, true);
        }
        bar.dispose();
    }

    /** The values on display. */
    public double[] getValues() {
        return values.clone();
    }

    public String getTitle() {
        return title;
    }
}
