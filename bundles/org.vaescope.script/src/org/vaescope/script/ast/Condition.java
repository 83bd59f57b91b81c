package org.vaescope.script.ast;

import org.vaescope.script.source.Span;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A condition on factor values, written {@code (shape=heart, scale=2)}: inputs matching every pair. */
public record Condition(List<FactorAssignment> assignments, Span span) implements Node {

    public Condition {
        assignments = List.copyOf(assignments);
    }

    /** True when both conditions assign the same values to the same factors, whatever the order. */
    public boolean sameAs(Condition other) {
        return asMap().equals(other.asMap());
    }

    private Map<String, String> asMap() {
        Map<String, String> map = new TreeMap<>();
        for (FactorAssignment a : assignments) {
            map.put(a.factor().text(), a.value().text());
        }
        return map;
    }
}
