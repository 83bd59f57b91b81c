package org.vaescope.core.training;

import org.vaescope.core.progress.ProgressMonitor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.hooks.Parameter;
import org.vaescope.core.hooks.RunOptions;
import org.vaescope.core.data.CausalShapesDataset;
import org.vaescope.core.runtime.Floats;
import org.vaescope.core.store.ModelFile;
import org.vaescope.core.store.SavedModel;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.Likelihood;
import org.vaescope.core.vae.TinyBarsDataset;
import org.vaescope.core.vae.VaeModel;
import org.vaescope.core.vae.Variant;

/** Seeds, cancellation, progress, checkpoints and the conv architecture. */
class TrainerTest {

    static TrainingConfig.Builder small(Variant variant, long seed) {
        return TrainingConfig.builder(variant).architecture(Architecture.mlp(1, 16, 16, 3, 32, 16)).steps(12)
                .batchSize(16).learningRate(1e-3).seed(seed).progressEvery(4);
    }

    static List<float[]> weights(VaeModel model) {
        List<float[]> all = new ArrayList<>();
        for (Parameter p : model.graph().parameters()) {
            all.add(Floats.of(p.value()));
        }
        return all;
    }

    @Test
    void sameSeedGivesIdenticalWeightsAndOtherSeedsDiffer() {
        TinyBarsDataset data = new TinyBarsDataset(16);
        TrainingResult a = Trainer.train(small(Variant.BETA_TC_VAE, 3).build(), data, TrainingListener.NONE,
                ProgressMonitor.NONE);
        TrainingResult b = Trainer.train(small(Variant.BETA_TC_VAE, 3).build(), data, TrainingListener.NONE,
                ProgressMonitor.NONE);
        TrainingResult c = Trainer.train(small(Variant.BETA_TC_VAE, 4).build(), data, TrainingListener.NONE,
                ProgressMonitor.NONE);
        List<float[]> wa = weights(a.model());
        List<float[]> wb = weights(b.model());
        List<float[]> wc = weights(c.model());
        for (int i = 0; i < wa.size(); i++) {
            assertArrayEquals(wa.get(i), wb.get(i), 0f, "parameter " + i);
        }
        assertFalse(java.util.Arrays.equals(wa.get(0), wc.get(0)));
        assertEquals(a.metadata().finalLosses(), b.metadata().finalLosses());
    }

    /**
     * The causal dataset's grey shapes cover a few percent of the pixels: with a squared error the
     * KL term wins and the latents fall silent (KL 0.05 nats after 600 steps of this run), with the
     * default Bernoulli likelihood they carry the shapes (3.7 nats).
     */
    @Test
    void theDefaultLikelihoodKeepsTheLatentsOfAGreyDatasetInUse() {
        CausalShapesDataset causal = new CausalShapesDataset();
        TrainingResult result = Trainer.train(TrainingConfig.builder(Variant.BETA_VAE)
                .architecture(Architecture.mlp(1, 32, 32, 10, 128, 128)).steps(600).batchSize(64).learningRate(1e-3)
                .seed(1).progressEvery(100).build(), causal, TrainingListener.NONE, ProgressMonitor.NONE);
        assertEquals(Likelihood.BERNOULLI, result.model().likelihood());
        double kl = result.metadata().finalLosses().get("kl");
        assertTrue(kl > 1, "KL " + kl + " nats: the posterior collapsed");
    }

    @Test
    void cancellationStopsAfterTheCurrentStepAndReportsIt() {
        AtomicInteger asked = new AtomicInteger();
        List<TrainingResult> finished = new ArrayList<>();
        TrainingResult result = Trainer.train(small(Variant.VAE, 1).steps(100).build(), new TinyBarsDataset(16),
                new TrainingListener() {
                    @Override
                    public void finished(TrainingResult r) {
                        finished.add(r);
                    }
                }, ProgressMonitor.cancelledWhen(() -> asked.incrementAndGet() > 7));
        assertTrue(result.cancelled());
        assertEquals(7, result.stepsCompleted());
        assertEquals(7, result.metadata().trainingSteps());
        assertEquals(List.of(result), finished);
        assertTrue(Double.isFinite(result.metadata().finalLosses().get("loss")));
    }

