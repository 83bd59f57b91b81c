package org.vaescope.core.interventions;

import org.vaescope.core.progress.ProgressMonitor;
import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.analysis.CircuitSet;
import org.vaescope.core.analysis.PatchEffects;
import org.vaescope.core.hooks.ActivationOverride;
import org.vaescope.core.hooks.HookedModel;
import org.vaescope.core.hooks.RunOptions;
import org.vaescope.core.hooks.RunResult;
import org.vaescope.core.hooks.HookPoint;
import org.vaescope.core.runtime.Floats;

/**
 * The edges of circuit motifs. For factor k, every hook point L' holding units of k's circuit is
 * linked to its parents: the circuit hook points L that L' reads from, directly or through hook
 * points outside the circuit ({@link HookedModel#dependsOn}, the model's real data flow, not the
 * order of the hook list). For a circuit unit u at L and v at L', u is patched from a source input
 * into a target input that differ in factor k only, and the edge weight is the slope of v's patched
 * change on v's whole change, over pairs b and (for a channel) positions p:
 * <pre>
 *   w(u → v) = Σ_b,p Δp_b,p · Δs_b,p / Σ_b,p Δs_b,p²,
 *   Δp = h_v(x_t; u ← u(x_s)) − h_v(x_t),  Δs = h_v(x_s) − h_v(x_t),
 * </pre>
 * the share of v's change that u alone carries. Unlike a ratio of mean changes it stays defined
 * when the signed changes average to ~0 (an ordinal factor changed to a random other value), and a
 * channel's position-wise changes count even when its spatial mean barely moves (an object moving).
 * NaN when v does not move (Σ Δs² below 1e-12 per term).
 */
public final class CircuitPatching {

    private static final double UNDEFINED_BELOW = 1e-12;

    private CircuitPatching() {
    }

    /**
     * @param pairsPerFactor one pair set per factor of {@code circuits}, base = target, changed = source
     */
    public static PatchEffects edges(HookedModel model, CircuitSet circuits, List<Pairs> pairsPerFactor, long seed,
            ProgressMonitor monitor) {
        ProgressMonitor progress = ProgressMonitor.orNone(monitor);
        List<PatchEffects.PatchEdge> edges = new ArrayList<>();
        List<String> factors = circuits.factors();
        int n = pairsPerFactor.get(0).size();
        for (int k = 0; k < factors.size(); k++) {
            progress.checkCanceled("circuit patching");
            List<String> layers = circuitLayers(circuits, factors.get(k));
            if (layers.size() < 2) {
                continue;
            }
            Pairs pairs = pairsPerFactor.get(k);
            INDArray target = pairs.base(0, n);
            RunOptions captureAll = RunOptions.defaults().capture(layers);
            RunResult targetRun = model.run(target, captureAll);
            RunResult sourceRun = model.run(pairs.changed(0, n), captureAll);
            for (String to : layers) {
                for (String from : parents(model, layers, to)) {
                    edges.addAll(layerEdges(model, circuits, factors.get(k), from, to, target, targetRun, sourceRun));
                }
            }
            progress.worked(k + 1, factors.size(), "circuit of " + factors.get(k));
        }
        return new PatchEffects(factors, edges, n, seed);
    }

    /**
     * The layers {@code hook} reads from without another of the layers in between: its parents in
     * the data flow restricted to {@code layers}.
     */
    static List<String> parents(HookedModel model, List<String> layers, String hook) {
        List<String> ancestors = layers.stream().filter(l -> !l.equals(hook) && model.dependsOn(hook, l)).toList();
        return ancestors.stream().filter(a -> ancestors.stream()
                .noneMatch(m -> !m.equals(a) && model.dependsOn(m, a))).toList();
    }

    private static List<String> circuitLayers(CircuitSet circuits, String factor) {
        List<String> layers = new ArrayList<>();
        for (String hook : circuits.hooks()) {
            if (circuits.units(factor, hook).length > 0) {
                layers.add(hook);
            }
        }
        return layers;
    }

    private static List<PatchEffects.PatchEdge> layerEdges(HookedModel model, CircuitSet circuits, String factor,
            String from, String to, INDArray target, RunResult targetRun, RunResult sourceRun) {
        int[] sources = circuits.units(factor, from);
        int[] targets = circuits.units(factor, to);
        HookPoint hook = model.hookPoint(to);
        float[] clean = Floats.of(targetRun.activation(to));
        float[] full = Floats.of(sourceRun.activation(to));
        List<PatchEffects.PatchEdge> edges = new ArrayList<>();
        for (int u : sources) {
            RunResult patched = model.run(target, RunOptions.defaults().capture(List.of(to))
                    .override(ActivationOverride.patch(from, new int[] {u}, sourceRun.activation(from))));
            float[] values = Floats.of(patched.activation(to));
            for (int v : targets) {
                edges.add(new PatchEffects.PatchEdge(from, u, to, v, factor, slope(values, clean, full, hook, v)));
            }
        }
        return edges;
    }

    /** Σ Δp·Δs / Σ Δs² over samples and positions of unit v (NaN when v does not move). */
    static double slope(float[] patched, float[] clean, float[] full, HookPoint hook, int v) {
        int units = hook.units();
        int size = hook.unitSize();
        int batch = clean.length / (units * size);
        double moved = 0;
        double whole = 0;
        for (int b = 0; b < batch; b++) {
            int start = (b * units + v) * size;
            for (int j = start; j < start + size; j++) {
                double change = full[j] - clean[j];
                moved += (patched[j] - clean[j]) * change;
                whole += change * change;
            }
        }
        return whole < UNDEFINED_BELOW * batch * size ? Double.NaN : moved / whole;
    }
}
