package org.vaescope.core.internal.interpreter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vaescope.core.data.Factor;
import org.vaescope.core.data.FactorDataset;
import org.vaescope.script.ast.Condition;
import org.vaescope.script.ast.FactorAssignment;
import org.vaescope.script.ast.Identifier;
import org.vaescope.script.ast.Literal;
import org.vaescope.script.ast.NumberLiteral;
import org.vaescope.script.ScriptEnvironment.DatasetInfo;
import org.vaescope.script.ScriptEnvironment.FactorInfo;

/**
 * Factor values as scripts write them: a label ({@code heart}), a 0-based class index ({@code 5}) or
 * one of the factor's values ({@code 0.5}). Labels exist for the shape factor of dSprites and of the
 * causal dataset (classes 1, 2, 3 = square, ellipse, heart) and for dSprites' single colour (white).
 */
public final class FactorValues {

    private static final List<String> SHAPE_LABELS = List.of("square", "ellipse", "heart");

    private FactorValues() {
    }

    /** The factors of a dataset as the checker and completion see them. */
    public static DatasetInfo describe(FactorDataset dataset) {
        List<FactorInfo> factors = new ArrayList<>();
        for (Factor f : dataset.factors()) {
            List<Double> values = new ArrayList<>();
            for (double v : f.values()) {
                values.add(v);
            }
            factors.add(new FactorInfo(f.name(), f.size(), labels(f), values));
        }
        return new DatasetInfo(factors);
    }

    /** The value labels of a factor, one per class, or an empty list. */
    static List<String> labels(Factor factor) {
        if (factor.name().equals("shape") && factor.size() == 3) {
            return SHAPE_LABELS;
        }
        if (factor.name().equals("color") && factor.size() == 1) {
            return List.of("white");
        }
        return List.of();
    }

    /** Index of the factor with this name. */
    public static int factorIndex(FactorDataset dataset, String name) {
        int index = dataset.factorIndex(name);
        if (index < 0) {
            throw new IllegalArgumentException("unknown factor '" + name + "' of dataset '" + dataset.name()
                    + "' (factors: " + dataset.factors().stream().map(Factor::name).toList() + ")");
        }
        return index;
    }

    /** The class index a written value names. */
    public static int classIndex(FactorDataset dataset, String factorName, Literal value) {
        Factor factor = dataset.factors().get(factorIndex(dataset, factorName));
        if (value instanceof Identifier label) {
            int index = labels(factor).indexOf(label.text());
            if (index < 0) {
                throw new IllegalArgumentException("unknown value '" + label.text() + "' of factor '" + factorName
                        + "' (labels: " + labels(factor) + ")");
            }
            return index;
        }
        if (value instanceof NumberLiteral number) {
            if (number.isInteger()) {
                long index = number.longValue();
                if (index < 0 || index >= factor.size()) {
                    throw new IllegalArgumentException("class index " + number.text() + " is out of range 0.."
                            + (factor.size() - 1) + " of factor '" + factorName + "'");
                }
                return (int) index;
            }
            double[] values = factor.values();
            for (int c = 0; c < values.length; c++) {
                if (Math.abs(values[c] - number.value()) < 1e-6) {
                    return c;
                }
            }
            throw new IllegalArgumentException(number.text() + " is not a value of factor '" + factorName + "'");
        }
        throw new IllegalArgumentException("'" + value.text() + "' is not a value of factor '" + factorName + "'");
    }

    /** A condition as factor name → class index, in the order written. */
    public static Map<String, Integer> condition(FactorDataset dataset, Condition condition) {
        Map<String, Integer> classes = new LinkedHashMap<>();
        for (FactorAssignment a : condition.assignments()) {
            classes.put(a.factor().text(), classIndex(dataset, a.factor().text(), a.value()));
        }
        return classes;
    }

    /** A condition as written, e.g. {@code (shape=heart, scale=2)}. */
    public static String text(Condition condition) {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < condition.assignments().size(); i++) {
            FactorAssignment a = condition.assignments().get(i);
            text.append(i == 0 ? "" : ", ").append(a.factor().text()).append('=').append(a.value().text());
        }
        return text.append(')').toString();
    }
}
