package org.vaescope.core.interventions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vaescope.core.hooks.HookException;
import org.vaescope.core.hooks.HookPoint;
import org.vaescope.core.hooks.HookedModel;
import org.vaescope.core.internal.hooks.LinearStage;
import org.vaescope.core.hooks.RunOptions;
import org.vaescope.core.hooks.StagedModel;
import org.vaescope.core.internal.interventions.ScratchMemory;
import org.vaescope.core.progress.ProgressMonitor;

/**
 * Runs many unit-replacement experiments at one hook point from the cached prefix.
 * <p>
 * The targets' activations are captured once; each experiment replaces a set of units of hook L by
 * replacement values and runs the model <em>from L</em> (L fed, the upstream part not recomputed).
 * G experiments are stacked into one batch of G × P samples (P targets), so a sweep over U single
 * units costs about U / G partial forward passes. When the only stage reading L is a linear stage
 * with a fused activation ({@link LinearStage}), the run starts one stage later: that stage's
 * pre-activation is the targets' (computed once) plus its linear map of the patched units' change,
 * a convolution of one channel instead of all of them (when a unit of L is one of the stage's input
 * units: not for a flat L the stage reshapes into channels). G is chosen so that one batch stays within a
 * memory budget. The result equals running each experiment alone with an override (up to float
 * rounding when the first layer is incremental): the batching only concatenates independent samples.
 * Each pass runs in {@linkplain ScratchMemory scratch memory} and leaves only its measured values,
 * so the native working set is one pass, however many passes a sweep runs.
 * <p>
 * Besides L, the run is fed the targets' values of the <em>side hooks</em>: hook points that are
 * not downstream of L, that the measured hook depends on, and that are not upstream of another fed
 * hook (e.g. {@code latent.logvar} when L is {@code latent.mu}). If a model reads an upstream hook
 * again downstream (a skip connection), every non-downstream hook is fed instead.
 */
final class PatchEngine {

    /** Sets of more units than this are patched by a mask, without the incremental first layer (see {@link #maskedFeed}). */
    static final int LARGE_SET = 8;

    private final HookedModel model;
    private final MetricEvaluator metric;
    private final ScratchMemory scratch;
    private long forwardPasses;
    private boolean incremental = true;

