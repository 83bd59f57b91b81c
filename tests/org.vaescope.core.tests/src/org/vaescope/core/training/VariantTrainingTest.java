package org.vaescope.core.training;

import org.vaescope.core.progress.ProgressMonitor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.TinyBarsDataset;
import org.vaescope.core.vae.Variant;
import org.vaescope.core.vae.VariantConfig;

/** Every variant trains on a tiny dataset and its loss falls. */
class VariantTrainingTest {

    static final int STEPS = 60;

    static VariantConfig smallConfig(Variant variant) {
        VariantConfig config = VariantConfig.of(variant);
        if (variant == Variant.FACTOR_VAE) {
            config = config.with("discriminatorLayers", 2).with("discriminatorUnits", 32)
                    .with("discriminatorLearningRate", 1e-3);
        }
        if (variant == Variant.VQ_VAE) {
            config = config.with("codebookSize", 16);
        }
        return config;
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void lossFalls(Variant variant) {
        TrainingConfig config = TrainingConfig.builder(smallConfig(variant))
                .architecture(Architecture.mlp(1, 16, 16, 4, 64, 32)).steps(STEPS).batchSize(32).learningRate(2e-3)
                .seed(5).progressEvery(10).build();
        List<TrainingProgress> reports = new ArrayList<>();
        TrainingResult result = Trainer.train(config, new TinyBarsDataset(16), new TrainingListener() {
            @Override
            public void progress(TrainingProgress progress) {
                reports.add(progress);
            }
        }, ProgressMonitor.NONE);
        assertEquals(STEPS / 10, reports.size());
        double first = reports.get(0).losses().get("loss");
        double last = reports.get(reports.size() - 1).losses().get("loss");
        assertTrue(last < 0.75 * first, variant + ": loss " + first + " -> " + last);
        double firstRecon = reports.get(0).losses().get("reconstruction");
        double lastRecon = reports.get(reports.size() - 1).losses().get("reconstruction");
        assertTrue(lastRecon < firstRecon, variant + ": reconstruction " + firstRecon + " -> " + lastRecon);
        assertEquals(variant.quantized() ? 0 : 4, result.finalKlPerDimension().length);
        assertEquals(STEPS, result.stepsCompleted());
        List<String> expectedTerms = switch (variant) {
            case VAE, BETA_VAE -> List.of("loss", "reconstruction", "kl");
            case FACTOR_VAE -> List.of("loss", "reconstruction", "kl", "tc", "discriminator");
            case BETA_TC_VAE -> List.of("loss", "reconstruction", "kl", "tc");
            case DIP_VAE_II -> List.of("loss", "reconstruction", "kl", "dip");
            case VQ_VAE -> List.of("loss", "reconstruction", "vq", "commitment");
        };
        assertEquals(expectedTerms, List.copyOf(result.metadata().finalLosses().keySet()));
    }
}
