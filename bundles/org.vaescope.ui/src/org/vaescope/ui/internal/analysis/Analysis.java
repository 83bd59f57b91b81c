package org.vaescope.ui.internal.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.vaescope.core.analysis.ImpliedEffectEvidence;

/**
 * An analysis file as the views see it: provenance, metrics, unit and latent effects, the circuit
 * graph and the factor graphs. Read with {@link #read(Path)}; immutable.
 */
public record Analysis(Path file, Map<String, String> provenance, List<Metric> metrics, List<String> factors,
        UnitEffects units, LatentEffects latents, Graph circuitGraph, FactorGraphs factorGraphs) {

    /** One row of the metrics table; missing numbers are NaN, a missing n is -1. */
    public record Metric(String group, String name, double value, double lower, double upper, int n) {
        public boolean hasInterval() {
            return !Double.isNaN(lower) && !Double.isNaN(upper);
        }
    }

    /** A[u][k] per hook point, with each unit's class label. */
    public record UnitEffects(List<String> factors, List<HookEffects> hooks) {
        public Optional<HookEffects> hook(String name) {
            return hooks.stream().filter(h -> h.hook().equals(name)).findFirst();
        }
    }

    /**
     * The responses of the units of one hook point, units × factors, with each unit's class, the
     * share of its dominant factor with its interval (NaN where unknown, as in files written before
     * shares were) and whether the interval leaves its class undecided.
     */
    public record HookEffects(String hook, double[][] responses, String[] classes, double[] share,
            double[] shareLower, double[] shareUpper, boolean[] undecided) {

        /** Classes without shares. */
        public HookEffects(String hook, double[][] responses, String[] classes) {
            this(hook, responses, classes, nan(classes.length), nan(classes.length), nan(classes.length),
                    new boolean[classes.length]);
        }

        public int unitCount() {
            return responses.length;
        }

        /** Units whose class the pairs leave undecided. */
        public int undecidedCount() {
            return (int) IntStream.range(0, undecided.length).filter(u -> undecided[u]).count();
        }

        /** Units of the class whose class the pairs leave undecided. */
        public int undecidedCount(String unitClass) {
            return (int) IntStream.range(0, undecided.length).filter(u -> undecided[u] && classes[u].equals(unitClass))
                    .count();
        }

        private static double[] nan(int length) {
            double[] values = new double[length];
            Arrays.fill(values, Double.NaN);
            return values;
        }
    }

    /** E[i][k], the output effect and the KL (NaN where infinite) of every latent. */
    public record LatentEffects(List<String> factors, double[][] factorEffect, double[] outputEffect, double[] kl) {
        public int latentCount() {
            return factorEffect.length;
        }
    }

    /** A node of a graph: kind is unit, unit-group, latent or factor. */
    public record Node(String id, String kind, String hook, int index, String label, String unitClass) {
    }

    /** A weighted edge; factor names the circuit it belongs to (may be null). */
    public record Edge(String source, String target, double weight, String evidence, String factor) {
    }

    /** A directed graph with the hook points in network order (the layers of the layout). */
    public record Graph(List<String> hooks, List<Node> nodes, List<Edge> edges) {
        public Optional<Node> node(String id) {
            return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
        }
    }

    /**
     * The implied factor graph with every factor pair it weighed (empty for files written before the
     * pairs were kept), the true graph with precision and recall when the dataset has one, and the
     * read-outs the graph was measured with (empty for files without them).
     */
    public record FactorGraphs(List<String> factors, List<Edge> implied, List<Edge> truth, Metric precision,
            Metric recall, List<FactorPair> pairs, Map<String, Readout> readouts) {
        public boolean hasTruth() {
            return truth != null;
        }
    }

    /** A factor's read-out: held-out accuracy on dataset images, accuracy on the model's reconstructions, chance. */
    public record Readout(double images, double reconstructions, double chance) {
        /** The accuracy on reconstructions above chance, as the engine reads it. */
        public double aboveChance() {
            return ImpliedEffectEvidence.aboveChance(reconstructions, chance);
        }

        /** Whether the read-out is blind on reconstructions, so no edge into or out of its factor is tested. */
        public boolean unreadable() {
            return ImpliedEffectEvidence.unreadable(reconstructions, chance);
        }
    }

    /**
     * One off-diagonal entry k → l of the factor-effect matrix: what the implied graph made of it, the
     * measured effect M[k,l], the evidence net of the read-outs' crosstalk and that evidence's 95 %
     * lower end (NaN where the file has none).
     */
    public record FactorPair(String cause, String effect, ImpliedEffectEvidence.Entry entry, boolean edge,
            double measured, double evidence, double evidenceLower) {
        /** "edge", "no edge" (tested), or "set aside: " and the reason. */
        public String verdict() {
            return edge ? "edge" : entry == ImpliedEffectEvidence.Entry.TESTED ? "no edge"
                    : "set aside: " + entry.label();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads an analysis file; the message of the exception names the file and the problem. */
    public static Analysis read(Path file) throws AnalysisFileException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new AnalysisFileException(file, "line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new AnalysisFileException(file, "cannot be read: " + e.getMessage());
        }
        if (root == null || !"vaescope-analysis".equals(root.path("format").asText())) {
            throw new AnalysisFileException(file, "is not a VAEScope analysis (its \"format\" is not \"vaescope-analysis\")");
        }
        int version = root.path("version").asInt(-1);
        if (version != 2 && version != 3) {
            throw new AnalysisFileException(file, "has analysis version " + version
                    + "; this VAEScope reads versions 2 and 3 (analyse the model again)");
        }
        try {
            return new Analysis(file, provenance(root.path("provenance")), metrics(root.path("metrics")),
                    strings(root.path("report").path("factors")), units(root.path("unit_effects")),
                    latents(root.path("latent_effects")), circuitGraph(root.path("circuit_graph"), version),
                    factorGraphs(root));
        } catch (IllegalArgumentException e) {
            throw new AnalysisFileException(file, e.getMessage());
        }
    }

    private static Map<String, String> provenance(JsonNode node) {
        Map<String, String> fields = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> fields.put(e.getKey(),
                e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
        return fields;
    }

    private static List<Metric> metrics(JsonNode rows) {
        List<Metric> metrics = new ArrayList<>();
        for (JsonNode row : require(rows, "metrics")) {
            metrics.add(new Metric(row.path("group").asText(), row.path("name").asText(), number(row.get("value")),
                    number(row.get("lower")), number(row.get("upper")), row.path("n").asInt(-1)));
        }
        return metrics;
    }

    private static UnitEffects units(JsonNode node) {
        List<HookEffects> hooks = new ArrayList<>();
        for (JsonNode hook : require(node.path("hooks"), "unit_effects.hooks")) {
            double[][] responses = matrix(hook.path("responses"));
            String[] classes = strings(hook.path("classes")).toArray(String[]::new);
            if (classes.length != responses.length) {
                throw new IllegalArgumentException("unit_effects of '" + hook.path("hook").asText() + "': "
                        + responses.length + " units but " + classes.length + " classes");
            }
            hooks.add(hook.has("share") ? withShares(hook, responses, classes)
                    : new HookEffects(hook.path("hook").asText(), responses, classes));
        }
        return new UnitEffects(strings(node.path("factors")), hooks);
    }

    private static HookEffects withShares(JsonNode hook, double[][] responses, String[] classes) {
        String name = hook.path("hook").asText();
        double[] share = column(hook, "share", classes.length);
        double[] lower = column(hook, "share_lower", classes.length);
        double[] upper = column(hook, "share_upper", classes.length);
        JsonNode flags = hook.path("undecided");
        requireUnits(hook, "undecided", flags.size(), classes.length);
        boolean[] undecided = new boolean[classes.length];
        for (int u = 0; u < undecided.length; u++) {
            undecided[u] = flags.get(u).asBoolean();
        }
        return new HookEffects(name, responses, classes, share, lower, upper, undecided);
    }

    private static double[] column(JsonNode hook, String field, int units) {
        double[] values = vector(hook.path(field));
        requireUnits(hook, field, values.length, units);
        return values;
    }

    private static void requireUnits(JsonNode hook, String field, int values, int units) {
        if (values != units) {
            throw new IllegalArgumentException("unit_effects of '" + hook.path("hook").asText() + "': " + units
                    + " units but " + values + " values of " + field);
        }
    }

    private static LatentEffects latents(JsonNode node) {
        double[][] effect = matrix(require(node.path("factor_effect"), "latent_effects.factor_effect"));
        return new LatentEffects(strings(node.path("factors")), effect, vector(node.path("output_effect")),
                vector(node.path("kl")));
    }

    private static Graph circuitGraph(JsonNode node, int version) {
        List<Node> nodes = new ArrayList<>();
        for (JsonNode n : require(node.path("nodes"), "circuit_graph.nodes")) {
            nodes.add(new Node(n.path("id").asText(), n.path("kind").asText(), text(n.get("hook")),
                    n.path("index").asInt(), n.path("label").asText(), text(n.get("class"))));
        }
        List<Edge> edges = version == 2 ? edgeObjects(node.path("edges")) : edgeColumns(node.path("circuits"), nodes);
        return new Graph(strings(node.path("hooks")), nodes, edges);
    }

    /** Version 2: one object per edge. */
    private static List<Edge> edgeObjects(JsonNode list) {
        List<Edge> edges = new ArrayList<>();
        for (JsonNode e : require(list, "circuit_graph.edges")) {
            edges.add(new Edge(e.path("source").asText(), e.path("target").asText(), e.path("weight").asDouble(),
                    e.path("evidence").asText(), text(e.get("factor"))));
        }
        return edges;
    }

    /** Version 3: per circuit, columns of source and target node indices and weights. */
    private static List<Edge> edgeColumns(JsonNode circuits, List<Node> nodes) {
        List<Edge> edges = new ArrayList<>();
        for (JsonNode circuit : require(circuits, "circuit_graph.circuits")) {
            String factor = text(circuit.get("factor"));
            String where = "circuit_graph.circuits of '" + factor + "'";
            JsonNode sources = require(circuit.path("source"), where + ".source");
            JsonNode targets = require(circuit.path("target"), where + ".target");
            JsonNode weights = require(circuit.path("weight"), where + ".weight");
            if (targets.size() != sources.size() || weights.size() != sources.size()) {
                throw new IllegalArgumentException(where + ": " + sources.size() + " sources, " + targets.size()
                        + " targets and " + weights.size() + " weights; they must be as many");
            }
            String evidence = circuit.path("evidence").asText();
            for (int i = 0; i < sources.size(); i++) {
                edges.add(new Edge(nodeId(nodes, sources.get(i), where), nodeId(nodes, targets.get(i), where),
                        weights.get(i).asDouble(), evidence, factor));
            }
        }
        return edges;
    }

    private static String nodeId(List<Node> nodes, JsonNode index, String where) {
        int i = index.asInt(-1);
        if (!index.isInt() || i < 0 || i >= nodes.size()) {
            throw new IllegalArgumentException(where + ": node index " + index + " is not one of the "
                    + nodes.size() + " nodes");
        }
        return nodes.get(i).id();
    }

    private static FactorGraphs factorGraphs(JsonNode root) {
        JsonNode report = root.path("report");
        List<String> factors = strings(report.path("factors"));
        List<Edge> implied = factorEdges(report.path("implied_factor_graph"));
        List<FactorPair> pairs = factorPairs(root, factors, implied);
        Map<String, Readout> readouts = readouts(root, factors);
        JsonNode comparison = report.path("factor_graph_comparison");
        if (!comparison.isObject()) {
            return new FactorGraphs(factors, implied, null, null, null, pairs, readouts);
        }
        return new FactorGraphs(factors, implied, factorEdges(comparison.path("true_edges")),
                estimate("edge precision", comparison.path("precision")),
                estimate("edge recall", comparison.path("recall")), pairs, readouts);
    }

    /** Each factor's read-out, for the factors the file gives all three accuracies of. */
    private static Map<String, Readout> readouts(JsonNode root, List<String> factors) {
        Map<String, Readout> readouts = new LinkedHashMap<>();
        for (String factor : factors) {
            JsonNode images = root.path("readout_accuracy").path(factor);
            JsonNode reconstructions = root.path("readout_accuracy_on_reconstructions").path(factor);
            JsonNode chance = root.path("readout_chance_accuracy").path(factor);
            if (images.isNumber() && reconstructions.isNumber() && chance.isNumber()) {
                readouts.put(factor, new Readout(images.asDouble(), reconstructions.asDouble(), chance.asDouble()));
            }
        }
        return readouts;
    }

    /** Every pair k → l the implied graph weighed, classified by the engine's own rule. */
    private static List<FactorPair> factorPairs(JsonNode root, List<String> factors, List<Edge> implied) {
        JsonNode measuredNode = root.path("factor_effect_matrix").path("m");
        JsonNode evidenceNode = root.path("factor_effect_evidence");
        if (measuredNode.size() != factors.size() || evidenceNode.size() != factors.size()) {
            return List.of();
        }
        double[][] measured = matrix(measuredNode);
        double[][] evidence = matrix(evidenceNode);
        JsonNode lowerNode = root.path("factor_effect_evidence_lower");
        double[][] lower = lowerNode.size() == factors.size() ? matrix(lowerNode) : null;
        Set<String> confounded = Set.copyOf(strings(root.path("confounded_factor_pairs")));
        Set<String> unreadable = Set.copyOf(strings(root.path("unreadable_factors")));
        Set<String> withoutOwn = Set.copyOf(strings(root.path("factors_without_own_intervention")));
        Set<String> edges = new HashSet<>();
        implied.forEach(e -> edges.add(pairName(e.source(), e.target())));
        List<FactorPair> pairs = new ArrayList<>();
        for (int k = 0; k < factors.size(); k++) {
            for (int l = 0; l < factors.size(); l++) {
                if (k != l) {
                    String pair = pairName(factors.get(k), factors.get(l));
                    pairs.add(new FactorPair(factors.get(k), factors.get(l), ImpliedEffectEvidence.Entry.of(
                            unreadable.contains(factors.get(l)), confounded.contains(pair),
                            withoutOwn.contains(factors.get(k))), edges.contains(pair), measured[k][l],
                            evidence[k][l], lower == null ? Double.NaN : lower[k][l]));
                }
            }
        }
        return pairs;
    }

    /** A factor pair as the analysis file names it, {@code k -> l}. */
    private static String pairName(String cause, String effect) {
        return cause + " -> " + effect;
    }

    private static List<Edge> factorEdges(JsonNode edges) {
        List<Edge> list = new ArrayList<>();
        for (JsonNode e : edges) {
            list.add(new Edge(e.path("cause").asText(), e.path("effect").asText(), 1, "factor-effect", null));
        }
        return list;
    }

    private static Metric estimate(String name, JsonNode node) {
        return new Metric("factor graph", name, number(node.get("value")), number(node.get("lower")),
                number(node.get("upper")), node.path("n").asInt(-1));
    }

    private static JsonNode require(JsonNode node, String what) {
        if (!node.isArray()) {
            throw new IllegalArgumentException("\"" + what + "\" is missing or not a list");
        }
        return node;
    }

    private static double number(JsonNode node) {
        return node == null || !node.isNumber() ? Double.NaN : node.asDouble();
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static List<String> strings(JsonNode node) {
        List<String> list = new ArrayList<>();
        node.forEach(n -> list.add(n.asText()));
        return list;
    }

    private static double[] vector(JsonNode node) {
        double[] values = new double[node.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = number(node.get(i));
        }
        return values;
    }

    private static double[][] matrix(JsonNode node) {
        double[][] rows = new double[node.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = vector(node.get(i));
        }
        return rows;
    }

    /** The analysed model's file: beside the analysis, named in the provenance. */
    public Path modelFile() {
        return file.resolveSibling(provenance.getOrDefault("model", ""));
    }

    /** Short display name: the file name. */
    public String name() {
        return file.getFileName().toString();
    }
}
