package org.vaescope.core.interventions;

import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.vaescope.core.progress.ProgressMonitor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.hooks.GradientResult;
import org.vaescope.core.hooks.HookPoint;
import org.vaescope.core.hooks.HookedModel;
import org.vaescope.core.hooks.RunOptions;
import org.vaescope.core.hooks.RunResult;
import org.vaescope.core.runtime.Floats;
import org.vaescope.core.runtime.Nd4jRuntime;

/**
 * Attribution patching (spec section 4, <b>our definition</b>): the first-order estimate of the
 * effect of patching unit u of hook L from the source x_s into the target x_t,
 * <pre>
 *   â_u = E_pairs Σ_{j ∈ u} ∂m/∂h_j (x_t) · (h_j(x_s) − h_j(x_t)),
 * </pre>
 * for every unit of every hook at once from one backward pass per batch of pairs (j runs over the
 * elements of the unit: one for a flat unit, the positions of a channel). The exact effect it
 * estimates is E[m(patched) − m(x_t)] ({@link PatchResult#meanEffect()}); on a network that is
 * linear from L to the measure the two are equal.
 */
public final class AttributionPatching {

    private AttributionPatching() {
    }

    /**
     * Estimates for every unit of {@code hooks} (all but the input when null or empty), then exact
     * patching of the {@code topK} units with the largest |estimate| across all hooks, and, if
     * {@code checkAll}, of every unit (a full sweep).
     */
    public static AttributionResult attribute(HookedModel model, Pairs pairs, List<String> hooks, Measure measure,
            int topK, boolean checkAll, int batchSize, long memoryBudgetBytes, ProgressMonitor monitor) {
        Nd4jRuntime.ensureStarted();
        ProgressMonitor progress = ProgressMonitor.orNone(monitor);
        if (topK < 0) {
            throw new IllegalArgumentException("top k must not be negative, got " + topK);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        List<HookPoint> points = InputManipulation.resolveHooks(model, hooks);
        long start = System.nanoTime();
        Map<String, double[]> estimates = estimate(model, pairs, points, measure, batchSize, progress);
        long estimateNanos = System.nanoTime() - start;
        List<String> names = points.stream().map(HookPoint::name).toList();
        List<AttributionResult.UnitScore> top = checkTop(model, pairs, estimates, measure, topK, memoryBudgetBytes,
                progress);
        double topAgreement = agreement(top);
        PatchingSweep all = null;
        double allAgreement = Double.NaN;
        if (checkAll) {
            all = ActivationPatching.sweep(model, pairs, names, measure, memoryBudgetBytes, progress);
            List<AttributionResult.UnitScore> scores = new ArrayList<>();
            for (String h : names) {
                double[] est = estimates.get(h);
                double[] exact = all.meanEffect(h);
                for (int u = 0; u < est.length; u++) {
                    scores.add(new AttributionResult.UnitScore(h, u, est[u], exact[u]));
                }
            }
            allAgreement = agreement(scores);
        }
        return new AttributionResult(names, estimates, top, topAgreement, allAgreement, all, measure.describe(),
                pairs.size(), pairs.seed(), estimateNanos);
    }

    /** The estimates alone: hook name → per-unit estimate. */
    static Map<String, double[]> estimate(HookedModel model, Pairs pairs, List<HookPoint> points, Measure measure,
            int batchSize, ProgressMonitor progress) {
        MetricEvaluator metric = MetricEvaluator.of(measure, model);
        Map<String, double[]> sums = new LinkedHashMap<>();
        List<String> wrt = new ArrayList<>();
        for (HookPoint h : points) {
            sums.put(h.name(), new double[h.units()]);
            if (h.name().equals(metric.hook()) || model.dependsOn(metric.hook(), h.name())) {
                wrt.add(h.name());
            }
        }
        int n = pairs.size();
        int batches = (n + batchSize - 1) / batchSize;
        for (int from = 0, done = 0; from < n; from += batchSize) {
            progress.checkCanceled("attribution patching");
            int to = Math.min(n, from + batchSize);
            if (!wrt.isEmpty()) {
                INDArray base = pairs.base(from, to);
                RunResult s = model.run(pairs.changed(from, to), RunOptions.defaults().capture(wrt));
                float[] reference = metric.needsReference() ? MetricEvaluator.sigmoid(Floats.of(s.output())) : null;
                INDArray measured = model.run(base, RunOptions.defaults().capture(metric.hook()))
                        .activation(metric.hook());
                INDArray weights = metric.gradient(measured, reference);
                GradientResult g = model.gradient(base, RunOptions.defaults(), metric.hook(), weights, wrt);
                for (String h : wrt) {
                    accumulate(model.hookPoint(h), g.gradient(h), g.forward().activation(h), s.activation(h),
                            sums.get(h));
                }
            }
            progress.worked(++done, batches, "attribution estimate");
        }
        for (double[] s : sums.values()) {
            for (int u = 0; u < s.length; u++) {
                s[u] /= n;
            }
        }
        return sums;
    }

    private static void accumulate(HookPoint h, INDArray gradient, INDArray target, INDArray source, double[] sums) {
        float[] g = Floats.of(gradient);
        float[] t = Floats.of(target);
        float[] s = Floats.of(source);
        int batch = (int) gradient.size(0);
        int size = h.unitSize();
        for (int b = 0; b < batch; b++) {
            for (int u = 0; u < h.units(); u++) {
                int start = b * h.size() + u * size;
                double sum = 0;
                for (int j = start; j < start + size; j++) {
                    sum += (double) g[j] * (s[j] - t[j]);
                }
                sums[u] += sum;
            }
        }
    }

    private static List<AttributionResult.UnitScore> checkTop(HookedModel model, Pairs pairs,
            Map<String, double[]> estimates, Measure measure, int topK, long budget, ProgressMonitor progress) {
        List<AttributionResult.UnitScore> ranked = new ArrayList<>();
        for (Map.Entry<String, double[]> e : estimates.entrySet()) {
            double[] est = e.getValue();
            for (int u = 0; u < est.length; u++) {
                ranked.add(new AttributionResult.UnitScore(e.getKey(), u, est[u], Double.NaN));
            }
        }
        ranked.sort(Comparator.comparingDouble((AttributionResult.UnitScore s) -> -Math.abs(s.estimate())));
        List<AttributionResult.UnitScore> chosen = ranked.subList(0, Math.min(topK, ranked.size()));
        if (chosen.isEmpty()) {
            return List.of();
        }
        Map<String, List<Integer>> byHook = new LinkedHashMap<>();
        for (AttributionResult.UnitScore s : chosen) {
            byHook.computeIfAbsent(s.hook(), k -> new ArrayList<>()).add(s.unit());
        }
        Map<String, int[]> units = new LinkedHashMap<>();
        byHook.forEach((h, list) -> units.put(h, list.stream().mapToInt(Integer::intValue).toArray()));
        PatchingSweep exact = ActivationPatching.sweepUnits(model, pairs, units, measure, budget, progress);
        List<AttributionResult.UnitScore> checked = new ArrayList<>();
        for (AttributionResult.UnitScore s : chosen) {
            int index = byHook.get(s.hook()).indexOf(s.unit());
            double effect = PatchResult.mean(exact.patchedValues(s.hook())[index]) - PatchResult.mean(exact.targetValues());
            checked.add(new AttributionResult.UnitScore(s.hook(), s.unit(), s.estimate(), effect));
        }
        return checked;
    }

    private static double agreement(List<AttributionResult.UnitScore> scores) {
        double[] est = new double[scores.size()];
        double[] exact = new double[scores.size()];
        for (int i = 0; i < est.length; i++) {
            est[i] = scores.get(i).estimate();
            exact[i] = scores.get(i).exact();
        }
        return rankAgreement(est, exact);
    }

    /**
     * Spearman rank correlation of estimated and exact effects (ties share their average rank);
     * NaN for fewer than two units or when either side is constant.
     */
    public static double rankAgreement(double[] estimates, double[] exact) {
        if (estimates.length != exact.length) {
            throw new IllegalArgumentException("rank agreement of " + estimates.length + " and " + exact.length + " values");
        }
        if (estimates.length < 2) {
            return Double.NaN;
        }
        return new SpearmansCorrelation().correlation(estimates, exact);
    }
}
