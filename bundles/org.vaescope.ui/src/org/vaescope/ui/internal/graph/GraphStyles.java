package org.vaescope.ui.internal.graph;

import org.eclipse.swt.graphics.RGB;

/** Colours of node and edge styles, shared by the canvas, the PNG and the SVG export. */
public final class GraphStyles {

    private GraphStyles() {
    }

    /** Fill colour of a node style. */
    public static RGB fill(String style) {
        return switch (style) {
            case "factor" -> new RGB(66, 133, 244);
            case "latent" -> new RGB(156, 106, 222);
            case "monosemantic" -> new RGB(76, 175, 80);
            case "polysemantic" -> new RGB(255, 152, 0);
            case "dead" -> new RGB(176, 176, 176);
            case "undecided" -> new RGB(77, 182, 172);
            case "group" -> new RGB(245, 245, 250);
            default -> new RGB(120, 144, 156);
        };
    }

    /** Stroke colour of an edge style (evidence kind, or tp/fp/missed in the factor graph). */
    public static RGB stroke(String style) {
        return switch (style) {
            case "patching" -> new RGB(33, 33, 33);
            case "response" -> new RGB(100, 149, 237);
            case "factor-effect" -> new RGB(142, 68, 173);
            case "true-positive" -> new RGB(46, 125, 50);
            case "false-positive" -> new RGB(211, 47, 47);
            case "missed" -> new RGB(158, 158, 158);
            default -> new RGB(90, 90, 90);
        };
    }

    /** Hex form {@code #rrggbb} for SVG. */
    public static String hex(RGB rgb) {
        return String.format("#%02x%02x%02x", rgb.red, rgb.green, rgb.blue);
    }

    /** Line width in layout units for an edge of this weight, given the largest weight drawn. */
    public static double lineWidth(double weight, double maxWeight) {
        return maxWeight <= 0 ? 1 : 0.5 + 3.5 * Math.abs(weight) / maxWeight;
    }

    /** True for edges drawn dashed. */
    public static boolean dashed(String style) {
        return style.equals("response") || style.equals("missed");
    }
}
