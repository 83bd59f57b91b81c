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
        OnnxGraph graph = OnnxReader.read(file);
        ValueInfo input = singleInput(graph, "");
        int[] shape = perSampleShape(input);
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
    public static ImportedGraph vae(Path encoderFile, Path decoderFile) throws IOException {
        OnnxGraph encoder = OnnxReader.read(encoderFile);
        OnnxGraph decoder = aboutDecoder(decoderFile, () -> OnnxReader.read(decoderFile));
        ValueInfo image = singleInput(encoder, "the encoder ");
        int[] imageShape = perSampleShape(image);
        String[] latents = latentOutputs(encoder.outputs(), "the encoder");
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
                operators));
        return new ImportedGraph(build(builder, imageShape), names, operators, probabilities);
    }

    /** Adds the decoder graph reading {@code latent.z}; returns whether it outputs probabilities. */
    private static boolean addDecoder(OnnxGraph decoder, StagedModel.Builder builder, int[] latentShape,
            Map<String, String> names, Map<String, String> operators) {
        ValueInfo z = singleInput(decoder, "the decoder ");
        if (z.dims().length == 2 && z.dims()[1] > 0 && z.dims()[1] != latentShape[0]) {
            throw new GraphException("the decoder reads codes of size " + z.dims()[1] + " but the encoder's μ has "
                    + latentShape[0]);
        }
        names.put(VaeHooks.LATENT_Z, z.name());
        if (decoder.outputs().size() != 1) {
            throw new GraphException("the decoder has " + decoder.outputs().size() + " outputs; expected one image");
        }
        String reconstruction = decoder.outputs().get(0).name();
        Map<String, String> decoderRoles = new LinkedHashMap<>();
        boolean probabilities = outputRoles(decoder, reconstruction, decoderRoles);
        new OnnxGraphMapper(decoder, builder, "decoder.", Map.of(z.name(), latentShape),
                Map.of(z.name(), VaeHooks.LATENT_Z), decoderRoles, names, operators).map(decoder.nodes());
        return probabilities;
    }

    /** A VAE from one graph: image → μ, log σ² and a reconstruction computed from μ. */
    public static ImportedGraph vae(Path file) throws IOException {
        OnnxGraph graph = OnnxReader.read(file);
        ValueInfo image = singleInput(graph, "");
        int[] imageShape = perSampleShape(image);
        if (graph.outputs().size() != 3) {
            throw new GraphException("has " + graph.outputs().size() + " outputs; a whole VAE in one file gives"
                    + " three (μ, log σ², reconstruction) — or give the encoder and the decoder as two files");
        }
        String[] latents = latentOutputs(graph.outputs(), "the model");
        String reconstruction = graph.outputs().stream().map(ValueInfo::name)
                .filter(n -> !n.equals(latents[0]) && !n.equals(latents[1])).findFirst().orElseThrow();
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> operators = new LinkedHashMap<>();
        StagedModel.Builder builder = start(image, imageShape, names, operators);
        Map<String, String> roles = new LinkedHashMap<>(Map.of(latents[0], VaeHooks.LATENT_MU, latents[1],
                VaeHooks.LATENT_LOGVAR));
        boolean probabilities = outputRoles(graph, reconstruction, roles);
        OnnxGraphMapper mapper = new OnnxGraphMapper(graph, builder, "", Map.of(image.name(), imageShape),
                Map.of(image.name(), VaeHooks.INPUT), roles, names, operators);
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
     * output {@code output.probabilities}; otherwise the output is taken as logits.
     */
    private static boolean outputRoles(OnnxGraph graph, String reconstruction, Map<String, String> roles) {
        Node producer = graph.nodes().stream().filter(n -> n.outputs().contains(reconstruction)).findFirst()
                .orElseThrow(() -> new GraphException("no node computes the output '" + reconstruction + "'"));
        if (producer.opType().equals("Sigmoid")) {
            roles.put(producer.inputs().get(0), VaeHooks.OUTPUT);
            roles.put(reconstruction, PROBABILITIES);
            return true;
        }
        roles.put(reconstruction, VaeHooks.OUTPUT);
        return false;
    }

    /** [μ, log σ²] among the outputs, by name. */
    static String[] latentOutputs(List<ValueInfo> outputs, String what) {
        List<String> mu = outputs.stream().map(ValueInfo::name).filter(n -> MU.matcher(n).find()
                && !LOGVAR.matcher(n).find()).toList();
        List<String> logvar = outputs.stream().map(ValueInfo::name).filter(n -> LOGVAR.matcher(n).find()).toList();
        if (mu.size() != 1 || logvar.size() != 1) {
            throw new GraphException(what + " has outputs " + outputs.stream().map(ValueInfo::name).toList()
                    + "; VAEScope finds μ and log σ² by name (e.g. 'mu' and 'logvar') and cannot tell them apart here");
        }
        return new String[] {mu.get(0), logvar.get(0)};
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

    private static ValueInfo singleInput(OnnxGraph graph, String what) {
        if (graph.inputs().size() != 1) {
            throw new GraphException(what + "has " + graph.inputs().size() + " inputs "
                    + graph.inputs().stream().map(ValueInfo::name).toList() + "; VAEScope expects one");
        }
        return graph.inputs().get(0);
    }

    /** The input's dimensions after the batch; all must be fixed numbers. */
    private static int[] perSampleShape(ValueInfo input) {
        long[] dims = input.dims();
        if (dims.length < 2) {
            throw new GraphException("input '" + input.name() + "' has no per-sample dimensions recorded");
        }
        int[] shape = new int[dims.length - 1];
        for (int k = 1; k < dims.length; k++) {
            if (dims[k] <= 0) {
                String name = input.dimNames().get(k).isEmpty() ? "unknown" : "'" + input.dimNames().get(k) + "'";
                throw new GraphException("input '" + input.name() + "' has dimension " + k + " of " + name
                        + " size (a dynamic shape VAEScope cannot resolve); export with a fixed image size"
                        + " (only the batch axis may be dynamic)");
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
            throw new GraphException(file, e.getMessage(), e);
        }
    }
}
