package org.vaescope.core.interventions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.vaescope.core.analysis.AnalysisSettings;
import org.vaescope.core.analysis.CircuitSet;
import org.vaescope.core.analysis.FactorCircuits;
import org.vaescope.core.analysis.FactorCircuits.HookCircuit;
import org.vaescope.core.hooks.ActivationOverride;
import org.vaescope.core.hooks.HookPoint;
import org.vaescope.core.hooks.HookedModel;
import org.vaescope.core.hooks.RunOptions;
import org.vaescope.core.hooks.RunResult;
import org.vaescope.core.internal.interventions.ScratchMemory;
import org.vaescope.core.progress.ProgressMonitor;
import org.vaescope.core.runtime.Nd4jRuntime;

/**
 * Finds the {@link FactorCircuits} of a model: per factor and hook point, the units ranked by
 * attribution patching, the shortest ranked prefix that restores φ of the hook point's patch effect
 * (a bisection, {@value #PROBES} prefixes patched per pass), then the ablation check. Every patched
 * run starts from the hook point's cached activations ({@link PatchEngine}); all runs are
 * deterministic (z = μ) and cancellable.
 */
public final class CircuitDiscovery {

    /** Prefix lengths patched per bisection round (one pass): the interval shrinks by this + 1. */
    static final int PROBES = 3;
    /** A factor whose pairs move the image by less than this (Σ‖Δo‖² per pair) has no effect to carry. */
    private static final double NO_EFFECT = 1e-12;

    private CircuitDiscovery() {
    }

    /**
     * The circuits of the factors at {@code hooks}.
     *
     * @param pairsPerFactor one pair set per factor (base = target x_t, changed = source x_s) to rank
     *        the units and find the circuits
     * @param checkPairsPerFactor independent pairs of the same factors for the ablation check (sample
     *        splitting: the check does not reuse the inputs the circuit was chosen on)
     * @param factors the factors' names
     * @param seed seed of the random ablation sets (recorded with the pairs' count)
     */
    public static FactorCircuits find(HookedModel model, List<String> hooks, List<Pairs> pairsPerFactor,
            List<Pairs> checkPairsPerFactor, List<String> factors, AnalysisSettings settings, long seed,
            ProgressMonitor monitor) {
        Nd4jRuntime.ensureStarted();
        ProgressMonitor progress = ProgressMonitor.orNone(monitor);
        if (pairsPerFactor.size() != factors.size() || checkPairsPerFactor.size() != factors.size()
                || factors.isEmpty()) {
            throw new IllegalArgumentException(pairsPerFactor.size() + " and " + checkPairsPerFactor.size()
                    + " pair sets for " + factors.size() + " factors; give one pair set per factor for each");
        }
        List<HookPoint> points = hooks.stream().map(model::hookPoint).toList();
        List<List<int[]>> units = new ArrayList<>();
        List<List<HookCircuit>> checks = new ArrayList<>();
        SplittableRandom seeds = new SplittableRandom(seed);
        try (ScratchMemory passes = new ScratchMemory("vaescope.circuits.pass")) {
            PatchEngine engine = new PatchEngine(model, MetricEvaluator.of(Measure.reconstruction(), model), passes);
            for (int k = 0; k < factors.size(); k++) {
                Search search = new Search(model, engine, pairsPerFactor.get(k), settings, progress);
                Search check = new Search(model, engine, checkPairsPerFactor.get(k), settings, progress);
                List<int[]> perHook = new ArrayList<>();
                List<HookCircuit> perHookChecks = new ArrayList<>();
                Map<String, double[]> scores = search.hasEffect() ? AttributionPatching.estimate(model,
                        pairsPerFactor.get(k), points, Measure.reconstruction(), pairsPerFactor.get(k).size(), progress)
                        : Map.of();
                for (HookPoint hook : points) {
                    progress.checkCanceled("circuit discovery");
                    int[] circuit = search.circuit(hook, scores.get(hook.name()));
                    perHook.add(circuit);
                    perHookChecks.add(check.check(hook, circuit, search.share(hook), seeds.nextLong()));
                }
                units.add(perHook);
                checks.add(perHookChecks);
                progress.worked(k + 1, factors.size(), "circuits of " + factors.get(k));
            }
        }
        int pairs = pairsPerFactor.get(0).size();
        return new FactorCircuits(new CircuitSet(hooks, factors, units), checks, settings.circuitRestore(), pairs,
                seed);
    }

