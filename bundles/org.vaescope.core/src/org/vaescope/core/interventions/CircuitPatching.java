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
import org.vaescope.core.internal.interventions.UnitValues;

/**
 * The edges of circuit motifs: for factor k and consecutive hook points L → L' that both hold units
 * of k's circuit, the effect on each circuit unit v at L' of patching circuit unit u at L from a
 * source input into a target input that differ in factor k only:
 * w(u → v) = E[h_v(x_t; u ← u(x_s)) − h_v(x_t)] / E[h_v(x_s) − h_v(x_t)], the fraction of v's
 * change that u alone carries (NaN when |E[h_v(x_s) − h_v(x_t)]| < 1e-6).
 */
public final class CircuitPatching {

    private static final double UNDEFINED_BELOW = 1e-6;

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
            for (int i = 0; i + 1 < layers.size(); i++) {
                edges.addAll(layerEdges(model, circuits, factors.get(k), layers.get(i), layers.get(i + 1), target,
                        targetRun, sourceRun));
            }
            progress.worked(k + 1, factors.size(), "circuit of " + factors.get(k));
        }
        return new PatchEffects(factors, edges, n, seed);
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
        double[] clean = UnitValues.means(targetRun.activation(to), model.hookPoint(to));
        double[] full = UnitValues.means(sourceRun.activation(to), model.hookPoint(to));
        int units = model.hookPoint(to).units();
        int n = (int) target.size(0);
        List<PatchEffects.PatchEdge> edges = new ArrayList<>();
        for (int u : sources) {
            RunResult patched = model.run(target, RunOptions.defaults().capture(List.of(to))
                    .override(ActivationOverride.patch(from, new int[] {u}, sourceRun.activation(from))));
            double[] values = UnitValues.means(patched.activation(to), model.hookPoint(to));
            for (int v : targets) {
                double moved = 0;
                double whole = 0;
                for (int b = 0; b < n; b++) {
                    moved += values[b * units + v] - clean[b * units + v];
                    whole += full[b * units + v] - clean[b * units + v];
                }
                double weight = Math.abs(whole / n) < UNDEFINED_BELOW ? Double.NaN : moved / whole;
                edges.add(new PatchEffects.PatchEdge(from, u, to, v, factor, weight));
            }
        }
        return edges;
    }
}
