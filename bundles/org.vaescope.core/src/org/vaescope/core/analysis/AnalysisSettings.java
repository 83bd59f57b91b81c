package org.vaescope.core.analysis;

/**
 * Thresholds of the analyses (paper spec section 5). Responses A are in units of the unit's
 * standard deviation; factor effects E and M in units of the factor's range.
 *
 * @param activeKlThreshold a latent is active when its KL (nats, averaged over data) exceeds this (0.01)
 * @param deadThreshold a unit is dead when Σ_k A[u,k] is below this (0.01)
 * @param monosemanticRatio a live unit is monosemantic when max_k A[u,k] ≥ ratio · Σ_k A[u,k] (0.6)
 * @param circuitFraction an active latent carries factor k when E[i,k] ≥ fraction · max_j E[j,k] (0.5)
 * @param minCircuitPeak no latent carries k when max_j E[j,k] is below this (0.01, the same scale
 *        as the dead threshold: "max is ~0")
 * @param factorEdgeThreshold the implied factor graph has k → l when M[k,l] exceeds this (0.1,
 *        i.e. a tenth of the read-out's range) with 95 % confidence
 *        ({@link FactorGraphAnalysis#impliedGraph})
 * @param circuitRestore φ: the circuit of k at a hook point is the smallest ranked set of its units
 *        whose patch restores at least this fraction of the whole hook point's patch effect (0.8,
 *        see {@link FactorCircuits})
 * @param ablationSets R: random unit sets of the circuit's size ablated beside each circuit (10)
 */
public record AnalysisSettings(double activeKlThreshold, double deadThreshold, double monosemanticRatio,
        double circuitFraction, double minCircuitPeak, double factorEdgeThreshold, double circuitRestore,
        int ablationSets) {

    /** Validates the settings. */
    public AnalysisSettings {
        Checks.nonNegative("activeKlThreshold", activeKlThreshold);
        Checks.nonNegative("deadThreshold", deadThreshold);
        Checks.nonNegative("minCircuitPeak", minCircuitPeak);
        Checks.nonNegative("factorEdgeThreshold", factorEdgeThreshold);
        if (!(monosemanticRatio > 0 && monosemanticRatio <= 1)) {
            throw new AnalysisInputException("monosemanticRatio must lie in (0, 1], was " + monosemanticRatio);
        }
        if (!(circuitFraction > 0 && circuitFraction <= 1)) {
            throw new AnalysisInputException("circuitFraction must lie in (0, 1], was " + circuitFraction);
        }
        if (!(circuitRestore > 0 && circuitRestore <= 1)) {
            throw new AnalysisInputException("circuitRestore must lie in (0, 1], was " + circuitRestore);
        }
        if (ablationSets < 0) {
            throw new AnalysisInputException("ablationSets must not be negative, was " + ablationSets);
        }
    }

    /** The spec's defaults: 0.01, 0.01, 0.6, 0.5, 0.01, 0.1; φ = 0.8 and R = 10 random sets. */
    public static AnalysisSettings defaults() {
        return new AnalysisSettings(0.01, 0.01, 0.6, 0.5, 0.01, 0.1, 0.8, 10);
    }

    /** A copy with another active-latent KL threshold. */
    public AnalysisSettings withActiveKlThreshold(double value) {
        return new AnalysisSettings(value, deadThreshold, monosemanticRatio, circuitFraction, minCircuitPeak,
                factorEdgeThreshold, circuitRestore, ablationSets);
    }

    /** A copy with another dead-unit threshold. */
    public AnalysisSettings withDeadThreshold(double value) {
        return new AnalysisSettings(activeKlThreshold, value, monosemanticRatio, circuitFraction, minCircuitPeak,
                factorEdgeThreshold, circuitRestore, ablationSets);
    }

    /** A copy with another monosemantic ratio. */
    public AnalysisSettings withMonosemanticRatio(double value) {
        return new AnalysisSettings(activeKlThreshold, deadThreshold, value, circuitFraction, minCircuitPeak,
                factorEdgeThreshold, circuitRestore, ablationSets);
    }

    /** A copy with another circuit fraction. */
    public AnalysisSettings withCircuitFraction(double value) {
        return new AnalysisSettings(activeKlThreshold, deadThreshold, monosemanticRatio, value, minCircuitPeak,
                factorEdgeThreshold, circuitRestore, ablationSets);
    }

    /** A copy with another minimum circuit peak. */
    public AnalysisSettings withMinCircuitPeak(double value) {
        return new AnalysisSettings(activeKlThreshold, deadThreshold, monosemanticRatio, circuitFraction, value,
                factorEdgeThreshold, circuitRestore, ablationSets);
    }

    /** A copy with another factor-edge threshold. */
    public AnalysisSettings withFactorEdgeThreshold(double value) {
        return new AnalysisSettings(activeKlThreshold, deadThreshold, monosemanticRatio, circuitFraction,
                minCircuitPeak, value, circuitRestore, ablationSets);
    }

    /** A copy with another φ, the fraction of a hook point's patch effect a circuit must restore. */
    public AnalysisSettings withCircuitRestore(double value) {
        return new AnalysisSettings(activeKlThreshold, deadThreshold, monosemanticRatio, circuitFraction,
                minCircuitPeak, factorEdgeThreshold, value, ablationSets);
    }

    /** A copy with another number of random sets ablated beside each circuit. */
    public AnalysisSettings withAblationSets(int value) {
        return new AnalysisSettings(activeKlThreshold, deadThreshold, monosemanticRatio, circuitFraction,
                minCircuitPeak, factorEdgeThreshold, circuitRestore, value);
    }
}
