package org.vaescope.core.analysis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Circuit modularity, VAEScope definition (paper spec section 5), of the circuits of
 * {@link FactorCircuits}.
 */
public final class Circuits {

    private Circuits() {
    }

    /**
     * Jaccard index {@code |A ∩ B| / |A ∪ B|}; defined as 0 (no overlap) when both sets are empty,
     * so a factor without a circuit shares no unit with any other.
     */
    public static double jaccard(Set<UnitRef> a, Set<UnitRef> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 0;
        }
        Set<UnitRef> intersection = new HashSet<>(a);
        intersection.retainAll(b);
        int union = a.size() + b.size() - intersection.size();
        return (double) intersection.size() / union;
    }

    /**
     * Circuit modularity {@code 1 − (2 / (K(K−1))) Σ_{k<l} J(C_k, C_l)}, the circuits taken over
     * all units of all hook points (1 = circuits share no unit, 0 = all circuits identical); NaN
     * (undefined) with fewer than two factors.
     */
    public static double modularity(CircuitSet circuits) {
        int factorCount = circuits.factors().size();
        if (factorCount < 2) {
            return Double.NaN;
        }
        List<Set<UnitRef>> members = new ArrayList<>();
        for (int k = 0; k < factorCount; k++) {
            members.add(circuits.members(k));
        }
        double sum = 0;
        int pairs = 0;
        for (int k = 0; k < factorCount; k++) {
            for (int l = k + 1; l < factorCount; l++) {
                sum += jaccard(members.get(k), members.get(l));
                pairs++;
            }
        }
        return 1 - sum / pairs;
    }
}
