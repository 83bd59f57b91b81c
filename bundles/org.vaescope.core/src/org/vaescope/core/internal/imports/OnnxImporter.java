package org.vaescope.core.internal.imports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.vaescope.core.hooks.StagedModel;
import org.vaescope.core.internal.imports.OnnxGraph.Node;
import org.vaescope.core.internal.imports.OnnxGraph.ValueInfo;
import org.vaescope.core.internal.hooks.GaussianSamplerStage;
import org.vaescope.core.vae.VaeHooks;

/**
 * Turns ONNX files into staged models: a plain graph (for describing), or a VAE from an encoder file
 * and a decoder file or from one file holding both, with the VAE roles found from the graph outputs.
 */
public final class OnnxImporter {

    public static final String PROBABILITIES = "output.probabilities";
    private static final Pattern MU = Pattern.compile("(?i)(^|[^a-z])(mu|mean|means|loc|z_mean)([^a-z]|$)");
    private static final Pattern LOGVAR = Pattern.compile("(?i)log_?var|log_?sigma|z_log_var|logvariance");

    private OnnxImporter() {
    }

    /** The operators the importer maps, sorted. */
    public static List<String> supportedOperators() {
        return OnnxGraphMapper.SUPPORTED.stream().sorted().toList();
    }

    /** Any single-input graph, every node a hook point; the output hook is the graph's first output. */
    public static ImportedGraph graph(Path file) throws IOException {
        return graph(OnnxReader.read(file));
    }

    /** {@link #graph(Path)} of a graph already read (or translated from another format). */
    public static ImportedGraph graph(OnnxGraph graph) {
        return graph(graph, Roles.NONE);
    }

    /** {@link #graph(OnnxGraph)} with the image input and its shape given by {@code roles} where set. */
    public static ImportedGraph graph(OnnxGraph graph, Roles roles) {
        ValueInfo input = input(graph, "", roles.image(), roles, "image");
        int[] shape = perSampleShape(input, roles);
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> operators = new LinkedHashMap<>();
        StagedModel.Builder builder = StagedModel.builder(VaeHooks.INPUT, shape);
        names.put(VaeHooks.INPUT, input.name());
        operators.put(VaeHooks.INPUT, "input");
        OnnxGraphMapper mapper = new OnnxGraphMapper(graph, builder, "", Map.of(input.name(), shape),
                Map.of(input.name(), VaeHooks.INPUT), Map.of(), names, operators);
        mapper.map(graph.nodes());
        String output = graph.outputs().isEmpty() ? null : mapper.hookOf(graph.outputs().get(0).name());
        if (output == null) {
            throw new GraphException("has no output computed from its input");
        }
        return new ImportedGraph(builder.build(output), names, operators, false);
    }

    /** A VAE from an encoder (image → μ, log σ²) and a decoder (z → reconstruction) file. */
    public static ImportedGraph vae(Path encoderFile, Path decoderFile, Roles roles) throws IOException {
        OnnxGraph encoder = OnnxReader.read(encoderFile);
        OnnxGraph decoder = aboutDecoder(decoderFile, () -> OnnxReader.read(decoderFile));
        return vae(encoder, decoder, decoderFile, roles);
    }

    /**
     * {@link #vae(Path, Path)} of graphs already read (or translated from another format); errors in the
     * decoder name {@code decoderFile}.
     */
    public static ImportedGraph vae(OnnxGraph encoder, OnnxGraph decoder, Path decoderFile, Roles roles)
            throws IOException {
        try {
            return encoderAndDecoder(encoder, decoder, decoderFile, roles);
        } catch (GraphException e) {
            throw e.withRoleNames(new GraphException.RoleNames(names(encoder.inputs()), names(encoder.outputs()),
                    names(decoder.inputs()), names(decoder.outputs())));
        }
    }

    private static List<String> names(List<ValueInfo> values) {
        return values.stream().map(ValueInfo::name).toList();
    }

