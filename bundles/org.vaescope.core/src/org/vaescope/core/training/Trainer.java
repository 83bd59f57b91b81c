package org.vaescope.core.training;

import org.vaescope.core.progress.ProgressMonitor;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaescope.core.data.Factor;
import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.hooks.StageContext;
import org.vaescope.core.hooks.StagedModel;
import org.vaescope.core.runtime.Floats;
import org.vaescope.core.internal.training.Adam;
import org.vaescope.core.internal.vae.LossStep;
import org.vaescope.core.internal.vae.VaeObjective;
import org.vaescope.core.runtime.Nd4jRuntime;
import org.vaescope.core.store.ModelFile;
import org.vaescope.core.store.ModelFileException;
import org.vaescope.core.store.ModelMetadata;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.Likelihood;
import org.vaescope.core.vae.VaeHooks;
import org.vaescope.core.vae.VaeModel;

/**
 * Trains any VAE variant on any {@link FactorDataset}: each step draws a batch through
 * {@code sampleFactors}/{@code render}, samples z, evaluates the variant's loss and takes one
 * Adam step (β₁ 0.9, β₂ 0.999, ε 1e-8). Everything random (weights, batches, noise, FactorVAE
 * permutations and discriminator) derives from the config's seed, so a seed fixes the result.
 */
public final class Trainer {

