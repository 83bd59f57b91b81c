package org.vaescope.core.analysis;

import java.util.List;
import java.util.Locale;

import org.vaescope.core.data.FactorGraph;
import org.vaescope.core.internal.analysis.JsonWriter;

/**
 * The paper's metrics for one model in one record, for the command line and the HTML report:
 * model CES, intervention specificity, circuit modularity, CES per factor, unit classes per hook
 * point and, when a factor effect matrix is given, the implied factor graph (compared with the true
 * graph when one is given). Every value is an {@link Estimate} with sample count, seed and
 * bootstrap interval.
 *
 * @param factors factor names
 * @param settings thresholds used
 * @param bootstrap bootstrap settings used
 * @param latentCount latents of the model
 * @param activeLatentCount latents with KL above the threshold
 * @param modelCes model CES ({@link LatentMetrics#modelCes})
 * @param modelSpecificity model intervention specificity ({@link LatentMetrics#modelSpecificity})
 * @param circuits the factor circuits with their sizes, fractions restored, ablation checks and
 *        modularity
 * @param factorCes CES_k per factor in factor order ({@link LatentMetrics#factorCes})
 * @param unitCounts unit classes per hook point in layer order
 * @param impliedFactorGraph implied factor graph, null without a factor effect matrix
 * @param factorGraphComparison comparison with the true graph, null without a matrix and a true graph
 */
