package org.vaescope.core.analysis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.vaescope.core.data.FactorGraph;

/**
 * The factor causal graph implied by the model and its comparison with a true graph, VAEScope
 * definitions (paper spec section 5).
 */
public final class FactorGraphAnalysis {

    /**
     * Confidence of the interval whose lower end must clear the edge threshold: an implied edge claims
     * the effect exceeds the threshold, so a measured effect within noise of it is not yet one.
     */
    public static final double EDGE_CONFIDENCE = 0.95;

    private FactorGraphAnalysis() {
    }

    /**
     * Implied graph: edge {@code k → l} iff {@code k ≠ l} and M[k,l] exceeds {@code threshold}
     * (default 0.1 of the read-out range) with confidence: the lower end of its
     * {@value #EDGE_CONFIDENCE} Student-t interval over the inputs
     * ({@link FactorEffectMatrix#lowerBounds}) is above the threshold; a matrix without per-input
     * terms is read by its values. Edges are listed in row-major order of M.
     */
    public static FactorGraph impliedGraph(FactorEffectMatrix matrix, double threshold) {
        List<String> factors = matrix.factors();
        double[][] lower = matrix.lowerBounds(EDGE_CONFIDENCE);
        List<FactorGraph.Edge> edges = new ArrayList<>();
        for (int k = 0; k < factors.size(); k++) {
            for (int l = 0; l < factors.size(); l++) {
                if (k != l && lower[k][l] > threshold) {
                    edges.add(new FactorGraph.Edge(factors.get(k), factors.get(l)));
                }
            }
        }
        return new FactorGraph(factors, edges);
    }

    /**
     * Edge agreement of an implied graph with the true graph: TP = implied edges in the truth,
     * FP = implied edges not in the truth, FN = true edges not implied. Both graphs must be over
     * the same factor names (order may differ).
     */
    public static EdgeCounts countEdges(FactorGraph implied, FactorGraph truth) {
        requireSameFactors(implied, truth);
        Set<FactorGraph.Edge> trueEdges = new HashSet<>(truth.edges());
        Set<FactorGraph.Edge> impliedEdges = new HashSet<>(implied.edges());
        List<FactorGraph.Edge> truePositives = new ArrayList<>();
        List<FactorGraph.Edge> falsePositives = new ArrayList<>();
        List<FactorGraph.Edge> missed = new ArrayList<>();
        for (FactorGraph.Edge edge : implied.edges()) {
            (trueEdges.contains(edge) ? truePositives : falsePositives).add(edge);
        }
        for (FactorGraph.Edge edge : truth.edges()) {
            if (!impliedEdges.contains(edge)) {
                missed.add(edge);
            }
        }
        return new EdgeCounts(truePositives, falsePositives, missed);
    }

    /**
     * The implied graph at {@code settings.factorEdgeThreshold()} compared with {@code truth}, with
     * bootstrap intervals for precision, recall and F1 over resampled inputs (when M keeps
     * per-input terms).
     */
    public static FactorGraphComparison compare(FactorEffectMatrix matrix, FactorGraph truth,
            AnalysisSettings settings, BootstrapSettings bootstrap) {
        double threshold = settings.factorEdgeThreshold();
        FactorGraph implied = impliedGraph(matrix, threshold);
        EdgeCounts counts = countEdges(implied, truth);
        List<Estimate> estimates = Estimates.of(scores(counts),
                matrix.hasSamples()
                        ? random -> scores(countEdges(impliedGraph(matrix.resample(random), threshold), truth))
                        : null,
                matrix.sampleCount(), matrix.seed(), bootstrap);
        return new FactorGraphComparison(implied, truth, threshold, estimates.get(0), estimates.get(1),
                estimates.get(2), counts.truePositives(), counts.falsePositives(), counts.missed());
    }

    /**
     * Edge lists of a comparison, with the scores as formulas.
     *
     * @param truePositives implied edges that are true
     * @param falsePositives implied edges that are not true (spurious)
     * @param missed true edges that are not implied
     */
    public record EdgeCounts(List<FactorGraph.Edge> truePositives, List<FactorGraph.Edge> falsePositives,
            List<FactorGraph.Edge> missed) {

        /** Copies the lists. */
        public EdgeCounts {
            truePositives = List.copyOf(truePositives);
            falsePositives = List.copyOf(falsePositives);
            missed = List.copyOf(missed);
        }

        /** Precision {@code TP / (TP + FP)}; NaN (undefined) when nothing is implied. */
        public double precision() {
            int predicted = truePositives.size() + falsePositives.size();
            return predicted == 0 ? Double.NaN : (double) truePositives.size() / predicted;
        }

        /** Recall {@code TP / (TP + FN)}; NaN (undefined) when the true graph has no edge. */
        public double recall() {
            int actual = truePositives.size() + missed.size();
            return actual == 0 ? Double.NaN : (double) truePositives.size() / actual;
        }

        /**
         * F1 {@code 2TP / (2TP + FP + FN)} (the harmonic mean of precision and recall where both
         * are defined); NaN (undefined) when both graphs have no edge.
         */
        public double f1() {
            int denominator = 2 * truePositives.size() + falsePositives.size() + missed.size();
            return denominator == 0 ? Double.NaN : 2.0 * truePositives.size() / denominator;
        }
    }

    private static double[] scores(EdgeCounts counts) {
        return new double[] {counts.precision(), counts.recall(), counts.f1()};
    }

    private static void requireSameFactors(FactorGraph implied, FactorGraph truth) {
        if (!new HashSet<>(implied.factors()).equals(new HashSet<>(truth.factors()))) {
            throw Checks.fail("the implied factor graph is over " + implied.factors() + " but the true graph over "
                    + truth.factors() + "; both must name the same factors");
        }
    }
}
