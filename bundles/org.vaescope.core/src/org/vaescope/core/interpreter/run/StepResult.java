package org.vaescope.core.interpreter.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one statement of a script computed on one model.
 *
 * @param kind    the statement keyword(s), e.g. {@code patch}, {@code metric}, {@code vary factor}
 * @param line    1-based source line of the statement
 * @param source  the statement as written
 * @param model   name of the model it ran on (the {@code as} name or the file name without extension)
 * @param summary one or a few lines of text for people
 * @param numbers named results in a stable order (NaN where undefined, e.g. a fraction restored
 *                whose denominator vanishes)
 * @param files   output files written by this statement, relative to the output folder
 */
public record StepResult(String kind, int line, String source, String model, String summary,
        Map<String, Double> numbers, List<String> files) {

    public StepResult {
        numbers = Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
        files = List.copyOf(files);
    }

    /** The number with this name, or NaN when the step has none. */
    public double number(String name) {
        Double value = numbers.get(name);
        return value == null ? Double.NaN : value;
    }
}
