package org.vaescope.core.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.analysis.AnalysisSettings;
import org.vaescope.core.analysis.BootstrapSettings;
import org.vaescope.core.analysis.CircuitGraph;
import org.vaescope.core.analysis.CircuitGraphBuilder;
import org.vaescope.core.analysis.FactorEffectMatrix;
import org.vaescope.core.analysis.FactorGraphAnalysis;
import org.vaescope.core.analysis.ImpliedEffectEvidence;
import org.vaescope.core.analysis.LatentEffects;
import org.vaescope.core.analysis.FactorCircuits;
import org.vaescope.core.analysis.ModelReport;
import org.vaescope.core.analysis.PatchEffects;
import org.vaescope.core.analysis.UnitEffects;
import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.internal.analysis.JsonWriter;
import org.vaescope.core.hooks.HookPoint;
import org.vaescope.core.interventions.CircuitDiscovery;
import org.vaescope.core.interventions.CircuitPatching;
import org.vaescope.core.interventions.FactorInterventions;
import org.vaescope.core.interventions.InputManipulation;
import org.vaescope.core.interventions.LatentPerturbation;
import org.vaescope.core.interventions.Pairs;
import org.vaescope.core.progress.ProgressMonitor;
import org.vaescope.core.interventions.UnitResponses;
import org.vaescope.metrics.DisentanglementSuite;
import org.vaescope.metrics.Mig;
import org.vaescope.core.readout.FactorReadouts;
import org.vaescope.core.readout.ReadoutSettings;
import org.vaescope.core.runtime.Nd4jRuntime;
import org.vaescope.core.vae.HookedVae;
import org.vaescope.core.vae.VaeHooks;
import org.vaescope.core.internal.pipeline.ModelRepresentation;

/**
 * The whole causal analysis of one model on one dataset, declared once for the command line, the
 * script interpreter and the IDE: factor read-outs, input manipulation (unit responses), latent
 * perturbation (CES, specificity), factor interventions (the implied factor graph), unit classes,
 * circuits and modularity, and the standard disentanglement metrics.
 */
public final class ModelAnalysis {

