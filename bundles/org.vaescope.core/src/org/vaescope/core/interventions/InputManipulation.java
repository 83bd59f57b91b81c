package org.vaescope.core.interventions;

import org.vaescope.core.progress.ProgressMonitor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaescope.core.data.Factor;
import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.hooks.HookPoint;
import org.vaescope.core.hooks.HookedModel;
import org.vaescope.core.hooks.RunOptions;
import org.vaescope.core.hooks.RunResult;
import org.vaescope.core.runtime.Floats;
import org.vaescope.core.internal.interventions.ScratchMemory;
import org.vaescope.core.internal.interventions.UnitValues;
import org.vaescope.core.runtime.Nd4jRuntime;

/**
 * Input manipulation (spec section 4, <b>our definition</b>): for pairs (x, x') equal in every
 * factor but k, the response of unit u to factor k is
 * <pre>
 *   A[u,k] = E_pairs |h_u(x') − h_u(x)| / (std_u + 1e-8)
 * </pre>
 * where h_u is the unit's value and std_u its population standard deviation over the base inputs x
 * of all factors' pairs (draws from the dataset's distribution). For a convolutional hook point a
 * unit is a channel: |h_u(x') − h_u(x)| is the mean over its positions of the change at each
 * position (a moved object changes the channel where it was and where it is, while the channel's
 * spatial mean barely moves), and std_u is taken over the base inputs and all positions. The
 * effect on the output is E‖σ(out(x')) − σ(out(x))‖₂ per factor; the effect on the latents is the matrix of
 * {@code latent.mu}. Runs are deterministic (z = μ) and batched; each batch runs in
 * {@linkplain ScratchMemory scratch memory}, so the native working set is one batch whatever the pair count.
 */
public final class InputManipulation {

    /** Added to the unit's standard deviation. */
    public static final double EPSILON = 1e-8;

    private InputManipulation() {
    }

    /**
     * Responses to every factor of {@code dataset} with at least two classes (a constant factor
     * cannot be changed), {@code pairsPerFactor} pairs each drawn with {@link Pairs#differingIn};
     * factor j's pairs use the j-th seed drawn from {@code new SplittableRandom(seed)}.
     *
     * @param hooks hook points to analyse, or null/empty for every hook point but the input
     */
    public static UnitResponses respond(HookedModel model, FactorDataset dataset, List<String> hooks,
            int pairsPerFactor, long seed, int batchSize, ProgressMonitor monitor) {
        SplittableRandom seeds = new SplittableRandom(seed);
        List<Pairs> pairs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Factor> factors = dataset.factors();
        for (int k = 0; k < factors.size(); k++) {
            if (factors.get(k).size() >= 2) {
                pairs.add(Pairs.differingIn(dataset, k, pairsPerFactor, seeds.nextLong()));
                names.add(factors.get(k).name());
            }
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("dataset '" + dataset.name() + "' has no factor with two or more classes");
        }
        return respond(model, pairs, names, hooks, seed, batchSize, monitor);
    }

