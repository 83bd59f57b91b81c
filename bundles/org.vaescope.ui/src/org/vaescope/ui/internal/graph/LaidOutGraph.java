package org.vaescope.ui.internal.graph;

import java.util.List;

/**
 * A graph with coordinates, ready to paint: nodes as boxes, edges as polylines, in layout units
 * (pixels at zoom 1). Groups are labelled boxes drawn behind the nodes (the hook points).
 */
public record LaidOutGraph(List<Box> nodes, List<Line> edges, List<Box> groups, double width, double height) {

    /** A node box; style is its kind or class (factor, latent, monosemantic, polysemantic, dead, …). */
    public record Box(String id, String label, String style, double x, double y, double width, double height) {
        public boolean contains(double px, double py) {
            return px >= x && px <= x + width && py >= y && py <= y + height;
        }

        public double centerX() {
            return x + width / 2;
        }

        public double centerY() {
            return y + height / 2;
        }
    }

    /** An edge; points are x0, y0, x1, y1, … from source to target; style is its evidence kind. */
    public record Line(String source, String target, double weight, String style, double[] points) {
    }

    /** The node with this id, or null. */
    public Box node(String id) {
        for (Box box : nodes) {
            if (box.id().equals(id)) {
                return box;
            }
        }
        return null;
    }

    /** The topmost node under a point in layout coordinates, or null. */
    public Box nodeAt(double x, double y) {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            if (nodes.get(i).contains(x, y)) {
                return nodes.get(i);
            }
        }
        return null;
    }
}
