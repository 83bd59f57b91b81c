package org.vaescope.core.pipeline;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vaescope.core.analysis.AnalysisSettings;
import org.vaescope.core.analysis.CircuitGraph;
import org.vaescope.core.analysis.Estimate;
import org.vaescope.core.analysis.FactorGraphComparison;
import org.vaescope.core.analysis.UnitClassification;
import org.vaescope.core.analysis.UnitEffects;
import org.vaescope.metrics.MetricResult;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The analysis file written beside a model ({@value #EXTENSION}): the {@link ModelAnalysis.Result}
 * JSON plus its provenance, the per-unit and per-latent effects the IDE views draw, a flat metrics
 * table (value, interval, n) and the circuit graph in columns. It holds summaries only: effects per
 * unit, latent and factor, never per-sample values. Written to a temporary file in the target folder and moved
 * into place atomically, so a reader never sees half a file.
 */
public final class AnalysisFile {

    /** File name extension of analysis files. */
    public static final String EXTENSION = ".vsa";
    /** Value of the {@code format} field. */
    public static final String FORMAT = "vaescope-analysis";
    /**
     * Version 2 added provenance, unit_effects, latent_effects and metrics to version 1; version 3
     * writes the circuit graph's edges as columns per circuit (see {@link #circuitGraph}), which
     * took the demo's file from 62 MB of one JSON object per edge to a few MB.
     */
    public static final int VERSION = 3;
    /** Significant digits kept of an edge weight: far finer than a view or a diff can tell apart. */
    public static final int WEIGHT_DIGITS = 4;

    /**
     * Where an analysis came from.
     *
     * @param modelFile the analysed model file
     * @param dataset dataset specification, e.g. {@code dsprites:size=32} or {@code dsprites-npz@data/x.npz}
     * @param engineVersion version of the engine bundle that computed it
     */
    public record Provenance(Path modelFile, String dataset, String engineVersion) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AnalysisFile() {
    }

    /** The analysis file that belongs beside {@code model}: {@code name.vsm} → {@code name.vsa}. */
    public static Path beside(Path model) {
        String name = model.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return model.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + EXTENSION);
    }

    /** Writes the document to {@code target} atomically (temporary file, then move). */
    public static void write(ModelAnalysis.Result result, Provenance provenance, Path target) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(document(result, provenance));
        Path dir = target.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(dir, "." + target.getFileName(), ".part");
        try {
            Files.write(temporary, bytes);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** The whole document as a JSON tree. */
    public static ObjectNode document(ModelAnalysis.Result result, Provenance provenance) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(result.toJson());
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.set("provenance", provenance(result, provenance));
        root.set("unit_effects", unitEffects(result));
        root.set("latent_effects", latentEffects(result));
        root.set("metrics", metrics(result));
        root.set("circuit_graph", circuitGraph(result.circuitGraph()));
        return root;
    }

    /**
     * The circuit graph with its nodes as objects and its edges grouped by (factor, evidence) into
     * columns of node indices and weights: {@code "circuits": [{"factor", "evidence", "source": [i..],
     * "target": [j..], "weight": [w..]}]}, in the graph's edge order. The edges of a real model's
     * circuits (about 170,000 on a 256-256 MLP) are what made the file large, not per-sample values.
     */
    static ObjectNode circuitGraph(CircuitGraph graph) {
        ObjectNode node = JSON.createObjectNode();
        node.set("hooks", JSON.valueToTree(graph.hooks()));
        node.set("factors", JSON.valueToTree(graph.factors()));
        ArrayNode nodes = node.putArray("nodes");
        Map<String, Integer> indexOf = new HashMap<>();
        for (CircuitGraph.Node n : graph.nodes()) {
            indexOf.put(n.id(), indexOf.size());
            nodes.addObject().put("id", n.id()).put("kind", n.kind().label()).put("hook", n.hook())
                    .put("index", n.index()).put("label", n.label())
                    .put("class", n.unitClass() == null ? null : n.unitClass().label())
                    .put("members", n.memberCount());
        }
        node.put("weight_digits", WEIGHT_DIGITS);
        Map<List<String>, ObjectNode> circuits = new LinkedHashMap<>();
        ArrayNode groups = node.putArray("circuits");
        MathContext digits = new MathContext(WEIGHT_DIGITS);
        for (CircuitGraph.Edge edge : graph.edges()) {
            List<String> key = Arrays.asList(edge.factor(), edge.evidence().label());
            ObjectNode group = circuits.computeIfAbsent(key, k -> {
                ObjectNode g = groups.addObject().put("factor", edge.factor()).put("evidence", k.get(1));
                g.putArray("source");
                g.putArray("target");
                g.putArray("weight");
                return g;
            });
            ((ArrayNode) group.get("source")).add(indexOf.get(edge.source()));
            ((ArrayNode) group.get("target")).add(indexOf.get(edge.target()));
            ((ArrayNode) group.get("weight")).add(new BigDecimal(edge.weight()).round(digits).doubleValue());
        }
        return node;
    }

    private static ObjectNode provenance(ModelAnalysis.Result result, Provenance provenance) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("model", provenance.modelFile().getFileName().toString());
        node.put("model_sha256", sha256(provenance.modelFile()));
        node.put("dataset", provenance.dataset());
        node.put("seed", result.settings().seed());
        node.put("engine_version", provenance.engineVersion());
        node.put("created", Instant.now().toString());
        node.set("settings", JSON.valueToTree(result.settings()));
        return node;
    }

    private static ObjectNode unitEffects(ModelAnalysis.Result result) {
        UnitEffects effects = result.units().unitEffects();
        AnalysisSettings thresholds = result.settings().thresholds();
        ObjectNode node = JSON.createObjectNode();
        node.set("factors", JSON.valueToTree(effects.factors()));
        ArrayNode hooks = node.putArray("hooks");
        List<UnitClassification.HookClasses> classesPerHook = UnitClassification.classifyAll(effects, thresholds);
        for (int h = 0; h < effects.hookCount(); h++) {
            UnitClassification.HookClasses classes = classesPerHook.get(h);
            ObjectNode hook = hooks.addObject();
            hook.put("hook", effects.hooks().get(h));
            hook.set("responses", JSON.valueToTree(effects.responseMatrix(h)));
            ArrayNode labels = hook.putArray("classes");
            for (var unitClass : classes.classes()) {
                labels.add(unitClass.label());
            }
            putShares(hook, result.report().unitCounts().get(h));
        }
        return node;
    }

    /** Each unit's dominant share, its interval and whether its class is undecided, as columns. */
    private static void putShares(ObjectNode hook, UnitClassification.HookUnitCounts counts) {
        ArrayNode share = hook.putArray("share");
        ArrayNode lower = hook.putArray("share_lower");
        ArrayNode upper = hook.putArray("share_upper");
        ArrayNode undecided = hook.putArray("undecided");
        for (int u = 0; u < counts.units(); u++) {
            Estimate estimate = counts.shares().get(u);
            addNumber(share, estimate.value());
            addNumber(lower, estimate.hasInterval() ? estimate.lower() : Double.NaN);
            addNumber(upper, estimate.hasInterval() ? estimate.upper() : Double.NaN);
            undecided.add(counts.undecided(u));
        }
    }

    private static void addNumber(ArrayNode column, double value) {
        if (Double.isFinite(value)) {
            column.add(value);
        } else {
            column.addNull();
        }
    }

    private static ObjectNode latentEffects(ModelAnalysis.Result result) {
        ObjectNode node = JSON.createObjectNode();
        node.set("factors", JSON.valueToTree(result.latents().factors()));
        node.set("factor_effect", JSON.valueToTree(result.latents().factorEffect()));
        node.set("output_effect", JSON.valueToTree(result.latents().outputEffect()));
        ArrayNode kl = node.putArray("kl");
        for (double value : result.latents().kl()) {
            addNumber(kl, value);
        }
        return node;
    }

    private static ArrayNode metrics(ModelAnalysis.Result result) {
        ArrayNode rows = JSON.createArrayNode();
        var report = result.report();
        addEstimate(rows, "causal", "model CES", report.modelCes());
        addEstimate(rows, "causal", "intervention specificity", report.modelSpecificity());
        addEstimate(rows, "causal", "circuit modularity", report.circuitModularity());
        for (int k = 0; k < report.factors().size(); k++) {
            addEstimate(rows, "causal", "CES[" + report.factors().get(k) + "]", report.factorCes().get(k));
        }
        FactorGraphComparison comparison = report.factorGraphComparison();
        if (comparison != null) {
            addEstimate(rows, "factor graph", "edge precision", comparison.precision());
            addEstimate(rows, "factor graph", "edge recall", comparison.recall());
            addEstimate(rows, "factor graph", "edge F1", comparison.f1());
        }
        for (MetricResult metric : result.disentanglement().metrics()) {
            ObjectNode row = rows.addObject().put("group", "disentanglement").put("name", metric.metricName());
            putNumber(row, "value", metric.score());
            row.putNull("lower").putNull("upper");
            JsonNode fields = JSON.valueToTree(metric.toMap());
            row.set("n", firstPresent(fields, List.of("num_samples", "num_test", "num_eval")));
        }
        return rows;
    }

    private static void addEstimate(ArrayNode rows, String group, String name, Estimate estimate) {
        ObjectNode row = rows.addObject().put("group", group).put("name", name);
        putNumber(row, "value", estimate.value());
        if (estimate.hasInterval()) {
            putNumber(row, "lower", estimate.lower());
            putNumber(row, "upper", estimate.upper());
        } else {
            row.putNull("lower").putNull("upper");
        }
        row.put("n", estimate.sampleCount());
    }

    private static void putNumber(ObjectNode row, String field, double value) {
        if (Double.isFinite(value)) {
            row.put(field, value);
        } else {
            row.putNull(field);
        }
    }

    private static JsonNode firstPresent(JsonNode fields, List<String> names) {
        for (String name : names) {
            if (fields.hasNonNull(name)) {
                return fields.get(name);
            }
        }
        return JSON.nullNode();
    }

    private static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
