package org.vaescope.core.imports;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.vaescope.core.hooks.HookException;
import org.vaescope.core.hooks.HookPoint;
import org.vaescope.core.hooks.HookedModel;
import org.vaescope.core.hooks.StagedModel;
import org.vaescope.core.hooks.StagedView;
import org.vaescope.core.model.ModelFormat;
import org.vaescope.core.model.ModelStructure;

/**
 * A VAE trained elsewhere, imported as a {@link HookedModel} on VAEScope's engine. It has the hook
 * points of every VAEScope VAE ({@code input}, {@code latent.mu}, {@code latent.logvar},
 * {@code latent.z}, {@code output.logits}) and one hook point per node output of the imported graph,
 * named by a readable alias of the node name; {@link #hook(String)} also accepts the ONNX value name.
 * Runs are deterministic (z = μ) unless the options ask to sample.
 */
public final class ImportedVae implements StagedView {

    /** The reconstruction as probabilities, present when the exported model ended in a sigmoid. */
    public static final String PROBABILITIES = "output.probabilities";

    private final List<Path> files;
    private final StagedModel graph;
    private final Map<String, String> onnxNames;
    private final Map<String, String> operators;
    private final boolean probabilities;

    ImportedVae(List<Path> files, StagedModel graph, Map<String, String> onnxNames, Map<String, String> operators,
            boolean probabilities) {
        this.files = List.copyOf(files);
        this.graph = graph;
        this.onnxNames = Map.copyOf(onnxNames);
        this.operators = Map.copyOf(operators);
        this.probabilities = probabilities;
    }

    /** The files the model was imported from (encoder and decoder, or one). */
    public List<Path> files() {
        return files;
    }

    @Override
    public StagedModel graph() {
        return graph;
    }

    /** True if the exported model output probabilities (its final sigmoid is hook {@link #PROBABILITIES}). */
    public boolean outputsProbabilities() {
        return probabilities;
    }

    /** The ONNX value name behind a hook point (the graph input's name for {@code input}). */
    public String onnxName(String hook) {
        hookPoint(hook);
        return onnxNames.getOrDefault(hook, hook);
    }

    /** The ONNX operator computing a hook point ({@code input}, {@code sampler} for the VAE's own). */
    public String operator(String hook) {
        hookPoint(hook);
        return operators.getOrDefault(hook, "");
    }

    /** The hook point named {@code name}, by its VAEScope name or by its ONNX value name. */
    public HookPoint hook(String name) {
        for (Map.Entry<String, String> e : onnxNames.entrySet()) {
            if (e.getValue().equals(name) && !graph.hookPoints().stream().anyMatch(h -> h.name().equals(name))) {
                return graph.hookPoint(e.getKey());
            }
        }
        return graph.hookPoint(name);
    }

    /** The graph's steps with operators, shapes and parameter counts, as "describe" shows them. */
    public ModelStructure structure() {
        return ModelStructure.of(files.get(0), ModelFormat.ONNX, graph, this::displayName, this::operator);
    }

    private String displayName(String hook) {
        String onnx = onnxName(hook);
        return onnx.equals(hook) ? hook : hook + " (" + onnx + ")";
    }

    @Override
    public HookPoint hookPoint(String name) {
        try {
            return graph.hookPoint(name);
        } catch (HookException e) {
            return hook(name);
        }
    }

    @Override
    public String toString() {
        return "imported VAE (" + files.stream().map(f -> f.getFileName().toString()).toList() + ")";
    }
}
