package org.vaescope.ui.internal.graph;

import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.vaescope.ui.internal.analysis.Analysis;

/**
 * Which part of a circuit graph to draw: one factor's circuit or all, edges of at least a weight,
 * and the k units with the strongest response per factor (0: all). With no factor, threshold 0
 * and k = 0 the whole graph is kept.
 */
public record CircuitFilter(String factor, double minWeight, int topUnitsPerFactor) {

    /** Three units per factor, every factor, every weight: labels legible in the perspective's pane. */
    public static final CircuitFilter DEFAULT = new CircuitFilter(null, 0, 3);
    /** The whole graph. */
    public static final CircuitFilter NONE = new CircuitFilter(null, 0, 0);

    /** The nodes and edges of the graph this filter keeps. */
    public Analysis.Graph apply(Analysis.Graph graph) {
        if (factor == null && minWeight <= 0 && topUnitsPerFactor <= 0) {
            return graph;
        }
        Set<String> allowedUnits = topUnits(graph);
        Set<String> units = graph.nodes().stream().filter(n -> n.kind().equals("unit")).map(Analysis.Node::id)
                .collect(Collectors.toSet());
        List<Analysis.Edge> edges = graph.edges().stream()
                .filter(e -> Math.abs(e.weight()) >= minWeight)
                .filter(e -> factor == null || factor.equals(e.factor()))
                .filter(e -> allowed(units, e.source(), allowedUnits) && allowed(units, e.target(), allowedUnits))
                .toList();
        Set<String> kept = new LinkedHashSet<>();
        edges.forEach(e -> {
            kept.add(e.source());
            kept.add(e.target());
        });
        graph.nodes().stream().filter(n -> n.kind().equals("factor") && (factor == null || factor.equals(n.label())))
                .forEach(n -> kept.add(n.id()));
        return new Analysis.Graph(graph.hooks(), graph.nodes().stream().filter(n -> kept.contains(n.id())).toList(),
                edges);
    }

    private static boolean allowed(Set<String> units, String id, Set<String> allowedUnits) {
        return allowedUnits == null || allowedUnits.contains(id) || !units.contains(id);
    }

    /** The units among the top k responders of some factor, or null for no limit. */
    private Set<String> topUnits(Analysis.Graph graph) {
        if (topUnitsPerFactor <= 0) {
            return null;
        }
        Set<String> units = new HashSet<>();
        graph.edges().stream().filter(e -> e.evidence().equals("response"))
                .collect(Collectors.groupingBy(e -> String.valueOf(e.factor())))
                .values().forEach(responses -> responses.stream()
                        .sorted(Comparator.comparingDouble((Analysis.Edge e) -> -Math.abs(e.weight())))
                        .limit(topUnitsPerFactor).forEach(e -> units.add(e.target())));
        return units;
    }
}
