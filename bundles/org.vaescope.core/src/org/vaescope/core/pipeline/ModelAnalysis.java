package org.vaescope.core.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.analysis.AnalysisSettings;
import org.vaescope.core.analysis.BootstrapSettings;
import org.vaescope.core.analysis.CircuitGraph;
import org.vaescope.core.analysis.CircuitGraphBuilder;
import org.vaescope.core.analysis.FactorEffectMatrix;
import org.vaescope.core.analysis.LatentEffects;
import org.vaescope.core.analysis.Circuits;
import org.vaescope.core.analysis.ModelReport;
import org.vaescope.core.analysis.PatchEffects;
import org.vaescope.core.analysis.UnitEffects;
import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.internal.analysis.JsonWriter;
import org.vaescope.core.interventions.CircuitPatching;
import org.vaescope.core.interventions.FactorInterventions;
import org.vaescope.core.interventions.InputManipulation;
import org.vaescope.core.interventions.LatentPerturbation;
import org.vaescope.core.interventions.Pairs;
import org.vaescope.core.progress.ProgressMonitor;
import org.vaescope.core.interventions.UnitResponses;
import org.vaescope.metrics.DisentanglementSuite;
import org.vaescope.core.readout.FactorReadouts;
import org.vaescope.core.readout.ReadoutSettings;
import org.vaescope.core.runtime.Nd4jRuntime;
import org.vaescope.core.vae.VaeModel;
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
     */
    public record Settings(int pairsPerFactor, int latentSamples, int carriersPerFactor, int metricTrain,
            int metricTest, List<String> hooks, ReadoutSettings readouts, AnalysisSettings thresholds,
            BootstrapSettings bootstrap, int batchSize, long seed) {

        public Settings {
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
                    AnalysisSettings.defaults(), BootstrapSettings.defaults(seed), 64, seed);
        }

        /** Small sample counts for tests and previews. */
        public static Settings quick(long seed) {
            return new Settings(40, 40, 1, 200, 100, List.of(), ReadoutSettings.defaults(seed).withSamples(1_000, 300),
                    AnalysisSettings.defaults(), new BootstrapSettings(50, 0.95, seed), 40, seed);
        }

        private static void requirePositive(String what, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(what + " must be at least 1, got " + value);
            }
        }
    }

    /** Everything one analysis produced. */
    public record Result(ModelReport report, DisentanglementSuite.Result disentanglement, UnitResponses units,
            LatentEffects latents, FactorEffectMatrix factorEffects, String readoutSummary,
            Map<String, Double> readoutAccuracies, CircuitGraph circuitGraph, Settings settings) {

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
            json.name("readout_accuracy").beginObject();
            readoutAccuracies.forEach((factor, accuracy) -> json.member(factor, accuracy.doubleValue()));
            json.endObject();
            json.name("disentanglement").rawValue(disentanglement.toJson());
            json.name("circuit_graph").rawValue(circuitGraph.toJson());
            return json.endObject().toJson();
        }
    }

    private static final String[] STEPS = {"read-outs", "input manipulation", "latent perturbation",
        "factor interventions", "disentanglement metrics", "report and circuit edges"};

    /** Input pairs per factor for the circuits' patching edges: one patched run per circuit unit. */
    private static final int CIRCUIT_PAIRS = 32;

    /** Images encoded per call for the metrics: large batches amortise ND4J's per-call cost. */
    private static final int ENCODE_BATCH = 1024;

    private ModelAnalysis() {
    }

    /** Runs the analysis; cancels with a {@link java.util.concurrent.CancellationException}. */
    public static Result run(VaeModel model, FactorDataset dataset, Settings settings, ProgressMonitor monitor) {
        Nd4jRuntime.ensureStarted();
        ProgressMonitor progress = ProgressMonitor.orNone(monitor);
        int step = 0;
        progress.worked(step++, STEPS.length, STEPS[0]);
        FactorReadouts readouts = FactorReadouts.train(dataset, settings.readouts(), progress);

        progress.worked(step++, STEPS.length, STEPS[1]);
        UnitResponses units = InputManipulation.respond(model, dataset, settings.hooks(), settings.pairsPerFactor(),
                settings.seed(), settings.batchSize(), nested(progress));

        progress.worked(step++, STEPS.length, STEPS[2]);
        LatentPerturbation perturbation = LatentPerturbation.forVae(model);
        INDArray inputs = LatentPerturbation.sample(dataset, settings.latentSamples(), settings.seed());
        LatentEffects latents = perturbation.effects(inputs, LatentPerturbation.DEFAULT_DELTAS, readouts,
                settings.seed(), nested(progress));

        progress.worked(step++, STEPS.length, STEPS[3]);
        FactorEffectMatrix factorEffects = FactorInterventions.impliedEffects(perturbation, inputs, readouts, latents,
                settings.carriersPerFactor(), LatentPerturbation.DEFAULT_DELTAS, settings.seed(), nested(progress));

        progress.worked(step++, STEPS.length, STEPS[4]);
        DisentanglementSuite.Result disentanglement = DisentanglementSuite.run(
                new ModelRepresentation(model, dataset, ENCODE_BATCH),
                DisentanglementSuite.Config.withSampleCounts(settings.metricTrain(), settings.metricTest()),
                settings.seed());

        progress.checkCanceled("the report");
        progress.worked(step, STEPS.length, STEPS[5]);
        UnitEffects unitEffects = toUnitEffects(units);
        ModelReport report = ModelReport.compute(latents, unitEffects, factorEffects, dataset.trueGraph().orElse(null),
                settings.thresholds(), settings.bootstrap());
        PatchEffects circuitEdges = CircuitPatching.edges(model, Circuits.find(unitEffects, settings.thresholds()),
                circuitPairs(dataset, units.factors(), settings), settings.seed(), nested(progress));
        CircuitGraph graph = new CircuitGraphBuilder(unitEffects, settings.thresholds()).patchEffects(circuitEdges)
                .latentEffects(latents).factorEffects(factorEffects).build();
        progress.worked(STEPS.length, STEPS.length, "done");
        return new Result(report, disentanglement, units, latents, factorEffects, readouts.summary(), accuracies(readouts), graph, settings);
    }

    private static Map<String, Double> accuracies(FactorReadouts readouts) {
        Map<String, Double> accuracy = new LinkedHashMap<>();
        for (int k = 0; k < readouts.factorCount(); k++) {
            accuracy.put(readouts.factorNames().get(k), readouts.accuracy(k));
        }
        return accuracy;
    }

    /** Pairs differing in one factor each, for the edges of the circuits (at most 32 per factor). */
    private static List<Pairs> circuitPairs(FactorDataset dataset, List<String> factors, Settings settings) {
        SplittableRandom seeds = new SplittableRandom(settings.seed() + 1);
        List<Pairs> pairs = new ArrayList<>();
        for (String factor : factors) {
            pairs.add(Pairs.differingIn(dataset, dataset.factorIndex(factor),
                    Math.min(CIRCUIT_PAIRS, settings.pairsPerFactor()), seeds.nextLong()));
        }
        return pairs;
    }

    static UnitEffects toUnitEffects(UnitResponses units) {
        List<double[][][]> terms = new ArrayList<>();
        for (String hook : units.hooks()) {
            terms.add(units.pairTerms(hook));
        }
        return UnitEffects.fromPairTerms(units.hooks(), units.factors(), terms, units.seed());
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