    /** An engine whose passes allocate in {@code scratch} (to be closed by the caller when the sweep ends). */
    public PatchEngine(HookedModel model, MetricEvaluator metric, ScratchMemory scratch) {
        this.model = model;
        this.metric = metric;
        this.scratch = scratch;
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

    /**
     * Approximate bytes one experiment sample needs: L fed twice over, the downstream activations the
     * measured hook needs (a run computes nothing else), side feeds.
     */
    public long bytesPerSample(String hook) {
        HookPoint l = model.hookPoint(hook);
        long floats = 2L * l.size();
        for (HookPoint h : model.hookPoints()) {
            if (model.dependsOn(h.name(), hook) && (h.name().equals(metric.hook())
                    || model.dependsOn(metric.hook(), h.name()))) {
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
        return run(hook, unitSets, targets, replacement, perPass, monitor,
                (measured, copies) -> metric.values(measured, reference == null ? null : tile(reference, copies)));
    }

    /**
     * How a pass's measured activations become values: {@code copies} experiments of P targets
     * each stacked along the batch, the same number of values per experiment, experiment-major.
     */
    @FunctionalInterface
    interface PassMeasure {
        double[] values(INDArray measured, int copies);
    }

    /** {@link #run(String, List, Map, INDArray, float[], int, ProgressMonitor)} with another measure of the passes. */
    public double[][] run(String hook, List<int[]> unitSets, Map<String, INDArray> targets, INDArray replacement,
            int perPass, ProgressMonitor monitor, PassMeasure passMeasure) {
        HookPoint l = model.hookPoint(hook);
        INDArray targetL = targets.get(hook);
        int pairs = (int) targetL.size(0);
        for (int[] set : unitSets) {
            checkUnits(l, set);
        }
        INDArray source = sourceRows(replacement, hook, pairs);
        boolean largeSets = unitSets.stream().anyMatch(set -> set.length > LARGE_SET);
        FirstLayer next = incremental && !largeSets ? firstLayerAfter(hook) : null;
        String fedHook = next == null ? hook : next.hook;
        INDArray cachedPreActivation = next == null ? null : next.stage.preActivation(targetL);
        double[][] values = new double[unitSets.size()][];
        boolean allSides = false;
        for (int first = 0; first < unitSets.size(); first += perPass) {
            monitor.checkCanceled("patching " + hook);
            List<int[]> batch = unitSets.subList(first, Math.min(unitSets.size(), first + perPass));
            double[] measured;
            try (MemoryWorkspace pass = scratch.pass()) {
                INDArray feed = next != null ? next.patchedFeed(cachedPreActivation, targetL, source, batch)
                        : largeSets ? maskedFeed(targetL, source, batch, l.units()) : patchedFeed(targetL, source, batch);
                try {
                    measured = measure(fedHook, feed, targets, passMeasure, batch.size(), allSides);
                } catch (HookException e) {
                    if (allSides) {
                        throw e;
                    }
                    allSides = true;
                    measured = measure(fedHook, feed, targets, passMeasure, batch.size(), true);
                }
            }
            int perExperiment = measured.length / batch.size();
            for (int g = 0; g < batch.size(); g++) {
                values[first + g] = java.util.Arrays.copyOfRange(measured, g * perExperiment, (g + 1) * perExperiment);
            }
        }
        return values;
    }

    /** Whether the first layer after a patched hook is computed incrementally (on by default; off to measure it). */
    public PatchEngine incremental(boolean on) {
        this.incremental = on;
        return this;
    }

    /**
     * The only stage reading {@code hook}, when it is a single-input {@link LinearStage}: its
     * pre-activation changes by L(unit change) when a unit of the hook is patched. Null otherwise.
     */
    private FirstLayer firstLayerAfter(String hook) {
        StagedModel staged = model.stages().orElse(null);
        if (staged == null) {
            return null;
        }
        List<String> readers = staged.readersOf(hook);
        if (readers.size() != 1 || staged.inputsOf(readers.get(0)).size() != 1
                || !(staged.stage(readers.get(0)) instanceof LinearStage linear)
                || !linear.takesUnitsOf(model.hookPoint(hook).shape())) {
            return null;
        }
        return new FirstLayer(readers.get(0), linear);
    }

    /** The stage after the patched hook, fed instead of the hook: act(cached pre-activation + L(change)). */
    private record FirstLayer(String hook, LinearStage stage) {

        INDArray patchedFeed(INDArray preActivation, INDArray target, INDArray source, List<int[]> sets) {
            long pairs = preActivation.size(0);
            long[] shape = preActivation.shape().clone();
            shape[0] = pairs * sets.size();
            INDArray feed = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
            for (int g = 0; g < sets.size(); g++) {
                INDArray experiment = feed.get(NDArrayIndex.interval(g * pairs, (g + 1) * pairs));
                experiment.assign(preActivation);
                for (int u : sets.get(g)) {
                    INDArray change = unit(source, u).sub(unit(target, u));
                    experiment.addi(stage.unitContribution(change, u));
                }
            }
            return stage.activate(feed);
        }
    }

    /**
     * {@link #patchedFeed} for large unit sets in a few whole-array operations: target + mask ⊙
     * (source − target), the mask 1 on each experiment's units (a unit by unit copy costs one native
     * call per unit, which dominates for sets of hundreds of units).
     */
    private static INDArray maskedFeed(INDArray target, INDArray source, List<int[]> sets, int units) {
        long[] shape = target.shape();
        long[] perExperiment = new long[shape.length + 1];
        perExperiment[0] = 1;
        System.arraycopy(shape, 0, perExperiment, 1, shape.length);
        float[] mask = new float[sets.size() * units];
        for (int g = 0; g < sets.size(); g++) {
            for (int u : sets.get(g)) {
                mask[g * units + u] = 1;
            }
        }
        long[] maskShape = new long[shape.length + 1];
        java.util.Arrays.fill(maskShape, 1);
        maskShape[0] = sets.size();
        maskShape[2] = units;
        int[] spread = new int[shape.length + 1];
        for (int d = 0; d < spread.length; d++) {
            spread[d] = d == 0 ? 1 : d == 2 ? 1 : (int) perExperiment[d];
        }
        INDArray masks = Nd4j.tile(Nd4j.create(mask, maskShape, 'c'), spread);
        int[] copies = tileCounts(shape.length + 1, sets.size());
        INDArray change = Nd4j.tile(source.sub(target).reshape('c', perExperiment), copies);
        INDArray feed = Nd4j.tile(target.reshape('c', perExperiment), copies).addi(change.muli(masks));
        long[] stacked = shape.clone();
        stacked[0] = shape[0] * sets.size();
        return feed.reshape('c', stacked);
    }

    /** The targets' values of L stacked once per experiment, each with its units replaced. */
    private static INDArray patchedFeed(INDArray target, INDArray source, List<int[]> sets) {
        long pairs = target.size(0);
        INDArray feed = Nd4j.tile(target, tileCounts(target.rank(), sets.size()));
        for (int g = 0; g < sets.size(); g++) {
            INDArray experiment = feed.get(NDArrayIndex.interval(g * pairs, (g + 1) * pairs));
            for (int u : sets.get(g)) {
                unit(experiment, u).assign(unit(source, u));
            }
        }
        return feed;
    }

    /** Unit u of a batch of activations (a unit is an index of the first axis after the batch). */
    private static INDArray unit(INDArray batch, int u) {
        INDArrayIndex[] index = new INDArrayIndex[batch.rank()];
        java.util.Arrays.fill(index, NDArrayIndex.all());
        index[1] = NDArrayIndex.interval(u, u + 1);
        return batch.get(index);
    }

    /** The replacement with one row per target (a single row is repeated). */
    private static INDArray sourceRows(INDArray replacement, String hook, int pairs) {
        long rows = replacement.size(0);
        if (rows != 1 && rows != pairs) {
            throw new HookException("replacement for '" + hook + "' has " + rows + " rows, expected 1 or " + pairs);
        }
        return rows == pairs ? replacement : Nd4j.tile(replacement, tileCounts(replacement.rank(), pairs));
    }

    private static void checkUnits(HookPoint l, int[] units) {
        for (int unit : units) {
            if (unit < 0 || unit >= l.units()) {
                throw new HookException("unit " + unit + " is out of range 0.." + (l.units() - 1) + " of hook point '"
                        + l.name() + "'");
            }
        }
    }

    private double[] measure(String hook, INDArray feed, Map<String, INDArray> targets, PassMeasure passMeasure,
            int copies, boolean allSides) {
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
        INDArray measured = model.run(feeds, RunOptions.defaults().capture(metric.hook()).withoutOutput()).activation(metric.hook());
        return passMeasure.values(measured, copies);
    }

    /** {@code copies} copies of a batch stacked along the batch dimension. */
    public static INDArray tile(INDArray batch, int copies) {
        return copies == 1 ? batch : Nd4j.tile(batch, tileCounts(batch.rank(), copies));
    }

    private static int[] tileCounts(int rank, int copies) {
        int[] counts = new int[rank];
        java.util.Arrays.fill(counts, 1);
        counts[0] = copies;
        return counts;
    }

    public static float[] tile(float[] values, int copies) {
        float[] all = new float[values.length * copies];
        for (int c = 0; c < copies; c++) {
            System.arraycopy(values, 0, all, c * values.length, values.length);
        }
        return all;
    }
}