    /** The search and the checks for one factor's pairs. */
    private static final class Search {
        private final HookedModel model;
        private final PatchEngine engine;
        private final AnalysisSettings settings;
        private final ProgressMonitor progress;
        private final int pairs;
        private final INDArray targetInputs;
        private final RunResult targets;
        private final RunResult sources;
        private final INDArray targetImages;
        private final double effect;
        private Map<String, INDArray> bothInputs;
        private final Map<String, Double> shares = new LinkedHashMap<>();

        Search(HookedModel model, PatchEngine engine, Pairs pairs, AnalysisSettings settings, ProgressMonitor progress) {
            this.model = model;
            this.engine = engine;
            this.settings = settings;
            this.progress = progress;
            this.pairs = pairs.size();
            RunOptions prefix = ActivationPatching.prefixCapture(model, MetricEvaluator.of(Measure.reconstruction(), model));
            targetInputs = pairs.base(0, this.pairs);
            targets = model.run(targetInputs, prefix);
            sources = model.run(pairs.changed(0, this.pairs), prefix);
            targetImages = image(targets.output());
            effect = squaredDistance(image(sources.output()), targetImages);
        }

        boolean hasEffect() {
            return effect >= NO_EFFECT * pairs;
        }

        /** The shortest prefix of the ranked units restoring φ; empty when the hook point barely carries the factor. */
        int[] circuit(HookPoint hook, double[] scores) {
            if (!hasEffect() || !engine.affectsMetric(hook.name())) {
                shares.put(hook.name(), hasEffect() ? 0.0 : Double.NaN);
                return new int[0];
            }
            INDArray whole = wholeHookPatched(hook);
            double wholeEffect = squaredDistance(whole, targetImages);
            shares.put(hook.name(), wholeEffect / effect);
            if (wholeEffect < FactorCircuits.NEGLIGIBLE_SHARE * effect) {
                return new int[0];
            }
            int[] ranked = ranked(scores);
            float[] reference = whole.data().asFloat();
            int lo = 0;
            int hi = ranked.length;
            while (hi - lo > 1) {
                int[] sizes = probes(lo, hi);
                double[] restored = restored(hook, ranked, sizes, reference, wholeEffect);
                int nextLo = lo;
                int nextHi = hi;
                for (int i = 0; i < sizes.length; i++) {
                    if (restored[i] >= settings.circuitRestore()) {
                        nextHi = sizes[i];
                        break;
                    }
                    nextLo = sizes[i];
                }
                lo = nextLo;
                hi = nextHi;
            }
            return java.util.Arrays.copyOf(ranked, hi);
        }

        /** The targets' images with every unit of the hook point patched from the sources. */
        private INDArray wholeHookPatched(HookPoint hook) {
            return image(model.run(targetInputs, RunOptions.defaults().override(ActivationOverride.patch(hook.name(),
                    ActivationOverride.allUnits(hook.units()), sources.activation(hook.name())))).output());
        }

        /**
         * restored(circuit) on these pairs: how much of the whole hook point's patch effect patching only
         * the circuit brings; NaN when patching the whole hook point moves nothing here.
         */
        private double restoredBy(HookPoint hook, int[] circuit) {
            INDArray whole = wholeHookPatched(hook);
            double wholeEffect = squaredDistance(whole, targetImages);
            if (wholeEffect == 0) {
                return Double.NaN;
            }
            return restored(hook, circuit, new int[] {circuit.length}, whole.data().asFloat(), wholeEffect)[0];
        }

        /** Units by attribution: the largest estimated move towards the source's image first, ties by index. */
        private static int[] ranked(double[] scores) {
            return IntStream.range(0, scores.length).boxed()
                    .sorted(Comparator.comparingDouble((Integer u) -> scores[u]).thenComparing(u -> u))
                    .mapToInt(Integer::intValue).toArray();
        }

        /** Up to {@value #PROBES} prefix lengths strictly between lo and hi, evenly spaced. */
        private static int[] probes(int lo, int hi) {
            return IntStream.rangeClosed(1, PROBES).map(i -> lo + (int) ((long) (hi - lo) * i / (PROBES + 1)))
                    .filter(n -> n > lo && n < hi).distinct().toArray();
        }

        private double[] restored(HookPoint hook, int[] ranked, int[] sizes, float[] reference, double wholeEffect) {
            List<int[]> sets = new ArrayList<>();
            for (int n : sizes) {
                sets.add(java.util.Arrays.copyOf(ranked, n));
            }
            int perPass = engine.experimentsPerPass(hook.name(), pairs, sets.size(), ActivationPatching.DEFAULT_MEMORY_BUDGET);
            double[][] distances = engine.run(hook.name(), sets, targets.activations(), sources.activation(hook.name()),
                    reference, perPass, progress);
            double[] restored = new double[sizes.length];
            for (int i = 0; i < sizes.length; i++) {
                double residual = 0;
                for (double d : distances[i]) {
                    residual += d * d;
                }
                restored[i] = 1 - residual / wholeEffect;
            }
            return restored;
        }

