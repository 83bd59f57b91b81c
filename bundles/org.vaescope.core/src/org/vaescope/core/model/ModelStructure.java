package org.vaescope.core.model;

import java.nio.file.Path;
import java.util.List;

/**
 * What a saved model is made of: its steps in execution order with their types, activation shapes
 * and parameter counts.
 */
public record ModelStructure(Path file, ModelFormat format, List<LayerSummary> layers) {

    public ModelStructure {
        layers = List.copyOf(layers);
    }

    /** Total number of trainable parameters. */
    public long parameterCount() {
        return layers.stream().mapToLong(LayerSummary::parameterCount).sum();
    }

    /** A plain-text table of the structure, as the command line prints it. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append(file.getFileName()).append(" — ").append(format.label()).append(", ")
                .append(layers.size()).append(" steps, ").append(parameterCount()).append(" parameters\n");
        out.append(String.format("%4s  %-28s %-28s %-16s %12s%n", "#", "name", "type", "activation", "parameters"));
        for (LayerSummary layer : layers) {
            out.append(String.format("%4d  %-28s %-28s %-16s %12d%n", layer.index(), layer.name(), layer.type(),
                    layer.shapeText(), layer.parameterCount()));
        }
        return out.toString();
    }
}