    private static ImportedGraph encoderAndDecoder(OnnxGraph encoder, OnnxGraph decoder, Path decoderFile,
            Roles roles) throws IOException {
        ValueInfo image = input(encoder, "the encoder ", roles.image(), roles, "image");
        int[] imageShape = perSampleShape(image, roles);
        String[] latents = latentOutputs(encoder.outputs(), "the encoder", roles);
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> operators = new LinkedHashMap<>();
        StagedModel.Builder builder = start(image, imageShape, names, operators);
        Map<String, String> encoderRoles = Map.of(latents[0], VaeHooks.LATENT_MU, latents[1], VaeHooks.LATENT_LOGVAR);
        OnnxGraphMapper encoderMapper = new OnnxGraphMapper(encoder, builder, "encoder.",
                Map.of(image.name(), imageShape), Map.of(image.name(), VaeHooks.INPUT), encoderRoles, names, operators);
        encoderMapper.map(encoder.nodes());
        int[] latentShape = latentShape(encoderMapper, latents);
        addSampler(builder, names, operators);
        boolean probabilities = aboutDecoder(decoderFile, () -> addDecoder(decoder, builder, latentShape, names,
                operators, roles));
        return new ImportedGraph(build(builder, imageShape), names, operators, probabilities);
    }

    /** Adds the decoder graph reading {@code latent.z}; returns whether it outputs probabilities. */
    private static boolean addDecoder(OnnxGraph decoder, StagedModel.Builder builder, int[] latentShape,
            Map<String, String> names, Map<String, String> operators, Roles roles) {
        ValueInfo z = input(decoder, "the decoder ", roles.decoderInput(), roles, "decoderInput");
        if (z.dims().length == 2 && z.dims()[1] > 0 && z.dims()[1] != latentShape[0]) {
            throw new GraphException("the decoder reads codes of size " + z.dims()[1] + " but the encoder's μ has "
                    + latentShape[0]);
        }
        names.put(VaeHooks.LATENT_Z, z.name());
        if (decoder.outputs().size() != 1 && roles.reconstruction() == null) {
            throw GraphException.ambiguousRoles("the decoder has " + decoder.outputs().size() + " outputs "
                    + decoder.outputs().stream().map(ValueInfo::name).toList() + "; expected one image, or "
                    + roles.howToGive("{\"reconstruction\": \"" + decoder.outputs().get(0).name() + "\"}"));
        }
        String reconstruction = roles.reconstruction() != null ? output(decoder, roles.reconstruction(), roles,
                "reconstruction") : decoder.outputs().get(0).name();
        Map<String, String> decoderRoles = new LinkedHashMap<>();
        boolean probabilities = outputRoles(decoder, reconstruction, decoderRoles, roles);
        new OnnxGraphMapper(decoder, builder, "decoder.", Map.of(z.name(), latentShape),
                Map.of(z.name(), VaeHooks.LATENT_Z), decoderRoles, names, operators).map(decoder.nodes());
        return probabilities;
    }

    /** A VAE from one graph: image → μ, log σ² and a reconstruction computed from μ. */
    public static ImportedGraph vae(Path file, Roles roles) throws IOException {
        return vae(OnnxReader.read(file), roles);
    }

    /** {@link #vae(Path)} of a graph already read (or translated from another format). */
    public static ImportedGraph vae(OnnxGraph graph, Roles roles) {
        try {
            return oneGraph(graph, roles);
        } catch (GraphException e) {
            throw e.withRoleNames(new GraphException.RoleNames(names(graph.inputs()), names(graph.outputs()),
                    List.of(), List.of()));
        }
    }

    private static ImportedGraph oneGraph(OnnxGraph graph, Roles roles) {
        ValueInfo image = input(graph, "", roles.image(), roles, "image");
        int[] imageShape = perSampleShape(image, roles);
        if (graph.outputs().size() != 3 && roles.reconstruction() == null) {
            throw GraphException.ambiguousRoles("has " + graph.outputs().size() + " outputs; a whole VAE in one file gives"
                    + " three (μ, log σ², reconstruction) — or give the encoder and the decoder as two files");
        }
        String[] latents = latentOutputs(graph.outputs(), "the model", roles);
        String reconstruction = roles.reconstruction() != null ? output(graph, roles.reconstruction(), roles,
                "reconstruction") : graph.outputs().stream().map(ValueInfo::name)
                .filter(n -> !n.equals(latents[0]) && !n.equals(latents[1])).findFirst().orElseThrow();
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> operators = new LinkedHashMap<>();
        StagedModel.Builder builder = start(image, imageShape, names, operators);
        Map<String, String> hooks = new LinkedHashMap<>(Map.of(latents[0], VaeHooks.LATENT_MU, latents[1],
                VaeHooks.LATENT_LOGVAR));
        boolean probabilities = outputRoles(graph, reconstruction, hooks, roles);
        OnnxGraphMapper mapper = new OnnxGraphMapper(graph, builder, "", Map.of(image.name(), imageShape),
                Map.of(image.name(), VaeHooks.INPUT), hooks, names, operators);
        List<Node> decoderNodes = readersOf(graph.nodes(), latents[0]);
        List<Node> encoderNodes = new ArrayList<>(graph.nodes());
        encoderNodes.removeAll(decoderNodes);
        mapper.map(encoderNodes);
        int[] latentShape = latentShape(mapper, latents);
        addSampler(builder, names, operators);
        names.put(VaeHooks.LATENT_Z, latents[0]);
        mapper.redirect(latents[0], VaeHooks.LATENT_Z, latentShape);
        mapper.map(decoderNodes);
        if (mapper.hookOf(reconstruction) == null) {
            throw new GraphException("output '" + reconstruction + "' is not computed from μ ('" + latents[0]
                    + "'); VAEScope needs the decoder to read μ in the exported graph");
        }
        return new ImportedGraph(build(builder, imageShape), names, operators, probabilities);
    }