        /** The hook point's share of the factor's effect, measured by {@link #circuit}. */
        double share(HookPoint hook) {
            return shares.getOrDefault(hook.name(), Double.NaN);
        }

        /**
         * The checks of a circuit found on other pairs: how much of the hook point's patch effect it
         * restores here, and its ablation against random sets of as many other units of the hook point.
         */
        HookCircuit check(HookPoint hook, int[] circuit, double share, long seed) {
            if (circuit.length == 0) {
                return HookCircuit.none(hook.units(), share);
            }
            List<int[]> sets = new ArrayList<>();
            sets.add(circuit);
            int[] others = complement(circuit, hook.units());
            int randomSets = others.length >= circuit.length ? settings.ablationSets() : 0;
            SplittableRandom random = new SplittableRandom(seed);
            for (int r = 0; r < randomSets; r++) {
                sets.add(sample(others, circuit.length, random));
            }
            double[] remaining = ablatedRemaining(hook, sets);
            double[] randomRemaining = java.util.Arrays.copyOfRange(remaining, 1, remaining.length);
            return new HookCircuit(hook.units(), circuit.length, share, restoredBy(hook, circuit), remaining[0],
                    PatchResult.mean(randomRemaining), sd(randomRemaining), randomSets);
        }

        /** Every hook point's activations of the targets, then of the sources (only the check's pairs need them). */
        private Map<String, INDArray> bothInputs() {
            if (bothInputs == null) {
                bothInputs = new LinkedHashMap<>();
                targets.activations().forEach((hook, t) -> bothInputs.put(hook, Nd4j.concat(0, t, sources.activation(hook))));
            }
            return bothInputs;
        }

        /** remaining(S) for each set: both inputs of every pair run with S at its mean over the targets. */
        private double[] ablatedRemaining(HookPoint hook, List<int[]> sets) {
            INDArray mean = targets.activation(hook.name()).mean(true, 0);
            int perPass = engine.experimentsPerPass(hook.name(), 2 * pairs, sets.size(),
                    ActivationPatching.DEFAULT_MEMORY_BUDGET);
            double[][] changes = engine.run(hook.name(), sets, bothInputs(), mean, perPass, progress,
                    (measured, copies) -> pairChanges(measured, copies, pairs));
            double[] remaining = new double[sets.size()];
            for (int i = 0; i < remaining.length; i++) {
                remaining[i] = hasEffect() ? java.util.Arrays.stream(changes[i]).sum() / effect : Double.NaN;
            }
            return remaining;
        }
    }

    /** ‖o(x_s) − o(x_t)‖² of each pair in each of {@code copies} experiments whose rows are P targets, then P sources. */
    static double[] pairChanges(INDArray logits, int copies, int pairs) {
        INDArray images = image(logits).reshape('c', copies, 2, pairs, -1);
        INDArray change = images.get(NDArrayIndex.all(), NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.all())
                .sub(images.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all()));
        return change.muli(change).sum(2).reshape(copies * (long) pairs).toDoubleVector();
    }

    /** The decoded images σ(logits) as one row per sample. */
    private static INDArray image(INDArray logits) {
        return Transforms.sigmoid(logits, true).reshape('c', logits.size(0), -1);
    }

    private static double squaredDistance(INDArray a, INDArray b) {
        return Transforms.pow(a.sub(b), 2, false).sumNumber().doubleValue();
    }

    private static int[] complement(int[] circuit, int units) {
        boolean[] in = new boolean[units];
        for (int u : circuit) {
            in[u] = true;
        }
        return IntStream.range(0, units).filter(u -> !in[u]).toArray();
    }

    /** {@code size} distinct units of {@code from}, by a partial Fisher–Yates shuffle. */
    private static int[] sample(int[] from, int size, SplittableRandom random) {
        int[] pool = from.clone();
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(pool.length - i);
            int swap = pool[i];
            pool[i] = pool[j];
            pool[j] = swap;
        }
        return java.util.Arrays.copyOf(pool, size);
    }

    private static double sd(double[] values) {
        if (values.length < 2) {
            return Double.NaN;
        }
        double m = PatchResult.mean(values);
        double squares = java.util.Arrays.stream(values).map(v -> (v - m) * (v - m)).sum();
        return Math.sqrt(squares / (values.length - 1));
    }
}