    /**
     * Responses for given pair sets, one per factor ({@code factorNames[j]} names the factor changed
     * by {@code pairsPerFactor[j]}); all sets must have the same size.
     */
    public static UnitResponses respond(HookedModel model, List<Pairs> pairsPerFactor, List<String> factorNames,
            List<String> hooks, long seed, int batchSize, ProgressMonitor monitor) {
        Nd4jRuntime.ensureStarted();
        ProgressMonitor progress = ProgressMonitor.orNone(monitor);
        if (pairsPerFactor.size() != factorNames.size() || pairsPerFactor.isEmpty()) {
            throw new IllegalArgumentException(pairsPerFactor.size() + " pair sets for " + factorNames.size()
                    + " factor names; give one non-empty pair set per factor");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        int n = pairsPerFactor.get(0).size();
        for (int j = 0; j < pairsPerFactor.size(); j++) {
            if (pairsPerFactor.get(j).size() != n) {
                throw new IllegalArgumentException("pair set " + j + " (" + factorNames.get(j) + ") has "
                        + pairsPerFactor.get(j).size() + " pairs, the first has " + n);
            }
        }
        List<HookPoint> points = resolveHooks(model, hooks);
        int factors = factorNames.size();
        Accumulator acc = new Accumulator(points, factors, n);
        int totalBatches = factors * ((n + batchSize - 1) / batchSize);
        int done = 0;
        List<String> captured = points.stream().map(HookPoint::name).toList();
        try (ScratchMemory batches = new ScratchMemory("vaescope.responses.batch")) {
            for (int k = 0; k < factors; k++) {
                Pairs pairs = pairsPerFactor.get(k);
                for (int from = 0; from < n; from += batchSize) {
                    progress.checkCanceled("input manipulation");
                    int to = Math.min(n, from + batchSize);
                    try (MemoryWorkspace batch = batches.pass()) {
                        INDArray both = Nd4j.concat(0, pairs.base(from, to), pairs.changed(from, to));
                        RunResult run = model.run(both, RunOptions.defaults().capture(captured));
                        acc.add(run, model.outputHook(), k, from, to - from);
                    }
                    progress.worked(++done, totalBatches, "factor " + factorNames.get(k));
                }
            }
        }
        return acc.finish(factorNames, n, seed);
    }

    static List<HookPoint> resolveHooks(HookedModel model, List<String> hooks) {
        List<HookPoint> points = new ArrayList<>();
        if (hooks == null || hooks.isEmpty()) {
            for (HookPoint h : model.hookPoints()) {
                if (!h.name().equals(model.inputHook())) {
                    points.add(h);
                }
            }
        } else {
            for (String h : hooks) {
                points.add(model.hookPoint(h));
            }
        }
        return points;
    }

    /** Sums of |Δh_u|, of h_u and h_u² over base inputs, and of output distances. */
    private static final class Accumulator {
        final List<HookPoint> points;
        final int factors;
        final Map<String, double[][]> absChange = new LinkedHashMap<>();
        /** Per hook, factor × pair × unit: |h_u(x') − h_u(x)| of each pair. */
        final Map<String, double[][][]> pairChange = new LinkedHashMap<>();
        final Map<String, double[]> sum = new LinkedHashMap<>();
        final Map<String, double[]> sumSquares = new LinkedHashMap<>();
        final double[] outputDistance;
        long baseCount;

        Accumulator(List<HookPoint> points, int factors, int pairsPerFactor) {
            this.points = points;
            this.factors = factors;
            this.outputDistance = new double[factors];
            for (HookPoint h : points) {
                absChange.put(h.name(), new double[h.units()][factors]);
                pairChange.put(h.name(), new double[factors][pairsPerFactor][h.units()]);
                sum.put(h.name(), new double[h.units()]);
                sumSquares.put(h.name(), new double[h.units()]);
            }
        }

        void add(RunResult run, String outputHook, int factor, int firstPair, int pairs) {
            for (HookPoint h : points) {
                INDArray activation = run.activation(h.name());
                double[] changes = UnitValues.meanAbsoluteChange(activation, pairs, h);
                double[][] baseSums = UnitValues.sums(activation, pairs, h);
                int units = h.units();
                double[][] change = absChange.get(h.name());
                double[][] perPair = pairChange.get(h.name())[factor];
                for (int b = 0; b < pairs; b++) {
                    for (int u = 0; u < units; u++) {
                        change[u][factor] += changes[b * units + u];
                        perPair[firstPair + b][u] = changes[b * units + u];
                    }
                }
                for (int u = 0; u < units; u++) {
                    sum.get(h.name())[u] += baseSums[0][u];
                    sumSquares.get(h.name())[u] += baseSums[1][u];
                }
            }
            baseCount += pairs;
            float[] out = MetricEvaluator.sigmoid(Floats.of(run.output()));
            int size = out.length / (2 * pairs);
            for (int b = 0; b < pairs; b++) {
                double d = 0;
                for (int j = 0; j < size; j++) {
                    double diff = out[(b + pairs) * size + j] - out[b * size + j];
                    d += diff * diff;
                }
                outputDistance[factor] += Math.sqrt(d);
            }
        }

        UnitResponses finish(List<String> factorNames, int n, long seed) {
            Map<String, double[][]> responses = new LinkedHashMap<>();
            Map<String, double[][]> raw = new LinkedHashMap<>();
            Map<String, double[]> stds = new LinkedHashMap<>();
            Map<String, double[][][]> pairTerms = new LinkedHashMap<>();
            for (HookPoint h : points) {
                double[][] change = absChange.get(h.name());
                double[] std = new double[h.units()];
                double[][] a = new double[h.units()][factors];
                long values = baseCount * h.unitSize();
                for (int u = 0; u < h.units(); u++) {
                    double mean = sum.get(h.name())[u] / values;
                    double variance = Math.max(0, sumSquares.get(h.name())[u] / values - mean * mean);
                    std[u] = Math.sqrt(variance);
                    for (int k = 0; k < factors; k++) {
                        change[u][k] /= n;
                        a[u][k] = change[u][k] / (std[u] + EPSILON);
                    }
                }
                responses.put(h.name(), a);
                pairTerms.put(h.name(), normalise(pairChange.get(h.name()), std));
                raw.put(h.name(), change);
                stds.put(h.name(), std);
            }
            double[] output = outputDistance.clone();
            for (int k = 0; k < factors; k++) {
                output[k] /= n;
            }
            return new UnitResponses(points.stream().map(HookPoint::name).toList(), factorNames, responses, raw, stds,
                    pairTerms, output, n, seed);
        }

        /** Divides each pair's |Δh_u| by the unit's std (+ε), so the mean over pairs is A[u][k]. */
        private static double[][][] normalise(double[][][] changes, double[] std) {
            double[][][] terms = new double[changes.length][][];
            for (int k = 0; k < changes.length; k++) {
                terms[k] = new double[changes[k].length][std.length];
                for (int p = 0; p < changes[k].length; p++) {
                    for (int u = 0; u < std.length; u++) {
                        terms[k][p][u] = changes[k][p][u] / (std[u] + EPSILON);
                    }
                }
            }
            return terms;
        }
    }
}
