package org.vaescope.ui.internal.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.Test;

/** A graph drawn smaller than laid out shrinks its labels with it, so they stay inside their nodes. */
class GraphLabelTest {

    @Test
    void labelsShrinkWithTheGraphButNeverGrow() {
        assertEquals(9, GraphPainter.labelHeight(9, 1.0));
        assertEquals(9, GraphPainter.labelHeight(9, 1.5), "zoomed in, labels keep the canvas font");
        assertEquals(4, GraphPainter.labelHeight(9, 0.5));
        assertEquals(1, GraphPainter.labelHeight(9, 0.01));
    }

    /** The layout gives a node 16 + 7 pixels per character; at half scale its label must still fit. */
    @Test
    void aShrunkLabelFitsItsShrunkNode() {
        Display display = Display.getDefault();
        Image image = new Image(display, 10, 10);
        GC gc = new GC(image);
        FontData canvas = gc.getFont().getFontData()[0];
        String label = "orientation";
        try {
            for (double scale : new double[] {0.45, 0.6, 0.8}) {
                Font shrunk = new Font(display, canvas.getName(), GraphPainter.labelHeight(canvas.getHeight(), scale),
                        canvas.getStyle());
                try {
                    gc.setFont(shrunk);
                    double node = (16 + 7 * label.length()) * scale;
                    int text = gc.textExtent(label).x;
                    assertTrue(text <= node, "at scale " + scale + " the label is " + text + " px in a " + node
                            + " px node");
                } finally {
                    shrunk.dispose();
                }
            }
        } finally {
            gc.dispose();
            image.dispose();
        }
    }
}
