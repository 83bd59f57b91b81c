package org.vaescope.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vaescope.core.analysis.Estimate;
import org.vaescope.core.analysis.UnitClassification;
import org.vaescope.core.data.CausalShapesDataset;
import org.vaescope.core.data.FactorGraph;
import org.vaescope.core.analysis.DeadUnits;
import org.vaescope.core.analysis.FactorGraphAnalysis;
import org.vaescope.core.analysis.ImpliedEffectEvidence;
import org.vaescope.core.progress.ProgressMonitor;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.Likelihood;
import org.vaescope.core.vae.Variant;
import org.vaescope.core.vae.VariantConfig;
import org.vaescope.core.vae.VaeHooks;
import org.vaescope.core.vae.VaeModel;

/** The whole analysis on a small untrained VAE: every part present, consistent and deterministic. */
class ModelAnalysisTest {

    private static final CausalShapesDataset DATA = new CausalShapesDataset(16, 0.8);
    private static VaeModel model;
    private static ModelAnalysis.Result result;

    @BeforeAll
    static void analyse() {
        model = VaeModel.create(Architecture.mlp(1, 16, 16, 4, 32, 16), VariantConfig.of(Variant.VAE),
                Likelihood.BERNOULLI, 3);
        result = ModelAnalysis.run(model, DATA, ModelAnalysis.Settings.quick(5), null);
    }

    @Test
    void theDefaultHooksLeaveOutTheInputOutputAndTheBottlenecksCopiesAndEveryUnitIsClassified() {
        assertEquals(List.of("encoder.fc1", "encoder.fc2", VaeHooks.LATENT_MU, "decoder.fc1", "decoder.fc2"),
                result.units().hooks(), "z copies μ in a deterministic run; log σ² and the output are opt-in");
        assertEquals(List.of(VaeHooks.LATENT_LOGVAR), ModelAnalysis.analysedHooks(model,
                List.of(VaeHooks.LATENT_LOGVAR)), "named hook points are analysed as named");
        for (UnitClassification.HookUnitCounts counts : result.report().unitCounts()) {
            int units = model.hookPoint(counts.hook()).units();
            double classified = counts.dead().value() + counts.monosemantic().value() + counts.polysemantic().value();
            assertEquals(units, classified, 1e-9, counts.hook());
        }
    }

    @Test
    void reportAgreesWithTheInterventionResults() {
        assertEquals(DATA.factors().size(), result.units().factors().size());
        assertEquals(model.latentSize(), result.latents().kl().length);
        double meanO = 0;
        int active = 0;
        double[] o = result.latents().outputEffect();
        for (int i = 0; i < o.length; i++) {
            if (result.latents().kl()[i] > 0.01) {
                meanO += o[i];
                active++;
            }
        }
        assertEquals(meanO / active, result.modelCes(), 1e-9, "model CES is the mean O over active latents");
        assertTrue(result.report().modelCes().hasInterval(), "CES carries a bootstrap interval");
        assertNotNull(result.report().factorGraphComparison(), "the causal dataset has a true graph to compare with");
        double mig = result.disentanglementScore();
        assertTrue(mig >= 0 && mig <= 1, "MIG in [0, 1]: " + mig);
    }

    /** At the quick settings' 200 samples the plug-in MI's upward bias would drown the gap MIG measures. */
    @Test
    void theMigUsesDisentanglementLibsTenThousandSamplesWhateverTheOtherMetricsUse() {
        var mig = (org.vaescope.metrics.Mig.Result) result.disentanglement().get("MIG");
        assertEquals(10_000, mig.numSamples());
        assertEquals(200, ModelAnalysis.Settings.quick(5).metricTrain());
    }

    @Test
    void sameSeedGivesTheSameJson() {
        ModelAnalysis.Result again = ModelAnalysis.run(model, DATA, ModelAnalysis.Settings.quick(5), null);
        assertEquals(result.toJson(), again.toJson());
        assertArrayEquals(result.latents().kl(), again.latents().kl());
        assertTrue(result.toJson().startsWith("{\"format\":\"vaescope-analysis\",\"version\":1,"));
    }

