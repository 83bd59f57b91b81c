package org.vaescope.core.analysis;

import java.util.List;

/**
 * Activation-patching effects between units, the edge weights of circuits (paper spec sections 4
 * and 5): the effect on unit v of patching unit u with its activation from a source input that
 * differs from the target input in factor k, as a fraction restored
 * {@code (m(patched) − m(x_t)) / (m(x_s) − m(x_t))} with m the activation of v.
 *
 * @param factors factor names, K of them
 * @param edges measured edges (weights are not bootstrapped; the interval machinery covers the
 *        scalar metrics only)
 * @param sampleCount input pairs per factor behind each weight
 * @param seed seed of the pair sampling
 */
public record PatchEffects(List<String> factors, List<PatchEdge> edges, int sampleCount, long seed) {

    /**
     * One measured edge.
     *
     * @param sourceHook hook point of the patched unit u
     * @param sourceUnit index of u at its hook point
     * @param targetHook hook point of the affected unit v
     * @param targetUnit index of v at its hook point
     * @param factor the factor in which source and target inputs differ
     * @param weight fraction restored (may be negative or above 1); NaN when undefined because the
     *        denominator was ~0 — such edges are kept here and left out of circuit graphs
     */
    public record PatchEdge(String sourceHook, int sourceUnit, String targetHook, int targetUnit, String factor,
            double weight) {
        /** Validates names, indices and the weight. */
        public PatchEdge {
            if (sourceHook == null || targetHook == null || factor == null) {
                throw Checks.fail("patch edge needs source hook, target hook and factor names");
            }
            if (sourceUnit < 0 || targetUnit < 0) {
                throw Checks.fail("patch edge " + sourceHook + "[" + sourceUnit + "] -> " + targetHook + "["
                        + targetUnit + "] has a negative unit index");
            }
            if (Double.isInfinite(weight)) {
                throw Checks.fail("patch edge " + sourceHook + "[" + sourceUnit + "] -> " + targetHook + "["
                        + targetUnit + "] has an infinite weight");
            }
        }

        /** Whether the weight is defined (not NaN). */
        public boolean defined() {
            return !Double.isNaN(weight);
        }
    }

    /** Validates that every edge names a known factor. */
    public PatchEffects {
        factors = Checks.names("PatchEffects factor names", factors);
        Checks.positive("PatchEffects sample count", sampleCount);
        if (edges == null) {
            throw Checks.fail("PatchEffects edges are missing");
        }
        for (int e = 0; e < edges.size(); e++) {
            PatchEdge edge = edges.get(e);
            if (edge == null) {
                throw Checks.fail("PatchEffects edge [" + e + "] is null");
            }
            if (!factors.contains(edge.factor())) {
                throw Checks.fail("PatchEffects edge [" + e + "] names unknown factor '" + edge.factor() + "'; known: "
                        + factors);
            }
        }
        edges = List.copyOf(edges);
    }
}
