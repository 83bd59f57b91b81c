package org.vaescope.core.model;

import java.util.List;

/**
 * One computation step of a model: a DL4J layer or graph vertex, or a SameDiff operation.
 *
 * @param index position in execution order, from 0
 * @param name the name the model gives it
 * @param type its kind (layer class or op name)
 * @param activationShape shape of its output for one sample, e.g. {@code [32, 31, 31]}, or
 *        {@code null} when the model does not record the input size
 * @param parameterCount number of trainable parameters it owns
 * @param inputs names of the steps (or model inputs) it reads
 */
public record LayerSummary(int index, String name, String type, long[] activationShape, long parameterCount,
        List<String> inputs) {

    public LayerSummary {
        inputs = List.copyOf(inputs);
        activationShape = activationShape == null ? null : activationShape.clone();
    }

    @Override
    public long[] activationShape() {
        return activationShape == null ? null : activationShape.clone();
    }

    /** The activation shape as text, {@code 32×31×31}, or {@code ?} when unknown. */
    public String shapeText() {
        if (activationShape == null) {
            return "?";
        }
        StringBuilder text = new StringBuilder();
        for (long dim : activationShape) {
            if (text.length() > 0) {
                text.append('×');
            }
            text.append(dim);
        }
        return text.toString();
    }
}
