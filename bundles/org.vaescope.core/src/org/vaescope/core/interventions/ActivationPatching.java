package org.vaescope.core.interventions;

import org.vaescope.core.progress.ProgressMonitor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.hooks.ActivationOverride;
import org.vaescope.core.hooks.HookPoint;
import org.vaescope.core.hooks.HookedModel;
import org.vaescope.core.hooks.RunOptions;
import org.vaescope.core.hooks.RunResult;
import org.vaescope.core.internal.interventions.ScratchMemory;
import org.vaescope.core.runtime.Floats;
import org.vaescope.core.runtime.Nd4jRuntime;

/**
 * Activation patching and ablation (spec section 4, <b>our definitions</b>).
 * <p>
 * Patching runs each target x_t (the pair's base input) with h_S(x_t) replaced by h_S(x_s) (the
 * pair's changed input) on the unit set S of one hook point, and reports
 * fraction restored = (m(patched) − m(x_t)) / (m(x_s) − m(x_t)) (see {@link FractionRestored}).
 * A {@linkplain #sweep sweep} patches every unit of every hook point one at a time, reusing the
 * cached prefix and stacking units into batches chosen from a memory budget. All runs are
 * deterministic (z = μ).
 */
public final class ActivationPatching {

    /** System property that turns off the incremental first layer of a sweep (for benchmarks). */
    public static final String NOT_INCREMENTAL = "vaescope.sweep.notIncremental";

    /** Default memory budget of a sweep's batches: 256 MiB. */
    public static final long DEFAULT_MEMORY_BUDGET = 256L << 20;

    private ActivationPatching() {
    }

