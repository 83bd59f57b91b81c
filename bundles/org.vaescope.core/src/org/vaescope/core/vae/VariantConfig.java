package org.vaescope.core.vae;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A variant with all its hyperparameters (defaults filled in).
 *
 * @param variant         the objective
 * @param hyperparameters every hyperparameter of the variant, by name
 */
public record VariantConfig(Variant variant, Map<String, Double> hyperparameters) {

    private static final Set<String> INTEGER_KEYS = Set.of("discriminatorLayers", "discriminatorUnits",
            "codebookSize", "codeDim");

    public VariantConfig {
        Map<String, Double> all = new LinkedHashMap<>(variant.defaults());
        for (Map.Entry<String, Double> e : hyperparameters.entrySet()) {
            if (!all.containsKey(e.getKey())) {
                throw new IllegalArgumentException("unknown hyperparameter '" + e.getKey() + "' for "
                        + variant.id() + " (known: " + String.join(", ", variant.defaults().keySet()) + ")");
            }
            double v = e.getValue();
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("hyperparameter '" + e.getKey() + "' of " + variant.id()
                        + " must be finite, is " + v);
            }
            if (INTEGER_KEYS.contains(e.getKey()) && (v != Math.rint(v) || v < 1)) {
                throw new IllegalArgumentException("hyperparameter '" + e.getKey() + "' of " + variant.id()
                        + " must be a positive integer, is " + v);
            }
            if (e.getKey().equals("codebookDecay") && (v < 0 || v >= 1)) {
                throw new IllegalArgumentException("hyperparameter 'codebookDecay' of " + variant.id()
                        + " must be in [0, 1), is " + v);
            }
            all.put(e.getKey(), v);
        }
        hyperparameters = Collections.unmodifiableMap(all);
    }

    /** The variant with its default hyperparameters. */
    public static VariantConfig of(Variant variant) {
        return new VariantConfig(variant, Map.of());
    }

    /** A copy with one hyperparameter changed. */
    public VariantConfig with(String name, double value) {
        Map<String, Double> changed = new LinkedHashMap<>(hyperparameters);
        changed.put(name, value);
        return new VariantConfig(variant, changed);
    }

    /** The value of a hyperparameter. */
    public double get(String name) {
        Double v = hyperparameters.get(name);
        if (v == null) {
            throw new IllegalArgumentException(variant.id() + " has no hyperparameter '" + name + "'");
        }
        return v;
    }

    /** An integer hyperparameter. */
    public int getInt(String name) {
        return (int) get(name);
    }

    @Override
    public String toString() {
        return variant.id() + hyperparameters;
    }
}
