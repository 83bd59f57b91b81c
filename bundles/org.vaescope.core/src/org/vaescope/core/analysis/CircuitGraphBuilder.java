package org.vaescope.core.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vaescope.core.data.FactorGraph;

/**
 * Builds the {@link CircuitGraph} of a model from its effects:
 * <ul>
 * <li>a factor node per factor, and a unit node (with its {@link UnitClass}) for every unit that
 * belongs to at least one factor circuit ({@link FactorCircuits}); units outside all circuits are
 * left out to keep the graph readable;</li>
 * <li>"response" edges factor k → unit u for every u in the circuit of k, weight A[u,k];</li>
 * <li>with {@link PatchEffects}: "patching" edges u → v measured for factor k when both u and v
 * are in the circuit of k and the weight is defined;</li>
 * <li>with {@link LatentEffects}: "factor-effect" edges latent i → factor k for the active latents
 * that carry k, i.e. {@code E[i,k] ≥ circuitFraction · max_{active j} E[j,k]} (none when that
 * maximum is below {@code minCircuitPeak});</li>
 * <li>with a {@link FactorEffectMatrix}: "factor-effect" edges k → l of the implied factor graph
 * ({@link FactorGraphAnalysis#impliedGraph}), weight M[k,l], attributed to factor k.</li>
 * </ul>
 * All inputs must use the same factor names in the same order.
 */
public final class CircuitGraphBuilder {

    private final UnitEffects units;
    private final CircuitSet circuits;
    private final AnalysisSettings settings;
    private PatchEffects patches;
    private LatentEffects latents;
    private FactorEffectMatrix factorEffects;

    /** A builder over the unit responses and the circuits found on the same hook points, with the given thresholds. */
    public CircuitGraphBuilder(UnitEffects units, CircuitSet circuits, AnalysisSettings settings) {
        if (units == null || circuits == null || settings == null) {
            throw Checks.fail("CircuitGraphBuilder needs unit effects, circuits and settings");
        }
        Checks.sameFactors("CircuitSet", units.factors(), circuits.factors());
        if (!units.hooks().equals(circuits.hooks())) {
            throw Checks.fail("CircuitGraphBuilder: the circuits cover hook points " + circuits.hooks()
                    + ", the unit effects " + units.hooks());
        }
        this.units = units;
        this.circuits = circuits;
        this.settings = settings;
    }

    /** Adds unit → unit patching edges. */
    public CircuitGraphBuilder patchEffects(PatchEffects effects) {
        Checks.sameFactors("PatchEffects", units.factors(), effects.factors());
        this.patches = effects;
        return this;
    }

    /** Adds latent nodes and latent → factor edges. */
    public CircuitGraphBuilder latentEffects(LatentEffects effects) {
        Checks.sameFactors("LatentEffects", units.factors(), effects.factors());
        this.latents = effects;
        return this;
    }

    /** Adds factor → factor edges of the implied factor graph. */
    public CircuitGraphBuilder factorEffects(FactorEffectMatrix effects) {
        Checks.sameFactors("FactorEffectMatrix", units.factors(), effects.factors());
        this.factorEffects = effects;
        return this;
    }

    /** The graph. */
    public CircuitGraph build() {
        List<String> factors = units.factors();
        Map<String, CircuitGraph.Node> nodes = new LinkedHashMap<>();
        List<CircuitGraph.Edge> edges = new ArrayList<>();
        for (int k = 0; k < factors.size(); k++) {
            CircuitGraph.Node node = CircuitGraph.Node.factor(k, factors.get(k));
            nodes.put(node.id(), node);
        }
        addUnitNodes(circuits, nodes);
        addResponseEdges(circuits, edges);
        if (patches != null) {
            addPatchingEdges(circuits, edges);
        }
        if (latents != null) {
            addLatentEdges(nodes, edges);
        }
        if (factorEffects != null) {
            addFactorEdges(edges);
        }
        return new CircuitGraph(units.hooks(), factors, new ArrayList<>(nodes.values()), edges);
    }