    private static StagedModel.Builder start(ValueInfo image, int[] imageShape, Map<String, String> names,
            Map<String, String> operators) {
        names.put(VaeHooks.INPUT, image.name());
        operators.put(VaeHooks.INPUT, "input");
        return StagedModel.builder(VaeHooks.INPUT, imageShape);
    }

    private static void addSampler(StagedModel.Builder builder, Map<String, String> names,
            Map<String, String> operators) {
        builder.add(VaeHooks.LATENT_Z, new GaussianSamplerStage(), VaeHooks.LATENT_MU, VaeHooks.LATENT_LOGVAR);
        operators.put(VaeHooks.LATENT_Z, "sampler");
    }

    private static StagedModel build(StagedModel.Builder builder, int[] imageShape) {
        StagedModel model = builder.build(VaeHooks.OUTPUT);
        int[] out = model.hookPoint(VaeHooks.OUTPUT).shape();
        if (!java.util.Arrays.equals(out, imageShape)) {
            throw new GraphException("the reconstruction has shape " + java.util.Arrays.toString(out)
                    + " but the image " + java.util.Arrays.toString(imageShape));
        }
        return model;
    }

    /** Nodes that read {@code value} directly or through other nodes, in file order. */
    private static List<Node> readersOf(List<Node> nodes, String value) {
        Set<String> reached = new HashSet<>(Set.of(value));
        List<Node> readers = new ArrayList<>();
        for (Node node : nodes) {
            if (node.inputs().stream().anyMatch(reached::contains)) {
                readers.add(node);
                reached.addAll(node.outputs());
            }
        }
        return readers;
    }

    /**
     * Names the reconstruction's hooks: a final Sigmoid makes its input {@code output.logits} and its
     * output {@code output.probabilities} (unless the roles say the output is logits); otherwise the
     * output is taken as logits.
     */
    private static boolean outputRoles(OnnxGraph graph, String reconstruction, Map<String, String> hooks, Roles roles) {
        Node producer = graph.nodes().stream().filter(n -> n.outputs().contains(reconstruction)).findFirst()
                .orElseThrow(() -> new GraphException("no node computes the output '" + reconstruction + "'"));
        boolean sigmoid = producer.opType().equals("Sigmoid");
        if (Boolean.TRUE.equals(roles.probabilities()) && !sigmoid) {
            throw new GraphException(roles.source() + " says output '" + reconstruction + "' is probabilities, but it is"
                    + " computed by " + producer.opType() + ", not by a final Sigmoid; VAEScope needs the logits before it");
        }
        if (sigmoid && !Boolean.FALSE.equals(roles.probabilities())) {
            hooks.put(producer.inputs().get(0), VaeHooks.OUTPUT);
            hooks.put(reconstruction, PROBABILITIES);
            return true;
        }
        hooks.put(reconstruction, VaeHooks.OUTPUT);
        return false;
    }

    /** [μ, log σ²] among the outputs: as the roles name them, else by name. */
    static String[] latentOutputs(List<ValueInfo> outputs, String what, Roles roles) {
        List<String> names = outputs.stream().map(ValueInfo::name).toList();
        List<String> mu = roles.mu() != null ? List.of(roles.mu())
                : names.stream().filter(n -> MU.matcher(n).find() && !LOGVAR.matcher(n).find()).toList();
        List<String> logvar = roles.logvar() != null ? List.of(roles.logvar())
                : names.stream().filter(n -> LOGVAR.matcher(n).find()).toList();
        if (mu.size() != 1 || logvar.size() != 1) {
            String a = names.isEmpty() ? "A" : names.get(0);
            String b = names.size() < 2 ? "B" : names.get(1);
            throw GraphException.ambiguousRoles(what + " has outputs " + names + "; VAEScope finds μ and log σ² by name (e.g. 'mu'"
                    + " and 'logvar') and cannot tell them apart here: " + roles.howToGive("{\"mu\": \"" + a
                    + "\", \"logvar\": \"" + b + "\"}"));
        }
        for (String[] role : new String[][] {{"mu", mu.get(0)}, {"logvar", logvar.get(0)}}) {
            if (!names.contains(role[1])) {
                throw GraphException.ambiguousRoles(roles.source() + " names '" + role[1] + "' as \"" + role[0] + "\", but "
                        + what + " has only the outputs " + names);
            }
        }
        return new String[] {mu.get(0), logvar.get(0)};
    }