    @Test
    void deadUnitsHaveNoResponse() {
        var effects = result.units().unitEffects();
        for (String hook : result.units().hooks()) {
            boolean[] dead = DeadUnits.bySpread(result.units().unitStd(hook));
            int h = effects.hookIndex(hook);
            for (int u = 0; u < dead.length; u++) {
                for (int k = 0; dead[u] && k < effects.factorCount(); k++) {
                    assertEquals(0, effects.response(h, u, k), hook + " unit " + u);
                }
            }
        }
    }

    @Test
    void unreadableFactorsAndConfoundedPairsAreListedAndNoEdge() {
        for (String factor : result.unreadableFactors()) {
            double accuracy = result.reconstructionAccuracies().get(factor);
            double chance = result.chanceAccuracies().get(factor);
            assertTrue((accuracy - chance) / (1 - chance) < ImpliedEffectEvidence.READABLE_FLOOR, factor);
        }
        for (String pair : result.confoundedPairs()) {
            assertTrue(result.report().impliedFactorGraph().edges().stream()
                    .noneMatch(e -> pair.equals(e.cause() + " -> " + e.effect())), pair + " is no edge");
        }
        assertTrue(result.toJson().contains("\"confounded_factor_pairs\":["));
    }

    @Test
    void edgesAreDrawnOnlyFromFactorsWithAnInterventionAndBeyondTheReadOutsCrosstalk() {
        List<String> factors = result.factorEvidence().factors();
        double[][] crosstalk = result.readoutCrosstalk();
        for (int k = 0; k < factors.size(); k++) {
            assertTrue(crosstalk[k][k] == 1 || crosstalk[k][k] == 0, "ρ[k,k] is 1 unless k's read-out never moved");
            for (int l = 0; l < factors.size(); l++) {
                assertTrue(crosstalk[k][l] >= 0, "crosstalk is a ratio of distances");
                if (k != l && !result.withoutOwnIntervention().contains(factors.get(k))
                        && !result.unreadableFactors().contains(factors.get(l))
                        && !result.confoundedPairs().contains(factors.get(k) + " -> " + factors.get(l))) {
                    assertEquals(result.factorEffects().effect(k, l)
                            - crosstalk[k][l] * result.factorEffects().effect(k, k),
                            result.factorEvidence().effect(k, l), 1e-9, factors.get(k) + " -> " + factors.get(l));
                }
            }
        }
        double threshold = result.settings().thresholds().factorEdgeThreshold();
        for (var edge : result.report().impliedFactorGraph().edges()) {
            assertTrue(!result.withoutOwnIntervention().contains(edge.cause()), edge + " leaves a factor nobody moved");
        }
        double[][] lowerBounds = result.factorEvidence().lowerBounds(FactorGraphAnalysis.EDGE_CONFIDENCE);
        for (int k = 0; k < factors.size(); k++) {
            for (int l = 0; l < factors.size(); l++) {
                double lower = lowerBounds[k][l];
                assertTrue(lower <= result.factorEvidence().effect(k, l) + 1e-12);
                boolean drawn = result.report().impliedFactorGraph().edges()
                        .contains(new FactorGraph.Edge(factors.get(k), factors.get(l)));
                assertEquals(k != l && lower > threshold, drawn, factors.get(k) + " -> " + factors.get(l));
            }
        }
        String json = result.toJson();
        assertTrue(json.contains("\"readout_crosstalk\":[["), "the crosstalk is in the analysis file");
        assertTrue(json.contains("\"factors_without_own_intervention\":["));
        assertTrue(json.contains("\"factor_effect_evidence\":[["));
        assertTrue(json.contains("\"factor_effect_evidence_lower\":[["));
    }

    @Test
    void readOutAccuracyOnReconstructionsIsReportedBesideChance() {
        assertEquals(result.readoutAccuracies().keySet(), result.reconstructionAccuracies().keySet());
        assertEquals(1.0 / 3, result.chanceAccuracies().get("shape"), 1e-12);
        assertEquals(1.0 / 8, result.chanceAccuracies().get("posX"), 1e-12);
        for (double accuracy : result.reconstructionAccuracies().values()) {
            assertTrue(accuracy >= 0 && accuracy <= 1, "accuracy " + accuracy);
        }
        assertTrue(result.toJson().contains("\"readout_accuracy_on_reconstructions\":{\"shape\":"));
        assertTrue(Double.isNaN(result.cesAfterQuantiser()), "a Gaussian VAE has no quantiser");
    }

