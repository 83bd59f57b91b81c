package org.vaescope.core.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The circuit of every factor at every hook point ({@link FactorCircuits}).
 *
 * @param hooks hook point names in layer order
 * @param factors factor names
 * @param units {@code units.get(k).get(h)}: sorted unit indices of the circuit of factor k at hook h
 *        (empty where the hook point has no circuit for k)
 */
public record CircuitSet(List<String> hooks, List<String> factors, List<List<int[]>> units) {

    /** Validates the shape and copies the arrays. */
    public CircuitSet {
        hooks = List.copyOf(hooks);
        factors = List.copyOf(factors);
        if (units.size() != factors.size()) {
            throw Checks.fail("CircuitSet has circuits for " + units.size() + " factors, expected " + factors.size());
        }
        List<List<int[]>> copy = new ArrayList<>();
        for (int k = 0; k < units.size(); k++) {
            if (units.get(k).size() != hooks.size()) {
                throw Checks.fail("CircuitSet circuit of factor '" + factors.get(k) + "' covers "
                        + units.get(k).size() + " hook points, expected " + hooks.size());
            }
            List<int[]> perHook = new ArrayList<>();
            for (int[] members : units.get(k)) {
                int[] sorted = members.clone();
                Arrays.sort(sorted);
                perHook.add(sorted);
            }
            copy.add(List.copyOf(perHook));
        }
        units = List.copyOf(copy);
    }

    /** A deep copy of the unit indices, {@code [factor][hook]}. */
    @Override
    public List<List<int[]>> units() {
        return units.stream().map(perHook -> perHook.stream().map(int[]::clone).toList()).toList();
    }

    /** Sorted unit indices of the circuit of {@code factor} at {@code hook}. */
    public int[] units(String factor, String hook) {
        return units.get(factorIndex(factor)).get(hookIndex(hook)).clone();
    }

    /** Whether the unit belongs to the circuit of factor index {@code factor}. */
    public boolean contains(int factor, String hook, int unit) {
        int h = hooks.indexOf(hook);
        return h >= 0 && Arrays.binarySearch(units.get(factor).get(h), unit) >= 0;
    }

    /** All units of the circuit of factor index {@code factor} over all hook points, in layer order. */
    public Set<UnitRef> members(int factor) {
        Set<UnitRef> members = new LinkedHashSet<>();
        for (int h = 0; h < hooks.size(); h++) {
            for (int u : units.get(factor).get(h)) {
                members.add(new UnitRef(hooks.get(h), u));
            }
        }
        return members;
    }

    /** {@link #members(int)} of the named factor. */
    public Set<UnitRef> members(String factor) {
        return members(factorIndex(factor));
    }

    /** Size of the circuit of factor index {@code factor} over all hook points. */
    public int size(int factor) {
        int size = 0;
        for (int[] perHook : units.get(factor)) {
            size += perHook.length;
        }
        return size;
    }

    private int factorIndex(String factor) {
        int k = factors.indexOf(factor);
        if (k < 0) {
            throw Checks.fail("unknown factor '" + factor + "'; known: " + factors);
        }
        return k;
    }

    private int hookIndex(String hook) {
        int h = hooks.indexOf(hook);
        if (h < 0) {
            throw Checks.fail("unknown hook point '" + hook + "'; known: " + hooks);
        }
        return h;
    }
}