    /** The output the roles name by {@code key}; an error if the graph has none of that name. */
    private static String output(OnnxGraph graph, String name, Roles roles, String key) {
        List<String> names = graph.outputs().stream().map(ValueInfo::name).toList();
        if (!names.contains(name)) {
            throw GraphException.ambiguousRoles(roles.source() + " names '" + name + "' as \"" + key + "\", but the graph has only"
                    + " the outputs " + names);
        }
        return name;
    }

    private static int[] latentShape(OnnxGraphMapper mapper, String[] latents) {
        for (String latent : latents) {
            if (mapper.hookOf(latent) == null) {
                throw new GraphException("output '" + latent + "' is not computed from the image input");
            }
        }
        int[] mu = mapper.shapeOf(latents[0]);
        if (mu.length != 1 || !java.util.Arrays.equals(mu, mapper.shapeOf(latents[1]))) {
            throw new GraphException("μ ('" + latents[0] + "') and log σ² ('" + latents[1]
                    + "') must be vectors of one size, are " + java.util.Arrays.toString(mu) + " and "
                    + java.util.Arrays.toString(mapper.shapeOf(latents[1])));
        }
        return mu;
    }

    /** The input the roles name by {@code key}, else the graph's only input. */
    private static ValueInfo input(OnnxGraph graph, String what, String named, Roles roles, String key) {
        List<String> names = graph.inputs().stream().map(ValueInfo::name).toList();
        if (named != null) {
            return graph.inputs().stream().filter(i -> i.name().equals(named)).findFirst().orElseThrow(() ->
                    GraphException.ambiguousRoles(roles.source() + " names '" + named + "' as \"" + key + "\", but " + what
                            + "has only the inputs " + names));
        }
        if (graph.inputs().size() != 1) {
            throw GraphException.ambiguousRoles(what + "has " + graph.inputs().size() + " inputs " + names
                    + "; VAEScope expects one, or " + roles.howToGive("{\"" + key + "\": \""
                            + (names.isEmpty() ? "x" : names.get(0)) + "\"}"));
        }
        return graph.inputs().get(0);
    }

    /** The input's dimensions after the batch (the roles' image shape if given); all must be fixed numbers. */
    private static int[] perSampleShape(ValueInfo input, Roles roles) {
        long[] dims = input.dims();
        if (roles.imageShape() != null) {
            if (dims.length > 1 && dims.length - 1 != roles.imageShape().length) {
                throw new GraphException(roles.source() + " gives \"imageShape\" " + java.util.Arrays.toString(
                        roles.imageShape()) + ", but input '" + input.name() + "' has " + (dims.length - 1)
                        + " dimensions per sample");
            }
            return roles.imageShape().clone();
        }
        if (dims.length < 2) {
            throw new GraphException("input '" + input.name() + "' has no per-sample dimensions recorded");
        }
        int[] shape = new int[dims.length - 1];
        for (int k = 1; k < dims.length; k++) {
            if (dims[k] <= 0) {
                String name = input.dimNames().get(k).isEmpty() ? "unknown" : "'" + input.dimNames().get(k) + "'";
                throw new GraphException("input '" + input.name() + "' has dimension " + k + " of " + name
                        + " size (a dynamic shape VAEScope cannot resolve); export with a fixed image size"
                        + " (only the batch axis may be dynamic), or " + roles.howToGive("{\"imageShape\": [1, 64, 64]}"));
            }
            shape[k - 1] = (int) dims[k];
        }
        return shape;
    }

    private interface Reading<T> {
        T read() throws IOException;
    }

    /** Marks an error as the decoder file's (the caller names the encoder's file otherwise). */
    private static <T> T aboutDecoder(Path file, Reading<T> reading) throws IOException {
        try {
            return reading.read();
        } catch (GraphException e) {
            throw e.about(file);
        }
    }
}
