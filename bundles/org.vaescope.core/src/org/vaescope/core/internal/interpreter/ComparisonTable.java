package org.vaescope.core.internal.interpreter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vaescope.core.interpreter.run.StepResult;

/**
 * The numbers of every step side by side: one row per (statement, quantity), one column per model;
 * NaN where a model has no such number.
 *
 * @param models the model names (value columns)
 * @param rows   the rows, in statement order and then in the order the quantities first appear
 */
public record ComparisonTable(List<String> models, List<Row> rows) {

    /** One quantity of one statement. */
    public record Row(int line, String statement, String quantity, double[] values) {
    }

    public ComparisonTable {
        models = List.copyOf(models);
        rows = List.copyOf(rows);
    }

    /** The table of these steps. */
    public static ComparisonTable of(List<String> models, List<StepResult> steps) {
        Map<String, double[]> values = new LinkedHashMap<>();
        Map<String, Row> rowKeys = new LinkedHashMap<>();
        for (StepResult step : steps) {
            int column = models.indexOf(step.model());
            if (column < 0) {
                continue;
            }
            for (Map.Entry<String, Double> number : step.numbers().entrySet()) {
                String key = step.line() + "\u0000" + number.getKey();
                double[] row = values.computeIfAbsent(key, k -> {
                    double[] fresh = new double[models.size()];
                    java.util.Arrays.fill(fresh, Double.NaN);
                    return fresh;
                });
                rowKeys.putIfAbsent(key, new Row(step.line(), step.kind(), number.getKey(), row));
                row[column] = number.getValue();
            }
        }
        return new ComparisonTable(models, new ArrayList<>(rowKeys.values()));
    }
}