    private static final WorkspaceConfiguration STEP_WORKSPACE = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.OVERALLOCATE).overallocationLimit(0.2)
            .policyLearning(LearningPolicy.FIRST_LOOP).policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE).build();

    private Trainer() {
    }

    /**
     * Trains a new model.
     *
     * @throws TrainingException if the dataset does not fit the architecture, the loss becomes
     *         NaN or a checkpoint cannot be written
     */
    @SuppressWarnings("try")
    public static TrainingResult train(TrainingConfig config, FactorDataset dataset, TrainingListener listener,
            ProgressMonitor cancellation) {
        Nd4jRuntime.ensureStarted();
        Nd4j.getRandom().setSeed(config.seed());
        Architecture architecture = architectureFor(config, dataset);
        Likelihood likelihood = config.likelihood() != null ? config.likelihood() : Likelihood.DEFAULT;
        SplittableRandom root = new SplittableRandom(config.seed());
        VaeModel model = VaeModel.create(architecture, config.variant(), likelihood, root.nextLong());
        VaeObjective objective = VaeObjective.create(config.variant(), likelihood, model.graph(), root.nextLong());
        SplittableRandom dataRandom = root.split();
        SplittableRandom noiseRandom = root.split();
        SplittableRandom objectiveRandom = root.split();
        StagedModel graph = model.graph();
        Adam adam = new Adam(graph.parameters(), config.learningRate());
        Map<String, INDArray> gradients = new HashMap<>();
        for (org.vaescope.core.hooks.Parameter p : graph.parameters()) {
            gradients.put(p.name(), Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, p.shape()));
        }
        List<String> factorNames = dataset.factors().stream().map(Factor::name).toList();

        listener.started(config, dataset.name());
        Window window = new Window();
        Map<String, Double> finalLosses = new LinkedHashMap<>();
        double[] finalKl = new double[0];
        int step = 0;
        boolean cancelled = false;
        while (step < config.steps()) {
            if (cancellation.isCanceled()) {
                cancelled = true;
                break;
            }
            LossStep loss;
            // arrays of one step live in a reused workspace: fresh native memory is slow to touch and
            // garbage-collected native memory piles up, both of which slowed training several-fold
            try (MemoryWorkspace workspace = Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP_WORKSPACE,
                    "vaescope-training-step")) {
                loss = step(graph, objective, adam, gradients, sampleBatch(dataset, config.batchSize(), dataRandom),
                        noiseRandom, objectiveRandom);
            }
            step++;
            double total = loss.terms().get("loss");
            if (!Double.isFinite(total)) {
                throw new TrainingException("training diverged: the loss is " + total + " at step " + step
                        + " (try a lower learning rate)");
            }
            window.add(loss);
            boolean last = step == config.steps();
            if (step % config.progressEvery() == 0 || last) {
                TrainingProgress progress = window.report(step, config);
                finalLosses = progress.losses();
                finalKl = progress.klPerDimension();
                listener.progress(progress);
                window = new Window();
            }
            if (config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0) {
                writeCheckpoint(config, model, metadata(config, model, dataset, factorNames, step,
                        window.count > 0 ? window.averages() : finalLosses), step, listener);
                if (listener.mayStopAfterCheckpoint(step)) {
                    break;
                }
            }
        }
        if (window.count > 0) {
            finalLosses = window.averages();
            finalKl = window.klAverages();
        }
        TrainingResult result = new TrainingResult(model,
                metadata(config, model, dataset, factorNames, step, finalLosses), step, cancelled, finalKl);
        listener.finished(result);
        return result;
    }

    private static Architecture architectureFor(TrainingConfig config, FactorDataset dataset) {
        Architecture a = config.architecture() != null ? config.architecture()
                : Architecture.defaultFor(dataset.channels(), dataset.height(), dataset.width(), config.latentSize());
        if (a.channels() != dataset.channels() || a.height() != dataset.height() || a.width() != dataset.width()) {
            throw new TrainingException("dataset '" + dataset.name() + "' has images " + dataset.channels() + "x"
                    + dataset.height() + "x" + dataset.width() + " but the architecture expects " + a.channels()
                    + "x" + a.height() + "x" + a.width());
        }
        return a;
    }

    private static INDArray sampleBatch(FactorDataset dataset, int batchSize, SplittableRandom random) {
        int[][] classes = dataset.sampleFactors(batchSize, random);
        return Floats.array(dataset.renderAll(classes), batchSize, dataset.channels(), dataset.height(),
                dataset.width());
    }

    /** One optimisation step; {@code gradients} holds one reused array per parameter. */
    private static LossStep step(StagedModel graph, VaeObjective objective, Adam adam,
            Map<String, INDArray> gradients, INDArray images, SplittableRandom noise,
            SplittableRandom objectiveRandom) {
        StageContext context = StageContext.sampling(noise);
        StagedModel.Pass pass = graph.forward(Map.of(VaeHooks.INPUT, images), Set.of(VaeHooks.OUTPUT), List.of(),
                context, true);
        LossStep loss = objective.evaluate(pass, images, objectiveRandom);
        for (INDArray g : gradients.values()) {
            g.assign(0);
        }
        loss.parameterGradients().forEach((name, g) -> gradients.get(name).addi(g));
        graph.backward(pass, loss.hookGradients(), List.of(), List.of(), context, gradients);
        adam.step(gradients);
        return loss;
    }

    private static ModelMetadata metadata(TrainingConfig config, VaeModel model, FactorDataset dataset,
            List<String> factorNames, int steps, Map<String, Double> losses) {
        return ModelMetadata.of(config.variant(), model.architecture(), model.likelihood(), dataset.name(),
                factorNames, steps, config.seed(), config.batchSize(), config.learningRate(), losses);
    }

    private static void writeCheckpoint(TrainingConfig config, VaeModel model, ModelMetadata metadata, int step,
            TrainingListener listener) {
        try {
            ModelFile.save(config.checkpointFile(), model, metadata);
        } catch (ModelFileException e) {
            throw new TrainingException("checkpoint at step " + step + " failed: " + e.getMessage(), e);
        }
        listener.checkpointWritten(step, config.checkpointFile());
    }

    /** Running sums of loss terms and KL since the last report. */
    private static final class Window {
        private final Map<String, Double> sums = new LinkedHashMap<>();
        private double[] klSums = new double[0];
        private int count;
        private final long startNanos = System.nanoTime();

        void add(LossStep loss) {
            loss.terms().forEach((k, v) -> sums.merge(k, v, Double::sum));
            double[] kl = loss.klPerDimension();
            if (klSums.length != kl.length) {
                klSums = new double[kl.length];
            }
            for (int i = 0; i < kl.length; i++) {
                klSums[i] += kl[i];
            }
            count++;
        }

        Map<String, Double> averages() {
            Map<String, Double> avg = new LinkedHashMap<>();
            sums.forEach((k, v) -> avg.put(k, v / count));
            return avg;
        }

        double[] klAverages() {
            double[] avg = new double[klSums.length];
            for (int i = 0; i < avg.length; i++) {
                avg[i] = klSums[i] / count;
            }
            return avg;
        }

        TrainingProgress report(int step, TrainingConfig config) {
            double seconds = Math.max((System.nanoTime() - startNanos) / 1e9, 1e-9);
            double stepsPerSecond = count / seconds;
            return new TrainingProgress(step, config.steps(), averages(), klAverages(), stepsPerSecond,
                    stepsPerSecond * config.batchSize());
        }
    }
}