    @Test
    void factorGraphComparisonCarriesBootstrapIntervals() {
        assertTrue(result.report().factorGraphComparison().precision().hasInterval()
                || Double.isNaN(result.report().factorGraphComparison().precision().value()));
        assertTrue(result.report().factorGraphComparison().recall().hasInterval());
    }

    /** Sample splitting: M is estimated on other inputs than the latent effects that chose its carriers. */
    @Test
    void theFactorInterventionsRunOnOtherInputsThanTheCarriersWereChosenOn() {
        ModelAnalysis.Settings settings = ModelAnalysis.Settings.quick(5);
        org.nd4j.linalg.api.ndarray.INDArray chosenOn = ModelAnalysis.latentInputs(DATA, settings);
        org.nd4j.linalg.api.ndarray.INDArray estimatedOn = ModelAnalysis.interventionInputs(DATA, settings);
        assertEquals(chosenOn.size(0), estimatedOn.size(0));
        for (long i = 0; i < chosenOn.size(0); i++) {
            assertFalse(chosenOn.slice(i).equals(estimatedOn.slice(i)), "input " + i + " is shared");
        }
        assertTrue(ModelAnalysis.interventionInputs(DATA, settings).equals(estimatedOn), "the same seed, the same inputs");
    }

    @Test
    void theUnitTableNamesBothRulesThatMakeAUnitDead() {
        assertTrue(result.reportText().contains("dead: responses summing to < 0.01, or a spread at most 0.001 of the"
                + " hook point's largest"), result.reportText());
    }

    @Test
    void theReportTextGivesEveryReadOutsAccuracyOnImagesAndOnReconstructions() {
        String text = result.reportText();
        assertTrue(text.contains("read-outs (accuracy on held-out images and on the model's reconstructions"), text);
        result.readoutAccuracies().forEach((factor, accuracy) -> {
            String row = String.format(java.util.Locale.ROOT, "%-14s %8.3f %16.3f %8.3f", factor, accuracy,
                    result.reconstructionAccuracies().get(factor), result.chanceAccuracies().get(factor));
            assertTrue(text.contains(row), "no row '" + row + "' in\n" + text);
        });
        result.unreadableFactors().forEach(factor -> assertTrue(text.lines().anyMatch(line -> line.startsWith(factor)
                && line.endsWith("unreadable")), factor + " is unreadable:\n" + text));
    }

    /**
     * Two more circuit searches on pairs of their own give modularity an interval; the first search
     * and everything else stay as they were.
     */
    @Test
    void repeatedCircuitSearchesGiveModularityAnInterval() {
        ModelAnalysis.Result repeated = ModelAnalysis.run(model, DATA,
                ModelAnalysis.Settings.quick(5).withModularityRepeats(2), null);
        Estimate modularity = repeated.report().circuitModularity();
        assertEquals(result.report().circuitModularity().value(), modularity.value());
        assertTrue(modularity.hasInterval() && modularity.bootstrapReplicates() == 2, modularity.toString());
        assertEquals(result.report().modelCes(), repeated.report().modelCes());
        assertTrue(repeated.reportText().contains("over 2 further circuit searches"), repeated.reportText());
        assertThrows(IllegalArgumentException.class, () -> ModelAnalysis.Settings.quick(5).withModularityRepeats(1));
    }

    @Test
    void cancellingStopsTheAnalysis() {
        ProgressMonitor cancelled = new ProgressMonitor() {
            @Override
            public void worked(int done, int total, String what) {
            }

            @Override
            public boolean isCanceled() {
                return true;
            }
        };
        assertThrows(CancellationException.class,
                () -> ModelAnalysis.run(model, DATA, ModelAnalysis.Settings.quick(5), cancelled));
    }
}