    /**
     * What to compute and on how many samples.
     *
     * @param pairsPerFactor input pairs per factor for the unit responses
     * @param latentSamples inputs for latent perturbation and factor interventions
     * @param carriersPerFactor latents shifted together when intervening on a factor
     * @param metricTrain training samples of the disentanglement metrics (BetaVAE/FactorVAE: points)
     * @param metricTest evaluation samples of the disentanglement metrics
     * @param hooks hook points to analyse, or an empty list for all
     * @param modularityRepeats further circuit searches on independent pair sets that give circuit
     *        modularity an interval ({@link FactorCircuits.Repeats}); 0 for none (the default: each
     *        costs as much as the first search, 30–50 s on a 32×32 convolutional VAE), else at least 2
     */
    public record Settings(int pairsPerFactor, int latentSamples, int carriersPerFactor, int metricTrain,
            int metricTest, List<String> hooks, ReadoutSettings readouts, AnalysisSettings thresholds,
            BootstrapSettings bootstrap, int batchSize, long seed, int modularityRepeats) {

        public Settings {
            if (modularityRepeats < 0 || modularityRepeats == 1) {
                throw new IllegalArgumentException("modularity repeats must be 0 (none) or at least 2, got "
                        + modularityRepeats);
            }
            hooks = List.copyOf(hooks);
            requirePositive("pairs per factor", pairsPerFactor);
            requirePositive("latent samples", latentSamples);
            requirePositive("carriers per factor", carriersPerFactor);
            requirePositive("metric training samples", metricTrain);
            requirePositive("metric test samples", metricTest);
            requirePositive("batch size", batchSize);
        }

        /** Sample counts that finish in a few minutes for the 64×64 convolutional VAE on 2 cores. */
        public static Settings defaults(long seed) {
            return new Settings(200, 200, 1, 2_000, 1_000, List.of(), ReadoutSettings.defaults(seed),
                    AnalysisSettings.defaults(), BootstrapSettings.defaults(seed), 64, seed, 0);
        }

        /**
         * Small sample counts for tests and previews, but the full 200 input pairs per factor: with
         * 40, rarely active units were classified on a handful of pairs and the monosemantic counts
         * came out several times too high (docs/analysis.md), and the 160 pairs more cost seconds.
         */
        public static Settings quick(long seed) {
            return new Settings(200, 40, 1, 200, 100, List.of(), ReadoutSettings.defaults(seed).withSamples(1_000, 300),
                    AnalysisSettings.defaults(), new BootstrapSettings(50, 0.95, seed), 40, seed, 0);
        }

        /** These settings with another seed. */
        public Settings withSeed(long newSeed) {
            return new Settings(pairsPerFactor, latentSamples, carriersPerFactor, metricTrain, metricTest, hooks,
                    readouts, thresholds, bootstrap, batchSize, newSeed, modularityRepeats);
        }

        /** These settings with {@code repeats} further circuit searches for modularity's interval. */
        public Settings withModularityRepeats(int repeats) {
            return new Settings(pairsPerFactor, latentSamples, carriersPerFactor, metricTrain, metricTest, hooks,
                    readouts, thresholds, bootstrap, batchSize, seed, repeats);
        }

        private static void requirePositive(String what, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(what + " must be at least 1, got " + value);
            }
        }
    }

    /** Everything one analysis produced. */
    /**
     * @param readoutAccuracies held-out accuracy of each read-out on dataset images
     * @param reconstructionAccuracies accuracy of each read-out on the model's reconstructions of
     *        dataset images, against the images' true classes: how well a read-out can see the
     *        factor in what the decoder draws (the images interventions are measured on)
     * @param chanceAccuracies each read-out's chance accuracy 1 / classes, the floor both accuracies
     *        are read against
     * @param confoundedPairs factor pairs (k, l), as {@code k -> l}, whose carrier latents overlap: an
     *        intervention on k's carriers also intervenes on l's, so M[k,l] is no evidence about an
     *        edge and the implied graph leaves the pair out; listed instead of reported as M = 0
     * @param unreadableFactors factors whose read-out does not see them in the model's
     *        reconstructions (accuracy above chance, (acc − chance) / (1 − chance), below
     *        {@value ImpliedEffectEvidence#READABLE_FLOOR}): a change of such a read-out is noise, so the implied graph
     *        draws no edge into them; listed, not reported as absent edges
     * @param readoutCrosstalk K × K: how far read-out l moves per unit of read-out k on reconstructions of
     *        pairs that differ only in k ({@link FactorInterventions#readoutCrosstalk}); the implied graph
     *        counts only the effect beyond it
     * @param withoutOwnIntervention factors that are unreadable, whose carriers do not move them by the
     *        edge threshold, or whose carriers are a readable factor's that they move more: no
     *        intervention on them was made (or can be seen), so no edge out of them is tested; listed,
     *        not reported as absent edges
     * @param factorEvidence M as the implied graph reads it: set-aside entries 0, the others net of the
     *        crosstalk ({@link ImpliedEffectEvidence#evidence})
     * @param cesAfterQuantiser for a VQ-VAE, the model CES with the perturbed code fed after the
     *        quantiser (the main figure perturbs before it); NaN for a Gaussian VAE
     */
    public record Result(ModelReport report, DisentanglementSuite.Result disentanglement, UnitResponses units,
            LatentEffects latents, FactorEffectMatrix factorEffects, String readoutSummary,
            Map<String, Double> readoutAccuracies, Map<String, Double> reconstructionAccuracies,
            Map<String, Double> chanceAccuracies, List<String> confoundedPairs, List<String> unreadableFactors,
            double[][] readoutCrosstalk, List<String> withoutOwnIntervention, FactorEffectMatrix factorEvidence,
            double cesAfterQuantiser,
            CircuitGraph circuitGraph, Settings settings) {

        /** The report as text, closed by what the implied factor graph rests on: the pairs tested, the read-outs. */
        public String reportText() {
            String pairs = ImpliedEffectEvidence.testedSummary(pairEntries());
            List<String> factors = List.copyOf(readoutAccuracies.keySet());
            return report.toText() + (pairs.isEmpty() ? "" : pairs + System.lineSeparator()) + System.lineSeparator()
                    + ImpliedEffectEvidence.readoutTable(factors, inFactorOrder(readoutAccuracies, factors),
                            inFactorOrder(reconstructionAccuracies, factors), inFactorOrder(chanceAccuracies, factors));
        }

        private static double[] inFactorOrder(Map<String, Double> values, List<String> factors) {
            return factors.stream().mapToDouble(values::get).toArray();
        }

        /** What the implied graph made of the factor pair {@code cause -> effect} (factor indices, k ≠ l). */
        public ImpliedEffectEvidence.Entry entry(int cause, int effect) {
            List<String> factors = factorEvidence.factors();
            return ImpliedEffectEvidence.Entry.of(unreadableFactors.contains(factors.get(effect)),
                    confoundedPairs.contains(factors.get(cause) + " -> " + factors.get(effect)),
                    withoutOwnIntervention.contains(factors.get(cause)));
        }

        /** Every off-diagonal factor pair's entry, row by row. */
        public List<ImpliedEffectEvidence.Entry> pairEntries() {
            List<ImpliedEffectEvidence.Entry> entries = new ArrayList<>();
            int factors = factorEvidence.factors().size();
            for (int k = 0; k < factors; k++) {
                for (int l = 0; l < factors; l++) {
                    if (k != l) {
                        entries.add(entry(k, l));
                    }
                }
            }
            return entries;
        }

        /** Mean CES over active latents (our definition, see {@link ModelReport}). */
        public double modelCes() {
            return report.modelCes().value();
        }

        /** The paper's "disentanglement score": MIG under our definition. */
        public double disentanglementScore() {
            return disentanglement.get("MIG").score();
        }

        /** All results as one JSON document. */
        public String toJson() {
            JsonWriter json = new JsonWriter().beginObject()
                    .member("format", "vaescope-analysis")
                    .member("version", 1)
                    .member("seed", settings.seed());
            json.name("report").rawValue(report.toJson());
            writeFactorValues(json.name("readout_accuracy"), readoutAccuracies);
            writeFactorValues(json.name("readout_accuracy_on_reconstructions"), reconstructionAccuracies);
            writeFactorValues(json.name("readout_chance_accuracy"), chanceAccuracies);
            writeStrings(json.name("confounded_factor_pairs"), confoundedPairs);
            writeEffectMatrix(json.name("factor_effect_matrix"), factorEffects);
            writeStrings(json.name("unreadable_factors"), unreadableFactors);
            writeMatrix(json.name("readout_crosstalk"), readoutCrosstalk);
            writeStrings(json.name("factors_without_own_intervention"), withoutOwnIntervention);
            writeMatrix(json.name("factor_effect_evidence"), factorEvidence.effect());
            writeMatrix(json.name("factor_effect_evidence_lower"),
                    factorEvidence.lowerBounds(FactorGraphAnalysis.EDGE_CONFIDENCE));
            json.member("model_ces_after_quantiser", cesAfterQuantiser);
            json.name("disentanglement").rawValue(disentanglement.toJson());
            json.name("circuit_graph").rawValue(circuitGraph.toJson());
            return json.endObject().toJson();
        }

        private static void writeFactorValues(JsonWriter json, Map<String, Double> values) {
            json.beginObject();
            values.forEach((factor, value) -> json.member(factor, value.doubleValue()));
            json.endObject();
        }

        private static void writeStrings(JsonWriter json, List<String> values) {
            json.beginArray();
            values.forEach(json::value);
            json.endArray();
        }

        /** The raw M (before confounded and unreadable entries are set aside) with each factor's carriers. */
        private static void writeEffectMatrix(JsonWriter json, FactorEffectMatrix effects) {
            json.beginObject().name("carriers").beginArray();
            for (int[] carriers : effects.carriers()) {
                json.beginArray();
                for (int latent : carriers) {
                    json.value(latent);
                }
                json.endArray();
            }
            json.endArray();
            writeMatrix(json.name("m"), effects.effect());
            json.endObject();
        }

        private static void writeMatrix(JsonWriter json, double[][] matrix) {
            json.beginArray();
            for (double[] row : matrix) {
                json.beginArray();
                for (double value : row) {
                    json.value(value);
                }
                json.endArray();
            }
            json.endArray();
        }
    }

    private static final String[] STEPS = {"read-outs", "input manipulation", "latent perturbation",
        "factor interventions", "disentanglement metrics", "circuits, their checks and edges"};

    /** Dataset pairs per factor behind the read-outs' crosstalk (two reconstructions each: cheap). */
    private static final int CROSSTALK_PAIRS = 200;

    /** Keeps the crosstalk's pairs independent of every other sample drawn from the analysis seed. */
    private static final long CROSSTALK_SEED = 0xc7057a1L;

    /** Mixed into the seed of the images whose reconstructions test the read-outs. */
    private static final long RECONSTRUCTION_SEED = 0x5eed;

    /**
     * Input pairs per factor for the circuit search, its ablation check (other pairs) and the
     * circuits' patching edges (one patched run per circuit unit).
     */
    private static final int CIRCUIT_PAIRS = 32;
    /** Mixed into the seed of the repeated circuit searches, so they share no pairs with the first. */
    private static final long MODULARITY_REPEAT_SEED = 0x6d6f64756c6172L;

    /**
     * Samples behind the MIG, at least disentanglement_lib's 10,000 whatever the other metrics use:
     * the plug-in mutual information of 20 code bins with a factor of c classes is biased upward by
     * about 19 (c − 1) / (2N) nats, 0.6 nats for posX at N = 500, which drowns the gap it measures.
     * Encoding 10,000 images costs seconds.
     */
    static final int MIG_SAMPLES = 10_000;

    private static final int MIG_BINS = 20;

    /** Images encoded per call for the metrics: large batches amortise ND4J's per-call cost. */
    private static final int ENCODE_BATCH = 1024;

    private ModelAnalysis() {
    }

    /** Runs the analysis; cancels with a {@link java.util.concurrent.CancellationException}. */
    public static Result run(HookedVae model, FactorDataset dataset, Settings settings, ProgressMonitor monitor) {
        Nd4jRuntime.ensureStarted();
        ProgressMonitor progress = ProgressMonitor.orNone(monitor);
        int step = 0;
        progress.worked(step++, STEPS.length, STEPS[0]);
        FactorReadouts readouts = FactorReadouts.train(dataset, settings.readouts(), progress);

        progress.worked(step++, STEPS.length, STEPS[1]);
        UnitResponses units = InputManipulation.respond(model, dataset, analysedHooks(model, settings.hooks()),
                settings.pairsPerFactor(), settings.seed(), settings.batchSize(), nested(progress));

        progress.worked(step++, STEPS.length, STEPS[2]);
        LatentPerturbation perturbation = LatentPerturbation.forVae(model);
        INDArray inputs = latentInputs(dataset, settings);
        LatentEffects latents = perturbation.effects(inputs, LatentPerturbation.DEFAULT_DELTAS, readouts,
                settings.seed(), nested(progress));

        progress.worked(step++, STEPS.length, STEPS[3]);
        FactorEffectMatrix factorEffects = FactorInterventions.impliedEffects(perturbation,
                interventionInputs(dataset, settings), readouts, latents, settings.carriersPerFactor(),
                LatentPerturbation.DEFAULT_DELTAS, interventionSeed(settings), nested(progress));

        progress.worked(step++, STEPS.length, STEPS[4]);
        DisentanglementSuite.Result disentanglement = DisentanglementSuite.run(
                new ModelRepresentation(model, dataset, ENCODE_BATCH),
                DisentanglementSuite.Config.withSampleCounts(settings.metricTrain(), settings.metricTest())
                        .withMig(new Mig.Config(Math.max(settings.metricTrain(), MIG_SAMPLES), MIG_BINS)),
                settings.seed());

        progress.checkCanceled("the report");
        progress.worked(step, STEPS.length, STEPS[5]);
        UnitEffects unitEffects = units.unitEffects();
        double[] reconstructed = perturbation.readoutAccuracyOnReconstructions(dataset, readouts,
                settings.readouts().testSamples(), settings.seed() ^ RECONSTRUCTION_SEED);
        boolean[] unreadable = ImpliedEffectEvidence.unreadable(reconstructed,
                perReadoutArray(readouts, readouts::chanceAccuracy));
        boolean[][] confounded = ImpliedEffectEvidence.confounded(factorEffects, latents, settings.thresholds());
        boolean[] withoutIntervention = ImpliedEffectEvidence.withoutOwnIntervention(factorEffects, latents,
                unreadable, settings.thresholds().factorEdgeThreshold());
        double[][] crosstalk = FactorInterventions.readoutCrosstalk(perturbation, dataset, readouts,
                Math.max(CROSSTALK_PAIRS, settings.pairsPerFactor()), settings.seed() ^ CROSSTALK_SEED,
                nested(progress));
        FactorEffectMatrix implied = ImpliedEffectEvidence.evidence(factorEffects, confounded, unreadable,
                withoutIntervention, crosstalk);
        SplittableRandom circuitSeeds = new SplittableRandom(settings.seed() + 1);
        List<Pairs> searchPairs = circuitPairs(dataset, units.factors(), settings, circuitSeeds.nextLong());
        List<Pairs> checkPairs = circuitPairs(dataset, units.factors(), settings, circuitSeeds.nextLong());
        FactorCircuits circuits = CircuitDiscovery.find(model, units.hooks(), searchPairs, checkPairs, units.factors(),
                settings.thresholds(), circuitSeeds.nextLong(), nested(progress));
        circuits = withRepeatedSearches(circuits, model, dataset, units, settings, progress);
        ModelReport report = ModelReport.compute(latents, unitEffects, circuits, implied,
                dataset.trueGraph().orElse(null), settings.thresholds(), settings.bootstrap());
        // measured on the check's pairs: the circuits' units were chosen on the search's
        PatchEffects circuitEdges = CircuitPatching.edges(model, circuits.circuits(), checkPairs, settings.seed(),
                nested(progress));
        CircuitGraph graph = new CircuitGraphBuilder(unitEffects, circuits.circuits(), settings.thresholds())
                .patchEffects(circuitEdges).latentEffects(latents).factorEffects(implied).build();
        progress.worked(STEPS.length, STEPS.length, "done");
        return new Result(report, disentanglement, units, latents, factorEffects,
                readouts.summary(), perReadout(readouts, readouts::accuracy), perReadout(readouts, k -> reconstructed[k]),
                perReadout(readouts, readouts::chanceAccuracy),
                ImpliedEffectEvidence.confoundedPairs(factorEffects.factors(), confounded),
                ImpliedEffectEvidence.named(readouts.factorNames(), unreadable), crosstalk,
                ImpliedEffectEvidence.named(readouts.factorNames(), withoutIntervention), implied,
                cesAfterQuantiser(model, inputs, settings), graph, settings);
    }

    /**
     * The hook points analysed: the given ones, or by default every hook point but the input, the
     * output and the bottleneck's copies — {@code latent.z} (μ itself in a deterministic run, or the
     * quantised μ) and {@code latent.logvar} (not on the path a deterministic run decodes); name
     * them to analyse them.
     */
    static List<String> analysedHooks(HookedVae model, List<String> hooks) {
        if (!hooks.isEmpty()) {
            return hooks;
        }
        Set<String> optIn = Set.of(model.inputHook(), model.outputHook(), VaeHooks.LATENT_Z, VaeHooks.LATENT_LOGVAR);
        return model.hookPoints().stream().map(HookPoint::name).filter(h -> !optIn.contains(h)).toList();
    }

    private static double[] perReadoutArray(FactorReadouts readouts, IntToDoubleFunction value) {
        return java.util.stream.IntStream.range(0, readouts.factorCount()).mapToDouble(value).toArray();
    }

    private static Map<String, Double> perReadout(FactorReadouts readouts, IntToDoubleFunction value) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (int k = 0; k < readouts.factorCount(); k++) {
            values.put(readouts.factorNames().get(k), value.applyAsDouble(k));
        }
        return values;
    }

    /** The VQ-VAE's second CES figure, with codes fed after the quantiser; NaN for a Gaussian VAE. */
    private static double cesAfterQuantiser(HookedVae model, INDArray inputs, Settings settings) {
        if (!LatentPerturbation.quantised(model)) {
            return Double.NaN;
        }
        double[] output = LatentPerturbation.afterQuantiser(model).effects(inputs, LatentPerturbation.DEFAULT_DELTAS,
                null, settings.seed(), null).outputEffect();
        return Arrays.stream(output).average().orElse(Double.NaN);
    }

    /**
     * The circuits with {@link Settings#modularityRepeats} more searches on pair sets of their own
     * (seeded apart from the first), whose modularity values give the first one's interval. A repeat
     * whose modularity is undefined is left out, as an undefined bootstrap replicate is; with fewer
     * than two defined ones there is no interval.
     */
    private static FactorCircuits withRepeatedSearches(FactorCircuits circuits, HookedVae model,
            FactorDataset dataset, UnitResponses units, Settings settings, ProgressMonitor progress) {
        if (settings.modularityRepeats() == 0 || !Double.isFinite(circuits.modularity().value())) {
            return circuits;
        }
        long repeatSeed = settings.seed() ^ MODULARITY_REPEAT_SEED;
        SplittableRandom seeds = new SplittableRandom(repeatSeed);
        double[] modularity = new double[settings.modularityRepeats()];
        for (int r = 0; r < modularity.length; r++) {
            progress.checkCanceled("circuit search " + (r + 2) + " of " + (modularity.length + 1));
            FactorCircuits again = CircuitDiscovery.find(model, units.hooks(),
                    circuitPairs(dataset, units.factors(), settings, seeds.nextLong()),
                    circuitPairs(dataset, units.factors(), settings, seeds.nextLong()), units.factors(),
                    settings.thresholds(), seeds.nextLong(), nested(progress));
            modularity[r] = again.modularity().value();
        }
        double[] defined = Arrays.stream(modularity).filter(Double::isFinite).toArray();
        return defined.length < 2 ? circuits : circuits.withRepeats(
                new FactorCircuits.Repeats(defined, settings.bootstrap().confidence(), repeatSeed));
    }

    /** Pairs differing in one factor each, for the circuits and their edges (at most 32 per factor). */
    /** The inputs the latent effects (and so the carriers) are measured on. */
    static INDArray latentInputs(FactorDataset dataset, Settings settings) {
        return LatentPerturbation.sample(dataset, settings.latentSamples(), settings.seed());
    }

    /** The inputs M is estimated on: drawn with a seed of their own, so not those the carriers were chosen on. */
    static INDArray interventionInputs(FactorDataset dataset, Settings settings) {
        return LatentPerturbation.sample(dataset, settings.latentSamples(), interventionSeed(settings));
    }

    private static long interventionSeed(Settings settings) {
        return new SplittableRandom(settings.seed()).split().nextLong();
    }

    private static List<Pairs> circuitPairs(FactorDataset dataset, List<String> factors, Settings settings, long seed) {
        SplittableRandom seeds = new SplittableRandom(seed);
        List<Pairs> pairs = new ArrayList<>();
        for (String factor : factors) {
            pairs.add(Pairs.differingIn(dataset, dataset.factorIndex(factor),
                    Math.min(CIRCUIT_PAIRS, settings.pairsPerFactor()), seeds.nextLong()));
        }
        return pairs;
    }

    private static ProgressMonitor nested(ProgressMonitor outer) {
        return new ProgressMonitor() {
            @Override
            public void worked(int done, int total, String what) {
                // the outer monitor counts whole steps; sub-steps only need to be cancellable
            }

            @Override
            public boolean isCanceled() {
                return outer.isCanceled();
            }
        };
    }
}
