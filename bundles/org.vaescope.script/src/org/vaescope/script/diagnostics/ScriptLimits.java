package org.vaescope.script.diagnostics;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

import org.vaescope.script.ast.NumberLiteral;
import org.vaescope.script.ast.Statement;

/**
 * The bounds a script's numbers keep so that no run allocates without limit or computes on a
 * non-finite value. The {@link ScriptChecker} applies them, so {@code vaescope check}, a run and the
 * editor's live check and markers report the same problems from this one place.
 */
public final class ScriptLimits {

    /** The most inputs one statement may ask for (also the most units of {@code top}). */
    public static final long MAX_SAMPLES = 1_000_000;
    /** The most columns of a traversal. */
    public static final long MAX_STEPS = 1_000;
    /** The most points of a perturbation grid. */
    public static final long MAX_GRID_POINTS = 10_000;

    private ScriptLimits() {
    }

    /** True for a whole number in {@code 1..bound}. */
    public static boolean isCountWithin(NumberLiteral count, long bound) {
        return count.isInteger() && count.value() >= 1 && count.value() <= bound;
    }

    /** The points of the grid {@code from..to} in steps of {@code step > 0}, counted in double (no overflow). */
    public static double gridPoints(double from, double to, double step) {
        return Math.floor(Math.abs(to - from) / step + 1e-9) + 1;
    }

    /** Every number written in a statement that is infinite or NaN (e.g. {@code 1e999}). */
    public static List<NumberLiteral> nonFiniteNumbers(Statement statement) {
        List<NumberLiteral> found = new ArrayList<>();
        collectNonFinite(statement, found);
        return found;
    }

    private static void collectNonFinite(Object node, List<NumberLiteral> found) {
        if (node instanceof NumberLiteral number) {
            if (!Double.isFinite(number.value())) {
                found.add(number);
            }
        } else if (node instanceof List<?> list) {
            list.forEach(element -> collectNonFinite(element, found));
        } else if (node instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                collectNonFinite(valueOf(component, record), found);
            }
        }
    }

    private static Object valueOf(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component + " of " + record.getClass(), e);
        }
    }
}
