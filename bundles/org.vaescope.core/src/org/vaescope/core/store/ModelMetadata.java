package org.vaescope.core.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.Likelihood;
import org.vaescope.core.vae.VariantConfig;

/**
 * What a saved model says about itself besides its weights.
 *
 * @param formatVersion  version of the {@code .vsm} format the file was written in
 * @param variant        objective and hyperparameters
 * @param architecture   encoder/decoder pair, image shape and latent size
 * @param likelihood     reconstruction term used in training
 * @param datasetName    name of the training dataset
 * @param factorNames    the dataset's factor names, in order
 * @param trainingSteps  optimisation steps done
 * @param seed           training seed
 * @param batchSize      training batch size
 * @param learningRate   Adam learning rate
 * @param finalLosses    loss terms averaged over the last progress window
 */
public record ModelMetadata(int formatVersion, VariantConfig variant, Architecture architecture,
        Likelihood likelihood, String datasetName, List<String> factorNames, long trainingSteps, long seed,
        int batchSize, double learningRate, Map<String, Double> finalLosses) {

    public ModelMetadata {
        factorNames = List.copyOf(factorNames);
        finalLosses = Collections.unmodifiableMap(new LinkedHashMap<>(finalLosses));
    }

    /** Metadata in the current format version. */
    public static ModelMetadata of(VariantConfig variant, Architecture architecture, Likelihood likelihood,
            String datasetName, List<String> factorNames, long trainingSteps, long seed, int batchSize,
            double learningRate, Map<String, Double> finalLosses) {
        return new ModelMetadata(ModelFile.FORMAT_VERSION, variant, architecture, likelihood, datasetName,
                factorNames, trainingSteps, seed, batchSize, learningRate, finalLosses);
    }

    /** Image shape channels × height × width. */
    public int[] imageShape() {
        return architecture.imageShape();
    }

    public int latentSize() {
        return architecture.latentSize();
    }
}
