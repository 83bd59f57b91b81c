package org.vaescope.core.interventions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.hooks.HookException;
import org.vaescope.core.hooks.HookPoint;
import org.vaescope.core.hooks.HookedModel;
import org.vaescope.core.hooks.RunOptions;
import org.vaescope.core.progress.ProgressMonitor;
import org.vaescope.core.runtime.Floats;

/**
 * Runs many unit-replacement experiments at one hook point from the cached prefix.
 * <p>
 * The targets' activations are captured once; each experiment replaces a set of units of hook L by
 * replacement values and runs the model <em>from L</em> (L fed, the upstream part not recomputed).
 * G experiments are stacked into one batch of G × P samples (P targets), so a sweep over U single
 * units costs about U / G partial forward passes. G is chosen so that one batch stays within a
 * memory budget. The result is identical to running each experiment alone with an override: the
 * batching only concatenates independent samples.
 * <p>
 * Besides L, the run is fed the targets' values of the <em>side hooks</em>: hook points that are
 * not downstream of L, that the measured hook depends on, and that are not upstream of another fed
 * hook (e.g. {@code latent.logvar} when L is {@code latent.mu}). If a model reads an upstream hook
 * again downstream (a skip connection), every non-downstream hook is fed instead.
 */
final class PatchEngine {

    private final HookedModel model;
    private final MetricEvaluator metric;
    private long forwardPasses;

    public PatchEngine(HookedModel model, MetricEvaluator metric) {
        this.model = model;
        this.metric = metric;
    }

    /** Partial forward passes run so far. */
    public long forwardPasses() {
        return forwardPasses;
    }

    /** True if replacing units of {@code hook} can change the measured value. */
    public boolean affectsMetric(String hook) {
        return hook.equals(metric.hook()) || model.dependsOn(metric.hook(), hook);
    }

    /** Side hooks fed with L (see the class comment); {@code all} gives every non-downstream hook. */
    List<String> sideFeeds(String hook, boolean all) {
        List<String> candidates = new ArrayList<>();
        for (HookPoint h : model.hookPoints()) {
            String name = h.name();
            boolean needed = name.equals(metric.hook()) || model.dependsOn(metric.hook(), name);
            if (!name.equals(hook) && !model.dependsOn(name, hook) && needed) {
                candidates.add(name);
            }
        }
        if (all) {
            return candidates;
        }
        List<String> frontier = new ArrayList<>();
        for (String c : candidates) {
            boolean upstreamOfAnother = model.dependsOn(hook, c);
            for (String other : candidates) {
                upstreamOfAnother |= model.dependsOn(other, c);
            }
            if (!upstreamOfAnother) {
                frontier.add(c);
            }
        }
        return frontier;
    }

    /** Approximate bytes one experiment sample needs: L fed twice over, downstream activations, side feeds. */
    public long bytesPerSample(String hook) {
        HookPoint l = model.hookPoint(hook);
        long floats = 2L * l.size() + model.hookPoint(model.outputHook()).size();
        for (HookPoint h : model.hookPoints()) {
            if (model.dependsOn(h.name(), hook)) {
                floats += h.size();
            }
        }
        for (String s : sideFeeds(hook, false)) {
            floats += model.hookPoint(s).size();
        }
        return 4 * floats;
    }

    /** How many experiments of P samples fit into {@code budgetBytes} (at least 1, at most {@code sets}). */
    public int experimentsPerPass(String hook, int pairs, int sets, long budgetBytes) {
        long perExperiment = bytesPerSample(hook) * pairs;
        long g = Math.max(1, budgetBytes / Math.max(1, perExperiment));
        return (int) Math.min(sets, g);
    }