public record ModelReport(List<String> factors, AnalysisSettings settings, BootstrapSettings bootstrap,
        int latentCount, int activeLatentCount, Estimate modelCes, Estimate modelSpecificity,
        FactorCircuits circuits, List<Estimate> factorCes, List<UnitClassification.HookUnitCounts> unitCounts,
        FactorGraph impliedFactorGraph, FactorGraphComparison factorGraphComparison) {

    /** Value of the JSON {@code format} field. */
    public static final String FORMAT = "vaescope-model-report";
    /** Value of the JSON {@code version} field; raised on incompatible changes. */
    public static final int FORMAT_VERSION = 1;

    /** Copies the lists. */
    public ModelReport {
        factors = List.copyOf(factors);
        factorCes = List.copyOf(factorCes);
        unitCounts = List.copyOf(unitCounts);
    }

    /**
     * Circuit modularity ({@link FactorCircuits#modularity()}): no bootstrap interval, since each
     * replicate would repeat the patching search; an interval from repeated searches when the
     * analysis ran them.
     */
    public Estimate circuitModularity() {
        return circuits.modularity();
    }

    /**
     * Computes the report.
     *
     * @param latents latent effects (required)
     * @param units unit effects (required)
     * @param circuits factor circuits on the same factors (required)
     * @param factorEffects factor effect matrix, or null
     * @param truth true factor graph, or null; requires {@code factorEffects}
     * @param settings thresholds
     * @param bootstrap bootstrap settings
     */
    public static ModelReport compute(LatentEffects latents, UnitEffects units, FactorCircuits circuits,
            FactorEffectMatrix factorEffects, FactorGraph truth, AnalysisSettings settings, BootstrapSettings bootstrap) {
        if (latents == null || units == null || circuits == null || settings == null || bootstrap == null) {
            throw Checks.fail("ModelReport needs latent effects, unit effects, circuits, settings and bootstrap settings");
        }
        Checks.sameFactors("UnitEffects", latents.factors(), units.factors());
        Checks.sameFactors("FactorCircuits", latents.factors(), circuits.circuits().factors());
        if (truth != null && factorEffects == null) {
            throw Checks.fail("ModelReport got a true factor graph but no factor effect matrix to compare it with");
        }
        if (factorEffects != null) {
            Checks.sameFactors("FactorEffectMatrix", latents.factors(), factorEffects.factors());
        }
        LatentMetrics.Result latentMetrics = LatentMetrics.compute(latents, settings, bootstrap);
        FactorGraph implied = factorEffects == null ? null
                : FactorGraphAnalysis.impliedGraph(factorEffects, settings.factorEdgeThreshold());
        FactorGraphComparison comparison = truth == null ? null
                : FactorGraphAnalysis.compare(factorEffects, truth, settings, bootstrap);
        return new ModelReport(latents.factors(), settings, bootstrap, latents.latentCount(),
                latentMetrics.activeCount(), latentMetrics.modelCes(), latentMetrics.modelSpecificity(),
                circuits, latentMetrics.factorCes(),
                UnitClassification.counts(units, settings, bootstrap), implied, comparison);
    }

    /** The report as compact JSON with {@code format} and {@code version} fields. */
    public String toJson() {
        JsonWriter json = new JsonWriter().beginObject()
                .member("format", FORMAT)
                .member("version", FORMAT_VERSION);
        json.name("factors").beginArray();
        factors.forEach(json::value);
        json.endArray();
        writeSettings(json);
        json.member("latent_count", latentCount).member("active_latent_count", activeLatentCount);
        json.name("model_ces");
        modelCes.writeJson(json);
        json.name("model_specificity");
        modelSpecificity.writeJson(json);
        json.name("circuit_modularity");
        circuitModularity().writeJson(json);
        json.name("circuits");
        circuits.writeJson(json);
        json.name("factor_ces").beginObject();
        for (int k = 0; k < factors.size(); k++) {
            json.name(factors.get(k));
            factorCes.get(k).writeJson(json);
        }
        json.endObject().name("unit_classes").beginArray();
        for (UnitClassification.HookUnitCounts counts : unitCounts) {
            json.beginObject().member("hook", counts.hook()).member("units", counts.units());
            json.name("dead");
            counts.dead().writeJson(json);
            json.name("monosemantic");
            counts.monosemantic().writeJson(json);
            json.name("polysemantic");
            counts.polysemantic().writeJson(json);
            if (counts.sharesHaveIntervals()) {
                json.member("undecided", counts.undecidedCount())
                        .member("undecided_monosemantic", counts.undecidedMonosemanticCount());
            } else {
                json.name("undecided").nullValue().name("undecided_monosemantic").nullValue();
            }
            json.endObject();
        }
        json.endArray().name("implied_factor_graph");
        if (impliedFactorGraph == null) {
            json.nullValue();
        } else {
            FactorGraphComparison.writeEdges(json, impliedFactorGraph.edges());
        }
        json.name("factor_graph_comparison");
        if (factorGraphComparison == null) {
            json.nullValue();
        } else {
            factorGraphComparison.writeJson(json);
        }
        return json.endObject().toJson();
    }

    /** A compact plain-text table of the report. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "VAEScope model report (%s %d)%n", FORMAT, FORMAT_VERSION));
        text.append(String.format(Locale.ROOT, "factors: %s | latents: %d (%d active, KL > %s nats)%n",
                String.join(", ", factors), latentCount, activeLatentCount, settings.activeKlThreshold()));
        text.append(bootstrap.replicates() == 0 ? "bootstrap: off\n"
                : String.format(Locale.ROOT, "bootstrap: B=%d, %.0f%% percentile intervals, seed %d%n",
                        bootstrap.replicates(), 100 * bootstrap.confidence(), bootstrap.seed()));
        if (circuits.repeats() != null) {
            text.append(String.format(Locale.ROOT, "circuit modularity: %.0f%% interval v ± t·s over %d further "
                    + "circuit searches on independent pairs (seed %d), not a bootstrap%n",
                    100 * circuits.repeats().confidence(), circuits.repeats().modularity().length,
                    circuits.repeats().seed()));
        }
        text.append(String.format(Locale.ROOT, "%n%-26s %-32s %8s %20s%n", "metric", "value [interval]", "n", "seed"));
        metricRow(text, "model CES", modelCes, bootstrap.replicates());
        metricRow(text, "intervention specificity", modelSpecificity, bootstrap.replicates());
        metricRow(text, "circuit modularity", circuitModularity(), 0);
        for (int k = 0; k < factors.size(); k++) {
            metricRow(text, "CES[" + factors.get(k) + "]", factorCes.get(k), bootstrap.replicates());
        }
        text.append(String.format(Locale.ROOT, "%ncircuits (smallest ranked sets restoring >= %s of a hook point's patch"
                + " effect on the search's pairs; restores and ablation measured on other pairs: effect left, random"
                + " sets of the same size mean±sd; necessary: left <= %s and below the random sets' mean, above %s,"
                + " by more than %.0f sd)%n", circuits.restore(), FactorCircuits.MOST, FactorCircuits.MOST,
                FactorCircuits.SPREADS));
        text.append(circuits.toText());
        text.append(String.format(Locale.ROOT, "%nunit classes (dead: responses summing to < %s, or a spread at most %s of"
                + " the hook point's largest; monosemantic: the dominant factor's share "
                + ">= %s, the factor chosen on one half of the pairs and its share measured on the other; %s pairs "
                + "per factor; undecided: live units whose share's interval reaches across %s, and how many of those "
                + "the point calls monosemantic)%n",
                settings.deadThreshold(), DeadUnits.DEAD_SPREAD, settings.monosemanticRatio(), unitCounts.isEmpty() ? "no"
                        : unitCounts.get(0).dead().sampleCount(), settings.monosemanticRatio()));
        text.append(String.format(Locale.ROOT, "%-20s %6s  %-26s %-26s %-26s %s%n", "hook", "units", "dead",
                "monosemantic", "polysemantic", "undecided"));
        for (UnitClassification.HookUnitCounts counts : unitCounts) {
            text.append(String.format(Locale.ROOT, "%-20s %6d  %-26s %-26s %-26s %s%n", counts.hook(), counts.units(),
                    countText(counts.dead()), countText(counts.monosemantic()), countText(counts.polysemantic()),
                    counts.sharesHaveIntervals() ? String.format(Locale.ROOT, "%d (%d monosemantic)",
                            counts.undecidedCount(), counts.undecidedMonosemanticCount()) : "-"));
        }
        if (impliedFactorGraph != null) {
            text.append(String.format(Locale.ROOT, "%nimplied factor graph (M[k,l] > %s at 95 %% confidence): %s%n",
                    settings.factorEdgeThreshold(), FactorGraphComparison.edgeList(impliedFactorGraph.edges())));
        }
        if (factorGraphComparison != null) {
            FactorGraphComparison c = factorGraphComparison;
            metricRow(text, "edge precision", c.precision(), bootstrap.replicates());
            metricRow(text, "edge recall", c.recall(), bootstrap.replicates());
            metricRow(text, "edge F1", c.f1(), bootstrap.replicates());
            text.append("true positives: ").append(FactorGraphComparison.edgeList(c.truePositives())).append('\n');
            text.append("false positives: ").append(FactorGraphComparison.edgeList(c.falsePositives())).append('\n');
            text.append("missed: ").append(FactorGraphComparison.edgeList(c.missed())).append('\n');
        }
        return text.toString();
    }

    private void writeSettings(JsonWriter json) {
        json.name("settings").beginObject()
                .member("active_kl_threshold", settings.activeKlThreshold())
                .member("dead_threshold", settings.deadThreshold())
                .member("monosemantic_ratio", settings.monosemanticRatio())
                .member("circuit_fraction", settings.circuitFraction())
                .member("min_circuit_peak", settings.minCircuitPeak())
                .member("circuit_restore", settings.circuitRestore())
                .member("ablation_sets", settings.ablationSets())
                .member("factor_edge_threshold", settings.factorEdgeThreshold())
                .endObject();
        json.name("bootstrap").beginObject()
                .member("replicates", bootstrap.replicates())
                .member("confidence", bootstrap.confidence())
                .member("seed", bootstrap.seed())
                .endObject();
    }

    /** One estimate's row; an interval resting on fewer defined replicates than were drawn says how many. */
    static void metricRow(StringBuilder text, String name, Estimate estimate, int drawn) {
        boolean fewer = estimate.hasInterval() && estimate.bootstrapReplicates() < drawn;
        text.append(String.format(Locale.ROOT, "%-26s %-32s %8d %20d%s%n", name, estimate.formatted(),
                estimate.sampleCount(), estimate.seed(), fewer ? String.format(Locale.ROOT,
                        "  (%d of %d replicates defined)", estimate.bootstrapReplicates(), drawn) : ""));
    }

    private static String countText(Estimate estimate) {
        String value = String.format(Locale.ROOT, "%.0f", estimate.value());
        return estimate.hasInterval()
                ? String.format(Locale.ROOT, "%s [%.0f, %.0f]", value, estimate.lower(), estimate.upper())
                : value;
    }
}
