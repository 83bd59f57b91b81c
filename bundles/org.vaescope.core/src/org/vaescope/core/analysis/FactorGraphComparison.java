package org.vaescope.core.analysis;

import java.util.List;

import org.vaescope.core.data.FactorGraph;
import org.vaescope.core.internal.analysis.JsonWriter;

/**
 * The factor graph implied by a model compared with the true graph; see
 * {@link FactorGraphAnalysis#compare} and {@link FactorGraphAnalysis.EdgeCounts} for the formulas.
 *
 * @param implied the implied graph
 * @param truth the true graph
 * @param threshold the edge threshold on M
 * @param precision edge precision
 * @param recall edge recall
 * @param f1 edge F1
 * @param truePositives implied edges that are true
 * @param falsePositives spurious implied edges
 * @param missed true edges not implied
 */
public record FactorGraphComparison(FactorGraph implied, FactorGraph truth, double threshold, Estimate precision,
        Estimate recall, Estimate f1, List<FactorGraph.Edge> truePositives, List<FactorGraph.Edge> falsePositives,
        List<FactorGraph.Edge> missed) {

    /** Copies the lists. */
    public FactorGraphComparison {
        truePositives = List.copyOf(truePositives);
        falsePositives = List.copyOf(falsePositives);
        missed = List.copyOf(missed);
    }

    /** Writes the comparison as a JSON object. */
    void writeJson(JsonWriter json) {
        json.beginObject().member("threshold", threshold);
        json.name("precision");
        precision.writeJson(json);
        json.name("recall");
        recall.writeJson(json);
        json.name("f1");
        f1.writeJson(json);
        json.name("implied_edges");
        writeEdges(json, implied.edges());
        json.name("true_edges");
        writeEdges(json, truth.edges());
        json.name("true_positives");
        writeEdges(json, truePositives);
        json.name("false_positives");
        writeEdges(json, falsePositives);
        json.name("missed");
        writeEdges(json, missed);
        json.endObject();
    }

    static void writeEdges(JsonWriter json, List<FactorGraph.Edge> edges) {
        json.beginArray();
        for (FactorGraph.Edge edge : edges) {
            json.beginObject().member("cause", edge.cause()).member("effect", edge.effect()).endObject();
        }
        json.endArray();
    }

    static String edgeList(List<FactorGraph.Edge> edges) {
        if (edges.isEmpty()) {
            return "none";
        }
        StringBuilder text = new StringBuilder();
        for (FactorGraph.Edge edge : edges) {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(edge.cause()).append(" -> ").append(edge.effect());
        }
        return text.toString();
    }
}
