package org.vaescope.core.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.vaescope.core.hooks.HookPoint;
import org.vaescope.core.hooks.Parameter;
import org.vaescope.core.hooks.StagedModel;

/**
 * What a saved model is made of: its steps in execution order with their types, activation shapes
 * and parameter counts.
 */
public record ModelStructure(Path file, ModelFormat format, List<LayerSummary> layers) {

    public ModelStructure {
        layers = List.copyOf(layers);
    }

    /**
     * The steps of a staged model (every hook point but the input), shown as {@code name(hook)} with
     * type {@code type(hook)}.
     */
    public static ModelStructure of(Path file, ModelFormat format, StagedModel graph, UnaryOperator<String> name,
            UnaryOperator<String> type) {
        List<LayerSummary> steps = new ArrayList<>();
        for (HookPoint hook : graph.hookPoints()) {
            if (hook.name().equals(graph.inputHook())) {
                continue;
            }
            long parameters = graph.stage(hook.name()).parameters().stream().mapToLong(Parameter::length).sum();
            long[] shape = java.util.Arrays.stream(hook.shape()).asLongStream().toArray();
            steps.add(new LayerSummary(steps.size(), name.apply(hook.name()), type.apply(hook.name()), shape,
                    parameters, graph.inputsOf(hook.name())));
        }
        return new ModelStructure(file, format, steps);
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