    /**
     * Measured values of the P targets with each unit set replaced.
     *
     * @param hook        hook point L
     * @param unitSets    the experiments: each a set of units of L to replace
     * @param targets     the targets' activations by hook name (P samples), holding L and its side hooks
     * @param replacement values the replaced units take: P × L's shape, or 1 × shape for all samples
     * @param reference   reference images for a reconstruction measure (P × output size), else null
     * @param perPass     experiments stacked in one pass
     * @return values[set][target]
     */
    public double[][] run(String hook, List<int[]> unitSets, Map<String, INDArray> targets, INDArray replacement,
            float[] reference, int perPass, ProgressMonitor monitor) {
        HookPoint l = model.hookPoint(hook);
        INDArray targetL = targets.get(hook);
        int pairs = (int) targetL.size(0);
        float[] base = Floats.of(targetL);
        float[] source = Floats.of(replacement);
        int sourceRows = (int) replacement.size(0);
        if (sourceRows != 1 && sourceRows != pairs) {
            throw new HookException("replacement for '" + hook + "' has " + sourceRows + " rows, expected 1 or " + pairs);
        }
        double[][] values = new double[unitSets.size()][];
        boolean allSides = false;
        for (int first = 0; first < unitSets.size(); first += perPass) {
            monitor.checkCanceled("patching " + hook);
            int count = Math.min(perPass, unitSets.size() - first);
            float[] feed = new float[count * base.length];
            for (int g = 0; g < count; g++) {
                int offset = g * base.length;
                System.arraycopy(base, 0, feed, offset, base.length);
                for (int u : unitSets.get(first + g)) {
                    replaceUnit(feed, offset, source, sourceRows, l, u, pairs);
                }
            }
            INDArray feedArray = Floats.array(feed, l.batchShape(count * pairs));
            double[] measured;
            try {
                measured = measure(hook, feedArray, targets, reference, count, allSides);
            } catch (HookException e) {
                if (allSides) {
                    throw e;
                }
                allSides = true;
                measured = measure(hook, feedArray, targets, reference, count, true);
            }
            for (int g = 0; g < count; g++) {
                values[first + g] = java.util.Arrays.copyOfRange(measured, g * pairs, (g + 1) * pairs);
            }
        }
        return values;
    }

    private static void replaceUnit(float[] feed, int offset, float[] source, int sourceRows, HookPoint l, int unit,
            int pairs) {
        if (unit < 0 || unit >= l.units()) {
            throw new HookException("unit " + unit + " is out of range 0.." + (l.units() - 1) + " of hook point '"
                    + l.name() + "'");
        }
        int size = l.unitSize();
        for (int b = 0; b < pairs; b++) {
            int row = sourceRows == 1 ? 0 : b;
            System.arraycopy(source, row * l.size() + unit * size, feed, offset + b * l.size() + unit * size, size);
        }
    }

    private double[] measure(String hook, INDArray feed, Map<String, INDArray> targets, float[] reference, int copies,
            boolean allSides) {
        Map<String, INDArray> feeds = new LinkedHashMap<>();
        feeds.put(hook, feed);
        for (String side : sideFeeds(hook, allSides)) {
            INDArray value = targets.get(side);
            if (value == null) {
                throw new IllegalStateException("the targets' activation of '" + side + "' was not captured");
            }
            feeds.put(side, tile(value, copies));
        }
        forwardPasses++;
        INDArray measured = model.run(feeds, RunOptions.defaults().capture(metric.hook())).activation(metric.hook());
        return metric.values(measured, reference == null ? null : tile(reference, copies));
    }

    /** {@code copies} copies of a batch stacked along the batch dimension. */
    public static INDArray tile(INDArray batch, int copies) {
        if (copies == 1) {
            return batch;
        }
        float[] one = Floats.of(batch);
        long[] shape = batch.shape().clone();
        shape[0] *= copies;
        return Floats.array(tile(one, copies), shape);
    }

    public static float[] tile(float[] values, int copies) {
        float[] all = new float[values.length * copies];
        for (int c = 0; c < copies; c++) {
            System.arraycopy(values, 0, all, c * values.length, values.length);
        }
        return all;
    }
}
