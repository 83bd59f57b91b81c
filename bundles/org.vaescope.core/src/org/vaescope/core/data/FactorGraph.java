package org.vaescope.core.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** A directed graph over factor names: an edge {@code cause → effect} for each direct causal link. */
public final class FactorGraph {

    /** One directed edge. */
    public record Edge(String cause, String effect) {
        public Edge {
            Objects.requireNonNull(cause);
            Objects.requireNonNull(effect);
        }
    }

    private final List<String> factors;
    private final List<Edge> edges;

    public FactorGraph(List<String> factors, List<Edge> edges) {
        this.factors = List.copyOf(factors);
        for (Edge e : edges) {
            if (!this.factors.contains(e.cause()) || !this.factors.contains(e.effect())) {
                throw new IllegalArgumentException("edge " + e + " names a factor outside " + this.factors);
            }
        }
        this.edges = Collections.unmodifiableList(new ArrayList<>(edges));
    }

    public List<String> factors() {
        return factors;
    }

    public List<Edge> edges() {
        return edges;
    }

    public boolean hasEdge(String cause, String effect) {
        return edges.contains(new Edge(cause, effect));
    }
}
