package org.vaescope.core.imports;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.hooks.HookException;
import org.vaescope.core.hooks.HookPoint;
import org.vaescope.core.hooks.Parameter;
import org.vaescope.core.hooks.StagedModel;
import org.vaescope.core.hooks.StagedView;
import org.vaescope.core.model.ModelFormat;
import org.vaescope.core.model.ModelStructure;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.HookedVae;
import org.vaescope.core.vae.Likelihood;
import org.vaescope.core.vae.VaeHooks;
import org.vaescope.core.vae.VaeModel;
import org.vaescope.core.vae.VariantConfig;

/**
 * A VAE trained elsewhere, imported as a {@link HookedVae} on VAEScope's engine. It has the hook
 * points of every VAEScope VAE ({@code input}, {@code latent.mu}, {@code latent.logvar},
 * {@code latent.z}, {@code output.logits}) and one hook point per node output of the imported graph,
 * named by a readable alias of the node name; {@link #hook(String)} also accepts the ONNX value name.
 * Runs are deterministic (z = μ) unless the options ask to sample.
 */
public final class ImportedVae implements StagedView, HookedVae {

    /** The reconstruction as probabilities, present when the exported model ended in a sigmoid. */
    public static final String PROBABILITIES = "output.probabilities";

    private final List<Path> files;
    private final StagedModel graph;
    private final Map<String, String> onnxNames;
    private final Map<String, String> operators;
    private final boolean probabilities;
    private final ModelFormat format;

    ImportedVae(ModelFormat format, List<Path> files, StagedModel graph, Map<String, String> onnxNames, Map<String, String> operators,
            boolean probabilities) {
        this.format = format;
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

    @Override
    public int latentSize() {
        return graph.hookPoint(VaeHooks.LATENT_MU).units();
    }

    /** True if the exported model output probabilities (its final sigmoid is hook {@link #PROBABILITIES}). */
    public boolean outputsProbabilities() {
        return probabilities;
    }

    /** The format the model was imported from (of its encoder file when it came as two). */
    public ModelFormat format() {
        return format;
    }

    /**
     * The ONNX value name behind a hook point (for a DL4J model the layer or vertex name; the graph
     * input's name for {@code input}).
     */
    public String onnxName(String hook) {
        hookPoint(hook);
        return onnxNames.getOrDefault(hook, hook);
    }

    /** The ONNX operator computing a hook point ({@code input}, {@code sampler} for the VAE's own). */
    public String operator(String hook) {
        hookPoint(hook);
        return operators.getOrDefault(hook, "");
    }

    /**
     * The hook point named {@code name}: by its VAEScope name, else by its ONNX value name.
     *
     * @throws HookException if neither names a hook point, or the ONNX name is used in both files
     */
    public HookPoint hook(String name) {
        if (graph.hookPoints().stream().anyMatch(h -> h.name().equals(name))) {
            return graph.hookPoint(name);
        }
        List<String> hooks = onnxNames.entrySet().stream().filter(e -> e.getValue().equals(name))
                .map(Map.Entry::getKey).sorted().toList();
        if (hooks.size() > 1) {
            throw new HookException("name '" + name + "' is used in both files, by hook points " + hooks
                    + "; use one of those names");
        }
        return graph.hookPoint(hooks.isEmpty() ? name : hooks.get(0));
    }

    /**
     * The same function as a VAEScope model of {@code architecture} (e.g. to save as {@code .vsm}):
     * every parameter of the VAEScope model is copied from the imported parameter of the same name,
     * convolution kernels turned from ONNX's out × in × k × k into VAEScope's in × k × k × out.
     *
     * @throws IllegalArgumentException naming the first parameter that is missing or does not fit
     */
    public VaeModel rebuild(Architecture architecture, VariantConfig variant, Likelihood likelihood) {
        VaeModel model = VaeModel.createUninitialized(architecture, variant, likelihood);
        List<String> imported = graph.parameters().stream().map(Parameter::name).toList();
        for (Parameter p : model.graph().parameters()) {
            if (!imported.contains(p.name())) {
                throw new IllegalArgumentException(architecture + " needs parameter '" + p.name()
                        + "', which the imported graph lacks (it has " + imported + ")");
            }
            INDArray weights = graph.parameter(p.name()).value();
            boolean convolution = p.shape().length == 4 && model.graph().stage(hookOf(p)).kind().equals("conv2d");
            INDArray value = convolution ? weights.permute(1, 2, 3, 0) : weights;
            if (value.length() != p.length() || (convolution && !java.util.Arrays.equals(value.shape(), p.shape()))) {
                throw new IllegalArgumentException("parameter '" + p.name() + "' has shape "
                        + java.util.Arrays.toString(weights.shape()) + " in the imported graph, "
                        + java.util.Arrays.toString(p.shape()) + " in " + architecture);
            }
            p.value().assign(value.reshape(p.shape()));
        }
        return model;
    }

    private static String hookOf(Parameter p) {
        return p.name().substring(0, p.name().lastIndexOf('.'));
    }

    /** The graph's steps with operators, shapes and parameter counts, as "describe" shows them. */
    public ModelStructure structure() {
        return ModelStructure.of(files.get(0), format, graph, this::displayName, this::operator);
    }

    private String displayName(String hook) {
        String onnx = onnxName(hook);
        return onnx.equals(hook) ? hook : hook + " (" + onnx + ")";
    }

    @Override
    public HookPoint hookPoint(String name) {
        return hook(name);
    }

    @Override
    public String toString() {
        return "imported VAE (" + files.stream().map(f -> f.getFileName().toString()).toList() + ")";
    }
}