    @Test
    void aListenerMayEndTrainingAtACheckpointWithTheModelOfThatManySteps(@TempDir Path dir) {
        List<Integer> asked = new ArrayList<>();
        TrainingResult stopped = Trainer.train(small(Variant.BETA_VAE, 3).steps(20)
                .checkpoints(5, dir.resolve("a.vsm")).build(), new TinyBarsDataset(16), new TrainingListener() {
                    @Override
                    public boolean mayStopAfterCheckpoint(int step) {
                        asked.add(step);
                        return step == 10;
                    }
                }, ProgressMonitor.NONE);
        TrainingResult straight = Trainer.train(small(Variant.BETA_VAE, 3).steps(10).build(), new TinyBarsDataset(16),
                TrainingListener.NONE, ProgressMonitor.NONE);

        assertEquals(List.of(5, 10), asked);
        assertFalse(stopped.cancelled());
        assertEquals(10, stopped.stepsCompleted());
        assertEquals(10, stopped.metadata().trainingSteps());
        INDArray x = Floats.array(new TinyBarsDataset(16).renderAll(new int[][] {{0, 1, 2}, {1, 3, 4}}), 2, 1, 16, 16);
        assertArrayEquals(Floats.of(straight.model().run(x, RunOptions.defaults()).output()),
                Floats.of(stopped.model().run(x, RunOptions.defaults()).output()), 0f,
                "a longer run ended early is the shorter run: nothing depends on the configured steps");
    }

    @Test
    void progressEventsAndCheckpoints(@TempDir Path dir) throws Exception {
        Path checkpoint = dir.resolve("ckpt.vsm");
        List<TrainingProgress> progress = new ArrayList<>();
        List<Integer> checkpointSteps = new ArrayList<>();
        TrainingResult result = Trainer.train(small(Variant.BETA_VAE, 2).steps(10).checkpoints(5, checkpoint).build(),
                new TinyBarsDataset(16), new TrainingListener() {
                    @Override
                    public void progress(TrainingProgress p) {
                        progress.add(p);
                    }

                    @Override
                    public void checkpointWritten(int step, Path file) {
                        checkpointSteps.add(step);
                        assertEquals(checkpoint, file);
                    }
                }, ProgressMonitor.NONE);
        assertEquals(List.of(4, 8, 10), progress.stream().map(TrainingProgress::step).toList());
        assertEquals(1.0, progress.get(2).fraction());
        assertTrue(progress.get(0).stepsPerSecond() > 0);
        assertEquals(16 * progress.get(0).stepsPerSecond(), progress.get(0).imagesPerSecond(), 1e-6);
        assertEquals(3, progress.get(0).klPerDimension().length);
        assertEquals(List.of(5, 10), checkpointSteps);
        SavedModel saved = ModelFile.load(checkpoint);
        assertEquals(10, saved.metadata().trainingSteps());
        assertEquals("tinybars16", saved.metadata().datasetName());
        assertEquals(List.of("shape", "posX", "posY"), saved.metadata().factorNames());
        INDArray x = Floats.array(new TinyBarsDataset(16).renderAll(new int[][] {{0, 1, 2}, {1, 3, 4}}), 2, 1, 16, 16);
        assertArrayEquals(Floats.of(result.model().run(x, RunOptions.defaults()).output()),
                Floats.of(saved.model().run(x, RunOptions.defaults()).output()), 0f);
    }

    @Test
    void convVaeTrainsOn64x64() {
        TrainingConfig config = TrainingConfig.builder(Variant.FACTOR_VAE)
                .steps(2).batchSize(4).seed(9).progressEvery(1).build();
        // default FactorVAE discriminator (6 x 1000) and the spec's conv architecture
        TrainingResult result = Trainer.train(config, new TinyBarsDataset(64), TrainingListener.NONE,
                ProgressMonitor.NONE);
        assertEquals(Architecture.conv(1, 64, 64, 10), result.model().architecture());
        assertEquals(Likelihood.BERNOULLI, result.model().likelihood());
        assertEquals(2, result.stepsCompleted());
        assertTrue(Double.isFinite(result.metadata().finalLosses().get("loss")));
        assertEquals(10, result.finalKlPerDimension().length);
    }

    @Test
    void mismatchedDatasetAndBadSettingsAreReported() {
        TrainingException e = assertThrows(TrainingException.class, () -> Trainer.train(small(Variant.VAE, 1).build(),
                new TinyBarsDataset(32), TrainingListener.NONE, ProgressMonitor.NONE));
        assertTrue(e.getMessage().contains("tinybars32") && e.getMessage().contains("1x16x16"), e.getMessage());
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                () -> small(Variant.VAE, 1).batchSize(1).build());
        assertTrue(batch.getMessage().contains("batch size"), batch.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> org.vaescope.core.vae.VariantConfig.of(Variant.FACTOR_VAE).with("gama", 3));
        assertTrue(unknown.getMessage().contains("'gama'") && unknown.getMessage().contains("gamma"));
    }
}