    /**
     * Patches unit set {@code units} of {@code hook} from each pair's changed input into its base
     * input, {@code batchSize} pairs at a time, with {@link ActivationOverride#patch}.
     */
    public static PatchResult patch(HookedModel model, Pairs pairs, String hook, int[] units, Measure measure,
            int batchSize) {
        Nd4jRuntime.ensureStarted();
        MetricEvaluator metric = MetricEvaluator.of(measure, model);
        model.hookPoint(hook);
        checkBatch(batchSize);
        int n = pairs.size();
        double[] target = new double[n];
        double[] source = new double[n];
        double[] patched = new double[n];
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            RunOptions capture = RunOptions.defaults().capture(hook, metric.hook());
            RunResult s = model.run(pairs.changed(from, to), capture);
            RunResult t = model.run(pairs.base(from, to), capture);
            float[] reference = metric.needsReference() ? MetricEvaluator.sigmoid(Floats.of(s.output())) : null;
            RunResult p = model.run(pairs.base(from, to), RunOptions.defaults().capture(metric.hook())
                    .override(ActivationOverride.patch(hook, units, s.activation(hook))));
            copy(metric.values(t.activation(metric.hook()), reference), target, from);
            copy(metric.values(s.activation(metric.hook()), reference), source, from);
            copy(metric.values(p.activation(metric.hook()), reference), patched, from);
        }
        return new PatchResult(hook, units, measure.describe(), target, source, patched, pairs.seed());
    }

    /**
     * Ablates unit set {@code units} of {@code hook} on {@code inputs}: replaces them by zero, by
     * their element-wise mean over {@code reference}, or by the activation of a reference sample drawn
     * with {@code seed} (when {@code reference} is null the inputs themselves are the reference, and
     * a resampled input is never its own source). The result's "source" values are the clean values;
     * its {@link PatchResult#meanEffect()} is E[m(ablated) − m(clean)]. A reconstruction measure
     * compares with the clean reconstruction.
     */
    public static PatchResult ablate(HookedModel model, INDArray inputs, INDArray reference, String hook, int[] units,
            Ablation mode, Measure measure, long seed) {
        Nd4jRuntime.ensureStarted();
        MetricEvaluator metric = MetricEvaluator.of(measure, model);
        HookPoint h = model.hookPoint(hook);
        int n = (int) inputs.size(0);
        RunResult clean = model.run(inputs, RunOptions.defaults().capture(hook, metric.hook()));
        INDArray replacement = switch (mode) {
            case ZERO -> Floats.array(new float[h.size()], h.batchShape(1));
            case MEAN -> meanOf(reference == null ? clean.activation(hook) : capture(model, reference, hook), h);
            case RESAMPLE -> resample(reference == null ? clean.activation(hook) : capture(model, reference, hook), h,
                    n, reference == null, seed);
        };
        RunResult ablated = model.run(inputs, RunOptions.defaults().capture(metric.hook())
                .override(ActivationOverride.patch(hook, units, replacement)));
        float[] ref = metric.needsReference() ? MetricEvaluator.sigmoid(Floats.of(clean.output())) : null;
        double[] cleanValues = metric.values(clean.activation(metric.hook()), ref);
        double[] ablatedValues = metric.values(ablated.activation(metric.hook()), ref);
        return new PatchResult(hook, units, measure.describe() + " (" + mode.name().toLowerCase(java.util.Locale.ROOT)
                + " ablation)", cleanValues, cleanValues, ablatedValues, seed);
    }

    private static INDArray capture(HookedModel model, INDArray inputs, String hook) {
        return model.run(inputs, RunOptions.defaults().capture(hook)).activation(hook);
    }

    private static INDArray meanOf(INDArray activations, HookPoint h) {
        float[] a = Floats.of(activations);
        int rows = (int) activations.size(0);
        double[] sum = new double[h.size()];
        for (int b = 0; b < rows; b++) {
            for (int j = 0; j < sum.length; j++) {
                sum[j] += a[b * sum.length + j];
            }
        }
        for (int j = 0; j < sum.length; j++) {
            sum[j] /= rows;
        }
        return Floats.array(sum, h.batchShape(1));
    }

    private static INDArray resample(INDArray activations, HookPoint h, int n, boolean avoidSelf, long seed) {
        int rows = (int) activations.size(0);
        if (avoidSelf && rows < 2) {
            throw new IllegalArgumentException("resample ablation without a reference batch needs at least 2 inputs");
        }
        float[] a = Floats.of(activations);
        float[] out = new float[n * h.size()];
        SplittableRandom random = new SplittableRandom(seed);
        for (int b = 0; b < n; b++) {
            int j = avoidSelf ? (b + 1 + random.nextInt(rows - 1)) % rows : random.nextInt(rows);
            System.arraycopy(a, j * h.size(), out, b * h.size(), h.size());
        }
        return Floats.array(out, h.batchShape(n));
    }

    /**
     * Patches every unit of every hook point in {@code hooks} (all but the input when null or empty)
     * one at a time. Per chunk of pairs the targets and sources run once with every activation
     * captured; each hook's units are then patched from that cached prefix, as many units per
     * partial forward pass as {@code memoryBudgetBytes} allows.
     */
    public static PatchingSweep sweep(HookedModel model, Pairs pairs, List<String> hooks, Measure measure,
            long memoryBudgetBytes, ProgressMonitor monitor) {
        Map<String, int[]> units = new LinkedHashMap<>();
        for (HookPoint h : InputManipulation.resolveHooks(model, hooks)) {
            units.put(h.name(), ActivationOverride.allUnits(h.units()));
        }
        return sweepUnits(model, pairs, units, measure, memoryBudgetBytes, monitor);
    }

    /** A sweep over chosen units: {@code units} maps hook names to the units to patch one by one. */
    static PatchingSweep sweepUnits(HookedModel model, Pairs pairs, Map<String, int[]> units, Measure measure,
            long memoryBudgetBytes, ProgressMonitor monitor) {
        Nd4jRuntime.ensureStarted();
        long start = System.nanoTime();
        if (memoryBudgetBytes < 1) {
            throw new IllegalArgumentException("memory budget must be positive, got " + memoryBudgetBytes);
        }
        MetricEvaluator metric = MetricEvaluator.of(measure, model);
        units.keySet().forEach(model::hookPoint);
        try (ScratchMemory chunks = new ScratchMemory("vaescope.sweep.chunk");
                ScratchMemory passes = new ScratchMemory("vaescope.sweep.pass")) {
            PatchEngine engine = new PatchEngine(model, metric, passes)
                    .incremental(!Boolean.getBoolean(NOT_INCREMENTAL));
            int n = pairs.size();
            int chunk = pairChunk(model, engine, units.keySet(), n, memoryBudgetBytes);
            SweepValues values = new SweepValues(units, n, chunk);
            for (int from = 0; from < n; from += chunk) {
                ProgressMonitor.orNone(monitor).checkCanceled("patching sweep");
                try (MemoryWorkspace scope = chunks.pass()) {
                    sweepChunk(model, pairs, from, Math.min(n, from + chunk), units, metric, engine,
                            memoryBudgetBytes, values, ProgressMonitor.orNone(monitor));
                }
            }
            return new PatchingSweep(new ArrayList<>(units.keySet()), values.patched, values.target, values.source,
                    measure.describe(), pairs.seed(), engine.forwardPasses(), System.nanoTime() - start);
        }
    }

    /** The measured values of a sweep, filled chunk by chunk, and its progress. */
    private static final class SweepValues {
        final double[] target;
        final double[] source;
        final Map<String, double[][]> patched = new LinkedHashMap<>();
        final int steps;
        int done;

        SweepValues(Map<String, int[]> units, int n, int chunk) {
            target = new double[n];
            source = new double[n];
            for (Map.Entry<String, int[]> e : units.entrySet()) {
                patched.put(e.getKey(), new double[e.getValue().length][n]);
            }
            steps = units.values().stream().mapToInt(u -> u.length).sum() * ((n + chunk - 1) / chunk);
        }
    }

    /**
     * Pairs {@code from}..{@code to}: the targets and sources run once with the prefix captured, then
     * every unit is patched from it. Runs in the chunk's scratch memory: only Java arrays leave it.
     */
    private static void sweepChunk(HookedModel model, Pairs pairs, int from, int to, Map<String, int[]> units,
            MetricEvaluator metric, PatchEngine engine, long memoryBudgetBytes, SweepValues into,
            ProgressMonitor progress) {
        RunOptions prefix = prefixCapture(model, metric);
        RunResult t = model.run(pairs.base(from, to), prefix);
        RunResult s = model.run(pairs.changed(from, to), prefix);
        float[] reference = metric.needsReference() ? MetricEvaluator.sigmoid(Floats.of(s.output())) : null;
        double[] mt = metric.values(t.activation(metric.hook()), reference);
        copy(mt, into.target, from);
        copy(metric.values(s.activation(metric.hook()), reference), into.source, from);
        for (Map.Entry<String, int[]> e : units.entrySet()) {
            String hook = e.getKey();
            int[] hookUnits = e.getValue();
            double[][] values;
            if (engine.affectsMetric(hook)) {
                List<int[]> sets = new ArrayList<>();
                for (int u : hookUnits) {
                    sets.add(new int[] {u});
                }
                int perPass = engine.experimentsPerPass(hook, to - from, sets.size(), memoryBudgetBytes);
                values = engine.run(hook, sets, t.activations(), s.activation(hook), reference, perPass, progress);
            } else {
                values = new double[hookUnits.length][];
                for (int i = 0; i < values.length; i++) {
                    values[i] = mt.clone();
                }
            }
            double[][] patched = into.patched.get(hook);
            for (int i = 0; i < hookUnits.length; i++) {
                copy(values[i], patched[i], from);
            }
            into.done += hookUnits.length;
            progress.worked(into.done, into.steps, hook);
        }
    }

    /**
     * What the sweep's cached prefix captures: every hook point the measured one depends on (the
     * patched hooks and their side feeds are among them) and no more, unless the measure compares
     * with the reconstruction, which needs the output.
     */
    static RunOptions prefixCapture(HookedModel model, MetricEvaluator metric) {
        if (metric.needsReference()) {
            return RunOptions.defaults().captureAll();
        }
        List<String> needed = new ArrayList<>();
        for (HookPoint h : model.hookPoints()) {
            if (h.name().equals(metric.hook()) || model.dependsOn(metric.hook(), h.name())) {
                needed.add(h.name());
            }
        }
        return RunOptions.defaults().capture(needed).withoutOutput();
    }

    /** Pairs per chunk: the captured activations of targets and sources plus one experiment must fit the budget. */
    private static int pairChunk(HookedModel model, PatchEngine engine, Iterable<String> hooks, int n, long budget) {
        long capture = 0;
        for (HookPoint h : model.hookPoints()) {
            capture += 2L * 4 * h.size();
        }
        long worst = 0;
        for (String hook : hooks) {
            worst = Math.max(worst, engine.bytesPerSample(hook));
        }
        long perPair = capture + worst;
        return (int) Math.max(1, Math.min(n, budget / Math.max(1, perPair)));
    }

    static void copy(double[] values, double[] into, int offset) {
        System.arraycopy(values, 0, into, offset, values.length);
    }

    private static void checkBatch(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
    }
}
