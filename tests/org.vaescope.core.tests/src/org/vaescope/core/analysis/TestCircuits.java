package org.vaescope.core.analysis;

import java.util.ArrayList;
import java.util.List;

/** Factor circuits given by hand, with checks that say nothing (no restoration measured, no ablation). */
final class TestCircuits {

    private TestCircuits() {
    }

    /** {@code units[k][h]} are the circuits; {@code hookUnits[h]} the units of each hook point. */
    static FactorCircuits of(List<String> hooks, List<String> factors, int[] hookUnits, int[][]... units) {
        List<List<int[]>> sets = new ArrayList<>();
        List<List<FactorCircuits.HookCircuit>> checks = new ArrayList<>();
        for (int[][] perHook : units) {
            sets.add(List.of(perHook));
            List<FactorCircuits.HookCircuit> hookChecks = new ArrayList<>();
            for (int h = 0; h < perHook.length; h++) {
                hookChecks.add(new FactorCircuits.HookCircuit(hookUnits[h], perHook[h].length, 1, 1, 0, 1, 0, 1));
            }
            checks.add(hookChecks);
        }
        return new FactorCircuits(new CircuitSet(hooks, factors, sets), checks, 0.8, 16, 3L);
    }
}
