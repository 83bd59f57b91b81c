package org.vaescope.ui.internal.analysis;

import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.QualifiedName;
import org.vaescope.core.pipeline.ModelAnalysis;
import org.vaescope.core.data.Datasets;
import org.vaescope.core.imports.VaeFiles;
import org.vaescope.core.settings.EngineSettings;
import org.vaescope.ui.VaescopeUi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the user chose in the "Analyse with VAEScope…" dialog. Remembered per model file as a
 * persistent resource property.
 *
 * @param dataset a dataset specification: {@code NAME[:key=value,...]} or {@code FORMAT@PATH}
 * @param hooks hook points to analyse; empty for all
 * @param modularityRepeats further circuit searches for circuit modularity's interval; 0 for none
 *        ({@link ModelAnalysis.Settings#modularityRepeats})
 */
public record AnalysisRequest(String dataset, int pairsPerFactor, int latentSamples, int metricTrain, int metricTest,
        long seed, List<String> hooks, int modularityRepeats) {

    /** A request without repeated circuit searches. */
    public AnalysisRequest(String dataset, int pairsPerFactor, int latentSamples, int metricTrain, int metricTest,
            long seed, List<String> hooks) {
        this(dataset, pairsPerFactor, latentSamples, metricTrain, metricTest, seed, hooks, 0);
    }

    private static final QualifiedName PROPERTY = new QualifiedName(VaescopeUi.PLUGIN_ID, "analysisRequest");
    private static final ObjectMapper JSON = new ObjectMapper();

    public AnalysisRequest {
        hooks = List.copyOf(hooks);
    }

    /**
     * The preferences' sample counts and seed on the model's training dataset (dSprites for an imported
     * model that does not name one) at the model's image size.
     */
    public static AnalysisRequest defaults(VaeFiles.Loaded model, EngineSettings preferences) {
        String dataset = model.trainingDataset().orElse(Datasets.GENERATORS.get(0));
        return new AnalysisRequest(dataset + ":size=" + model.model().imageShape()[1],
                preferences.pairsPerFactor(), preferences.latentSamples(), preferences.metricTrain(),
                preferences.metricTest(), preferences.seed(), List.of());
    }

    /** The engine settings: the quick defaults with this request's sample counts, seed, hooks and repeats. */
    public ModelAnalysis.Settings settings() {
        ModelAnalysis.Settings quick = ModelAnalysis.Settings.quick(seed);
        return new ModelAnalysis.Settings(pairsPerFactor, latentSamples, quick.carriersPerFactor(), metricTrain,
                metricTest, hooks, quick.readouts(), quick.thresholds(), quick.bootstrap(), quick.batchSize(), seed,
                modularityRepeats);
    }

    /** The request last used on this model, or null. */
    public static AnalysisRequest remembered(IFile model) {
        try {
            String text = model.getPersistentProperty(PROPERTY);
            return text == null ? null : JSON.readValue(text, AnalysisRequest.class);
        } catch (CoreException | JsonProcessingException e) {
            return null;
        }
    }

    /** Remembers this request for the model. */
    public void remember(IFile model) throws CoreException {
        try {
            model.setPersistentProperty(PROPERTY, JSON.writeValueAsString(this));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an analysis request is always writable", e);
        }
    }
}
