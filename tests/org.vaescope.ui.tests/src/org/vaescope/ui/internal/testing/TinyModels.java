package org.vaescope.ui.internal.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.vaescope.core.data.Datasets;
import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.progress.ProgressMonitor;
import org.vaescope.core.store.ModelFile;
import org.vaescope.core.training.Trainer;
import org.vaescope.core.training.TrainingConfig;
import org.vaescope.core.training.TrainingListener;
import org.vaescope.core.training.TrainingResult;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.Variant;
import org.vaescope.ui.internal.analysis.AnalysisRequest;
import org.vaescope.ui.testing.Workbenches;

/** A small MLP VAE trained in seconds on 32×32 dSprites, and analysis requests sized for tests. */
public final class TinyModels {

    public static final int SIDE = 32;
    public static final int LATENTS = 4;

    /** Trains a model into a file (seeded). */
    @FunctionalInterface
    public interface Training {
        void train(Path file) throws Exception;
    }

    private TinyModels() {
    }

    /** The tiny model trained into {@code fileName} of the open workspace project {@code projectName}. */
    public static IFile inProject(String projectName, String fileName) throws Exception {
        return inProject(projectName, fileName, TinyModels::train);
    }

    /** A model trained by {@code training} into {@code fileName} of the open workspace project {@code projectName}. */
    public static IFile inProject(String projectName, String fileName, Training training) throws Exception {
        IProject project = Workbenches.openProject(projectName);
        training.train(project.getLocation().toFile().toPath().resolve(fileName));
        project.refreshLocal(IResource.DEPTH_ONE, new NullProgressMonitor());
        IFile model = project.getFile(fileName);
        if (!model.exists()) {
            throw new AssertionError(model + " was not written");
        }
        return model;
    }

    /** Trains and saves the model (seeded: the same weights every time). */
    public static void train(Path file) throws Exception {
        FactorDataset data = Datasets.create("dsprites", Map.of("size", Integer.toString(SIDE)));
        TrainingConfig config = TrainingConfig.builder(Variant.BETA_VAE)
                .architecture(Architecture.mlp(1, SIDE, SIDE, LATENTS, 40, 40))
                .steps(40).batchSize(16).learningRate(1e-3).seed(3).build();
        TrainingResult result = Trainer.train(config, data, TrainingListener.NONE, ProgressMonitor.NONE);
        ModelFile.save(file, result.model(), result.metadata());
    }

    /**
     * The model {@code ./vaescope demo} trains (MLP beta-VAE, hidden layers 256 and 256, 10 latents,
     * 32×32 dSprites, seed 42), with fewer steps.
     */
    public static void trainDemoLike(Path file, int steps) throws Exception {
        FactorDataset data = Datasets.create("dsprites", Map.of("size", Integer.toString(SIDE)));
        TrainingConfig config = TrainingConfig.builder(Variant.BETA_VAE)
                .architecture(Architecture.mlp(1, SIDE, SIDE, 10, 256, 256))
                .steps(steps).batchSize(64).learningRate(1e-3).seed(42).build();
        TrainingResult result = Trainer.train(config, data, TrainingListener.NONE, ProgressMonitor.NONE);
        ModelFile.save(file, result.model(), result.metadata());
    }

    /** Few samples: the whole analysis takes seconds. */
    public static AnalysisRequest quickRequest() {
        return quickRequest(5);
    }

    /** A quick run at another seed. */
    public static AnalysisRequest quickRequest(int seed) {
        return new AnalysisRequest("dsprites:size=" + SIDE, 20, 20, 60, 40, seed, List.of());
    }

    /** Many samples: runs for minutes, to be cancelled. */
    public static AnalysisRequest longRequest() {
        return new AnalysisRequest("dsprites:size=" + SIDE, 20_000, 20_000, 200_000, 100_000, 5, List.of());
    }
}
