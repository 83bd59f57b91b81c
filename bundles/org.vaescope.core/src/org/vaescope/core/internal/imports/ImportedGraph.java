package org.vaescope.core.internal.imports;

import java.util.Map;
import org.vaescope.core.hooks.StagedModel;

/**
 * An imported graph as a staged model, with the ONNX value name and operator behind each hook.
 *
 * @param model         the stages; for a VAE the hooks {@code input}, {@code latent.mu},
 *                      {@code latent.logvar}, {@code latent.z} and {@code output.logits} exist
 * @param onnxNames     hook name → ONNX value name
 * @param operators     hook name → ONNX operator ({@code input} for graph inputs, {@code sampler} for z)
 * @param probabilities true if the exported model ended in a sigmoid (kept as hook
 *                      {@code output.probabilities} after {@code output.logits})
 */
public record ImportedGraph(StagedModel model, Map<String, String> onnxNames, Map<String, String> operators,
        boolean probabilities) {

    public ImportedGraph {
        onnxNames = Map.copyOf(onnxNames);
        operators = Map.copyOf(operators);
    }
}