    private void addUnitNodes(CircuitSet circuits, Map<String, CircuitGraph.Node> nodes) {
        List<UnitClassification.HookClasses> classesPerHook = UnitClassification.classifyAll(units, settings);
        for (int h = 0; h < units.hookCount(); h++) {
            String hook = units.hooks().get(h);
            UnitClassification.HookClasses classes = classesPerHook.get(h);
            for (int u = 0; u < units.unitCount(h); u++) {
                for (int k = 0; k < units.factorCount(); k++) {
                    if (circuits.contains(k, hook, u)) {
                        CircuitGraph.Node node = CircuitGraph.Node.unit(hook, u, classes.classes()[u]);
                        nodes.put(node.id(), node);
                        break;
                    }
                }
            }
        }
    }

    private void addResponseEdges(CircuitSet circuits, List<CircuitGraph.Edge> edges) {
        for (int k = 0; k < units.factorCount(); k++) {
            String factor = units.factors().get(k);
            for (int h = 0; h < units.hookCount(); h++) {
                String hook = units.hooks().get(h);
                for (int u : circuits.units(factor, hook)) {
                    edges.add(new CircuitGraph.Edge(CircuitGraph.factorId(factor), CircuitGraph.unitId(hook, u),
                            units.response(h, u, k), CircuitGraph.Evidence.RESPONSE, factor));
                }
            }
        }
    }

    private void addPatchingEdges(CircuitSet circuits, List<CircuitGraph.Edge> edges) {
        for (int e = 0; e < patches.edges().size(); e++) {
            PatchEffects.PatchEdge edge = patches.edges().get(e);
            requireUnit(e, edge.sourceHook(), edge.sourceUnit());
            requireUnit(e, edge.targetHook(), edge.targetUnit());
            int k = units.factors().indexOf(edge.factor());
            if (edge.defined() && circuits.contains(k, edge.sourceHook(), edge.sourceUnit())
                    && circuits.contains(k, edge.targetHook(), edge.targetUnit())) {
                edges.add(new CircuitGraph.Edge(CircuitGraph.unitId(edge.sourceHook(), edge.sourceUnit()),
                        CircuitGraph.unitId(edge.targetHook(), edge.targetUnit()), edge.weight(),
                        CircuitGraph.Evidence.PATCHING, edge.factor()));
            }
        }
    }

    private void requireUnit(int edgeIndex, String hook, int unit) {
        int h = units.hooks().indexOf(hook);
        if (h < 0) {
            throw Checks.fail("PatchEffects edge [" + edgeIndex + "] names hook point '" + hook
                    + "' that the unit effects do not have; known: " + units.hooks());
        }
        if (unit >= units.unitCount(h)) {
            throw Checks.fail("PatchEffects edge [" + edgeIndex + "] names unit " + unit + " of hook point '" + hook
                    + "', which has " + units.unitCount(h) + " units");
        }
    }

    private void addLatentEdges(Map<String, CircuitGraph.Node> nodes, List<CircuitGraph.Edge> edges) {
        boolean[] active = LatentMetrics.activeLatents(latents, settings.activeKlThreshold());
        for (int k = 0; k < latents.factorCount(); k++) {
            double max = 0;
            for (int i = 0; i < active.length; i++) {
                if (active[i]) {
                    max = Math.max(max, latents.factorEffect(i, k));
                }
            }
            if (max < settings.minCircuitPeak() || max == 0) {
                continue;
            }
            for (int i = 0; i < active.length; i++) {
                if (active[i] && latents.factorEffect(i, k) >= settings.circuitFraction() * max) {
                    CircuitGraph.Node node = CircuitGraph.Node.latent(i);
                    nodes.putIfAbsent(node.id(), node);
                    edges.add(new CircuitGraph.Edge(node.id(), CircuitGraph.factorId(latents.factors().get(k)),
                            latents.factorEffect(i, k), CircuitGraph.Evidence.FACTOR_EFFECT,
                            latents.factors().get(k)));
                }
            }
        }
    }

    private void addFactorEdges(List<CircuitGraph.Edge> edges) {
        FactorGraph implied = FactorGraphAnalysis.impliedGraph(factorEffects, settings.factorEdgeThreshold());
        List<String> factors = factorEffects.factors();
        for (FactorGraph.Edge edge : implied.edges()) {
            double weight = factorEffects.effect(factors.indexOf(edge.cause()), factors.indexOf(edge.effect()));
            edges.add(new CircuitGraph.Edge(CircuitGraph.factorId(edge.cause()), CircuitGraph.factorId(edge.effect()),
                    weight, CircuitGraph.Evidence.FACTOR_EFFECT, edge.cause()));
        }
    }
}
