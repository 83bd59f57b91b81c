package org.vaescope.core.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;
import org.vaescope.core.analysis.Estimate;
import org.vaescope.core.analysis.FactorGraphAnalysis;
import org.vaescope.core.analysis.FactorGraphComparison;
import org.vaescope.core.analysis.ImpliedEffectEvidence;
import org.vaescope.core.analysis.UnitClassification;
import org.vaescope.core.data.CausalShapesDataset;
import org.vaescope.core.data.DSpritesDataset;
import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.progress.ProgressMonitor;
import org.vaescope.core.store.ModelFile;
import org.vaescope.core.store.ModelFileException;
import org.vaescope.core.training.Trainer;
import org.vaescope.core.training.TrainingConfig;
import org.vaescope.core.training.TrainingListener;
import org.vaescope.core.training.TrainingResult;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.Variant;
import org.vaescope.core.vae.VaeModel;
import org.vaescope.core.vae.VariantConfig;
import org.vaescope.metrics.Dci;
import org.vaescope.metrics.Mig;
import org.vaescope.core.internal.pipeline.ModelRepresentation;

/**
 * The paper's comparison (arXiv 2505.03530 v1, dSprites): standard VAE, beta-VAE and FactorVAE,
 * several seeds each, trained and analysed with the same settings, summarised as the paper's table
 * (disentanglement score, mean CES) plus specificity, modularity and unit classes; with the
 * negative control (dSprites' implied factor graph should be empty) and the positive control (a
 * beta-VAE on the causal dataset against its planted graph).
 *
 * <p>Runs are ordered by {@link #plan(List)}, so that a reproduction stopped early has the controls
 * first and balanced seeds. Each finished run is written as one JSON file to the
 * run directory; a rerun skips runs whose file exists, so the reproduction is resumable.
 */
public final class Reproduction {

    /** The variants the paper compares, in its table's order. */
    public static final List<Variant> VARIANTS = List.of(Variant.VAE, Variant.BETA_VAE, Variant.FACTOR_VAE);

    /** The variants the paper's v3 adds to the comparison, trained on dSprites for {@link #V3_SEEDS} seeds. */
    public static final List<Variant> V3_VARIANTS = List.of(Variant.BETA_TC_VAE, Variant.DIP_VAE_II, Variant.VQ_VAE);

    /** Seeds (the first ones) of each v3 variant: the paper's v3 trains three per model. */
    public static final int V3_SEEDS = 3;

    /** The variant of the positive control on the causal dataset. */
    public static final Variant CAUSAL_VARIANT = Variant.BETA_VAE;

    /** Seeds (the first ones) that train the negative and positive controls first. */
    public static final int CAUSAL_SEEDS = 3;

    /** The paper's v1 table: disentanglement score and mean CES per variant. */
    public static final Map<Variant, double[]> PAPER = Map.of(Variant.VAE, new double[] {0.064, 3.99},
            Variant.BETA_VAE, new double[] {0.051, 3.43}, Variant.FACTOR_VAE, new double[] {0.084, 4.59});

    /** The paper's images are 64×64×1: its CES divided by √pixels is CES / 64. */
    public static final int PAPER_IMAGE_SIDE = 64;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param architecture the network every variant trains (the same for all)
     * @param steps training steps per model
     * @param imageSize side of the rendered images (dSprites and the causal dataset)
     * @param runDirectory where each run's JSON is written (and read back when resuming)
     * @param curveEvery steps between two points of the MIG curve
     * @param curveSamples samples behind each point of the MIG curve
     * @param only the jobs to train or analyse, as {@code dataset:variant} (e.g. {@code dsprites:betavae});
     *        empty for every planned job. Tabulating always collects every planned job
     */
    public record Settings(Architecture architecture, int steps, int maxSteps, int batchSize, double learningRate,
            List<Long> seeds, ModelAnalysis.Settings analysis, int imageSize, Path runDirectory, int curveEvery,
            int curveSamples, Set<String> only) {
        public Settings {
            seeds = List.copyOf(seeds);
            only = Set.copyOf(only);
            if (seeds.size() < 2) {
                throw new IllegalArgumentException("intervals over seeds need at least 2 seeds, got " + seeds.size());
            }
            if (curveEvery < 1 || curveSamples < 1) {
                throw new IllegalArgumentException("the MIG curve needs a positive step and sample count");
            }
            if (maxSteps < steps) {
                throw new IllegalArgumentException("the most training steps (" + maxSteps
                        + ") cannot be fewer than the least (" + steps + ")");
            }
        }
    }

    /** A MIG curve has settled when MIG moved less than this over its last {@value #SETTLING_STEPS} steps. */
    public static final double SETTLED_CHANGE = 0.03;

    public static final int SETTLING_STEPS = 2_000;

    /**
     * How far MIG moved over the curve's last {@link #SETTLING_STEPS} steps; empty when the curve has
     * no point that many steps before its last.
     */
    public static OptionalDouble settlingChange(List<CurvePoint> curve) {
        if (curve.isEmpty()) {
            return OptionalDouble.empty();
        }
        CurvePoint last = curve.get(curve.size() - 1);
        return curve.stream().filter(p -> p.step() == last.step() - SETTLING_STEPS)
                .mapToDouble(p -> last.mig() - p.mig()).findFirst();
    }

    /** Whether MIG moved less than {@link #SETTLED_CHANGE} over the curve's last {@link #SETTLING_STEPS} steps. */
    public static boolean settled(List<CurvePoint> curve) {
        OptionalDouble change = settlingChange(curve);
        return change.isPresent() && Math.abs(change.getAsDouble()) < SETTLED_CHANGE;
    }

    /**
     * Whether a model's training ends after {@code step} steps: at the settings' most steps, or from
     * their least steps on once its MIG curve (measured up to {@code step}) has settled.
     */
    static boolean trainingEnds(Settings settings, long step, List<CurvePoint> curve) {
        return step >= settings.maxSteps() || step >= settings.steps() && settled(curve);
    }

    /** One point of a model's MIG curve. */
    public record CurvePoint(int step, double mig) {
    }

    /**
     * One trained and analysed model.
     *
     * @param dataset {@code dsprites} or {@code causal}
     * @param impliedEdges edges of the implied factor graph, as {@code cause -> effect}
     * @param precision edge precision against the true graph (null without one)
     * @param recall edge recall against the true graph (null without one)
     * @param readoutAccuracy held-out accuracy of each factor's read-out on dataset images
     * @param reconstructionAccuracy the read-outs' accuracy on the model's reconstructions
     * @param chanceAccuracy each read-out's chance accuracy (1 / classes)
     * @param confoundedPairs factor pairs whose carriers overlap (no evidence either way)
     * @param unreadableFactors factors whose read-out does not see them in reconstructions (no edge into them is testable)
     * @param withoutOwnIntervention factors without an intervention of their own: unreadable, not moved by
     *        their carrier, or whose carrier is another factor's (no edge out of them is testable)
     * @param testedEvidence per tested entry {@code k -> l}, M[k,l] net of the read-outs' crosstalk
     * @param testedEffect per tested entry, the measured M[k,l] before the crosstalk is taken off
     * @param testedEvidenceLower per tested entry, the lower end of the evidence's 95 % interval: an edge
     *        where it exceeds the threshold; empty in runs analysed before that rule, whose edges are the
     *        entries whose evidence itself exceeds the threshold
     * @param cesPerPixel mean CES divided by √(pixels × channels): the root-mean-square change per pixel,
     *        comparable across image sizes (the L2 norm of CES grows with the image side)
     * @param cesAfterQuantiser for a VQ-VAE, mean CES with the perturbed code fed after the quantiser
     *        (the main figure perturbs before it, so a small shift can snap back to the same code); NaN
     *        for a Gaussian VAE and in runs written before it was recorded
     */
    public record Run(String dataset, Variant variant, long seed, double mig, double dciDisentanglement, Estimate ces,
            Estimate specificity, Estimate modularity, int monosemantic, int polysemantic, int dead,
            int activeLatents, Map<String, Double> finalLosses, Map<String, Double> hyperparameters,
            List<CurvePoint> migCurve, List<String> impliedEdges, Estimate precision, Estimate recall,
            Map<String, Double> readoutAccuracy, Map<String, Double> reconstructionAccuracy,
            Map<String, Double> chanceAccuracy, List<String> confoundedPairs, List<String> unreadableFactors,
            List<String> withoutOwnIntervention, Map<String, Double> testedEvidence, Map<String, Double> testedEffect,
            Map<String, Double> testedEvidenceLower, double cesPerPixel, Double cesAfterQuantiser,
            double seconds) {

        public Run {
            cesAfterQuantiser = cesAfterQuantiser == null ? Double.NaN : cesAfterQuantiser;
            testedEvidenceLower = testedEvidenceLower == null ? Map.of() : testedEvidenceLower;
        }

        /** Whether the edges were decided by the evidence's 95 % lower bound (else by its value). */
        public boolean edgesByLowerBound() {
            return !testedEvidenceLower.isEmpty() || testedEvidence == null || testedEvidence.isEmpty();
        }

        /** File name of this run's JSON in the run directory. */
        static String fileName(String dataset, Variant variant, long seed) {
            return dataset + "-" + variant.id() + "-seed" + seed + ".json";
        }
    }

    /** One model to train: dataset, variant, seed. */
    public record Job(String dataset, Variant variant, long seed) {

        /** {@code dataset:variant}, as {@link Settings#only()} names it. */
        public String kind() {
            return dataset + ":" + variant.id();
        }
    }

    /** The planned jobs this invocation trains or analyses ({@link Settings#only()}). */
    public static List<Job> jobs(Settings settings) {
        return plan(settings.seeds()).stream()
                .filter(job -> settings.only().isEmpty() || settings.only().contains(job.kind())).toList();
    }

    /** Mean and 95 % interval over seeds of one column of the table. */
    public record Summary(double mean, double lower, double upper) {

        static Summary of(double[] values) {
            double mean = 0;
            for (double v : values) {
                mean += v / values.length;
            }
            if (values.length < 2) {
                return new Summary(mean, Double.NaN, Double.NaN);
            }
            double variance = 0;
            for (double v : values) {
                variance += (v - mean) * (v - mean) / (values.length - 1);
            }
            double critical = new TDistribution(null, values.length - 1).inverseCumulativeProbability(0.975);
            double half = critical * Math.sqrt(variance / values.length);
            return new Summary(mean, mean - half, mean + half);
        }

        /**
         * The mean with its interval, with "(one seed)" when a single seed gives no interval, or
         * "undefined" when a seed's value is.
         */
        public String format(String pattern) {
            if (Double.isNaN(mean)) {
                return "undefined";
            }
            if (Double.isNaN(lower)) {
                return String.format(Locale.ROOT, pattern + " (one seed)", mean);
            }
            return String.format(Locale.ROOT, pattern + " [" + pattern + ", " + pattern + "]", mean, lower, upper);
        }
    }

    private Reproduction() {
    }

    /**
     * The jobs in the order they run: first the controls (the control variant on dSprites and on
     * the causal dataset for the first seed, then on dSprites for the next seeds up to
     * {@link #CAUSAL_SEEDS} — the negative control needs three — then on the causal dataset for
     * them), then the other
     * variants seed by seed, then the remaining seeds, then the v3 variants on dSprites for the first
     * {@link #V3_SEEDS} seeds, then every other variant on the causal dataset for the first seed (the
     * v3 comparison on a second dataset); a reproduction stopped early keeps balanced seeds of whatever
     * it finished.
     */
    public static List<Job> plan(List<Long> seeds) {
        List<Job> jobs = new ArrayList<>();
        int controlSeeds = Math.min(CAUSAL_SEEDS, seeds.size());
        for (int s = 0; s < controlSeeds; s++) {
            jobs.add(new Job("dsprites", CAUSAL_VARIANT, seeds.get(s)));
            if (s == 0) {
                jobs.add(new Job("causal", CAUSAL_VARIANT, seeds.get(s)));
            }
        }
        for (int s = 1; s < controlSeeds; s++) {
            jobs.add(new Job("causal", CAUSAL_VARIANT, seeds.get(s)));
        }
        for (int s = 0; s < seeds.size(); s++) {
            for (Variant variant : VARIANTS) {
                if (s >= controlSeeds || variant != CAUSAL_VARIANT) {
                    jobs.add(new Job("dsprites", variant, seeds.get(s)));
                }
            }
        }
        for (int s = 0; s < Math.min(V3_SEEDS, seeds.size()); s++) {
            for (Variant variant : V3_VARIANTS) {
                jobs.add(new Job("dsprites", variant, seeds.get(s)));
            }
        }
        for (Variant variant : Variant.values()) {
            if (variant != CAUSAL_VARIANT) {
                jobs.add(new Job("causal", variant, seeds.get(0)));
            }
        }
        return jobs;
    }

    /**
     * Trains and analyses every planned model whose JSON is not yet in the run directory; prints a
     * line per model; returns all runs (done now or before).
     */
    public static List<Run> run(Settings settings, PrintStream log, ProgressMonitor monitor) {
        return run(settings, false, log, monitor);
    }

    /**
     * As {@link #run(Settings, PrintStream, ProgressMonitor)}; with {@code trainedOnly} the jobs
     * whose model is not yet trained are skipped (analyses beside a training process).
     */
    public static List<Run> run(Settings settings, boolean trainedOnly, PrintStream log, ProgressMonitor monitor) {
        ProgressMonitor progress = ProgressMonitor.orNone(monitor);
        List<Job> jobs = jobs(settings);
        List<Run> runs = new ArrayList<>();
        for (Job job : jobs) {
            progress.checkCanceled("the reproduction");
            Path file = settings.runDirectory().resolve(Run.fileName(job.dataset(), job.variant(), job.seed()));
            if (trainedOnly && !Files.exists(file) && !Files.exists(finalModel(settings, job))) {
                continue;
            }
            Run run;
            if (Files.exists(file)) {
                run = read(file);
            } else {
                try (JobClaim claim = JobClaim.of(settings, job)) {
                    if (!claim.held()) {
                        log.printf(Locale.ROOT, "%-8s %-10s seed %d: another process works on it, skipped%n",
                                job.dataset(), job.variant().id(), job.seed());
                        continue;
                    }
                    run = Files.exists(file) ? read(file) : trainAndAnalyse(job, settings, progress, file);
                }
            }
            runs.add(run);
            log.printf(Locale.ROOT, "[%d/%d] %-8s %-10s seed %d: MIG %.3f, DCI %.3f, CES %.3f, implied edges %d (%.0f s)%n",
                    runs.size(), jobs.size(), job.dataset(), job.variant().id(), job.seed(), run.mig(),
                    run.dciDisentanglement(), run.ces().value(), run.impliedEdges().size(), run.seconds());
            log.flush();
        }
        return runs;
    }

    /**
     * Trains every planned model not yet trained, without analysing it (a later {@link #run}
     * analyses the kept models); prints each model's MIG curve.
     */
    public static void trainOnly(Settings settings, PrintStream log, ProgressMonitor monitor) {
        ProgressMonitor progress = ProgressMonitor.orNone(monitor);
        List<Job> jobs = jobs(settings);
        int done = 0;
        for (Job job : jobs) {
            progress.checkCanceled("the reproduction");
            long start = System.nanoTime();
            Trained trained;
            try (JobClaim claim = JobClaim.of(settings, job)) {
                if (!claim.held()) {
                    log.printf(Locale.ROOT, "[%d/%d] %-8s %-10s seed %d: another process works on it, skipped%n",
                            ++done, jobs.size(), job.dataset(), job.variant().id(), job.seed());
                    continue;
                }
                trained = trainedModel(job, settings, dataset(job.dataset(), settings.imageSize()),
                        variantConfig(job.variant(), settings.learningRate()), progress);
            }
            log.printf(Locale.ROOT, "[%d/%d] %-8s %-10s seed %d trained: MIG curve %s, losses %s (%.0f s)%n", ++done,
                    jobs.size(), job.dataset(), job.variant().id(), job.seed(), trained.curve(),
                    trained.finalLosses(), (System.nanoTime() - start) / 1e9);
            log.flush();
        }
    }

    /** Every run already in the run directory, in plan order (for a table of a stopped reproduction). */
    public static List<Run> collect(Settings settings) {
        List<Run> runs = new ArrayList<>();
        for (Job job : plan(settings.seeds())) {
            Path file = settings.runDirectory().resolve(Run.fileName(job.dataset(), job.variant(), job.seed()));
            if (Files.exists(file)) {
                runs.add(read(file));
            }
        }
        return runs;
    }

    /** The dataset of a job. */
    public static FactorDataset dataset(String name, int size) {
        return switch (name) {
            case "dsprites" -> new DSpritesDataset(size);
            case "causal" -> new CausalShapesDataset(size, CausalShapesDataset.DEFAULT_STRENGTH);
            default -> throw new IllegalArgumentException("unknown reproduction dataset '" + name + "'");
        };
    }

    /**
     * The variant's settings: the discriminator of FactorVAE learns at the VAE's rate (a slower
     * discriminator stays near chance, ln 2, and the total-correlation penalty then does nothing).
     */
    static VariantConfig variantConfig(Variant variant, double learningRate) {
        VariantConfig config = VariantConfig.of(variant);
        return config.hyperparameters().containsKey("discriminatorLearningRate")
                ? config.with("discriminatorLearningRate", learningRate)
                : config;
    }

    private static Run trainAndAnalyse(Job job, Settings settings, ProgressMonitor progress, Path file) {
        long start = System.nanoTime();
        FactorDataset dataset = dataset(job.dataset(), settings.imageSize());
        VariantConfig variant = variantConfig(job.variant(), settings.learningRate());
        Trained trained = trainedModel(job, settings, dataset, variant, progress);
        ModelAnalysis.Result analysed = ModelAnalysis.run(trained.model(), dataset,
                settings.analysis().withSeed(job.seed()), progress);
        Run run = summarise(job, variant, trained, analysed,
                dataset.channels() * dataset.height() * dataset.width(), (System.nanoTime() - start) / 1e9);
        write(file, run, analysed);
        return run;
    }

    /** A trained model with its final losses and MIG curve (kept apart so analyses can be redone). */
    record Trained(VaeModel model, Map<String, Double> finalLosses, List<CurvePoint> curve) {
    }

    /**
     * The job's trained model: read back when an earlier invocation finished training it (the
     * analysis can then be redone without retraining), otherwise trained now and kept beside the
     * checkpoints with its MIG curve.
     */
    private static Trained trainedModel(Job job, Settings settings, FactorDataset dataset, VariantConfig variant,
            ProgressMonitor progress) {
        String name = Run.fileName(job.dataset(), job.variant(), job.seed()).replace(".json", "");
        Path checkpoints = settings.runDirectory().resolve("checkpoints");
        Path checkpoint = checkpoints.resolve(name + ModelFile.EXTENSION);
        Path finalModel = finalModel(settings, job);
        Path curveFile = checkpoints.resolve(name + "-curve.json");
        try {
            Files.createDirectories(checkpoints);
            if (Files.exists(finalModel) && Files.exists(curveFile)) {
                var saved = ModelFile.load(finalModel);
                List<CurvePoint> curve = List.of(JSON.readValue(curveFile.toFile(), CurvePoint[].class));
                long steps = saved.metadata().trainingSteps();
                if (steps <= settings.maxSteps() && trainingEnds(settings, steps, curve)) {
                    return new Trained(saved.model(), saved.metadata().finalLosses(), curve);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read back the trained model " + finalModel + ": " + e.getMessage()
                    + " (delete it to train again)", e);
        }
        List<CurvePoint> curve = new ArrayList<>();
        TrainingListener curveListener = new TrainingListener() {
            @Override
            public void checkpointWritten(int step, Path written) {
                curve.add(new CurvePoint(step, checkpointMig(written, dataset, settings.curveSamples(), job.seed())));
                writeJson(curveFile, curve);
            }

            @Override
            public boolean mayStopAfterCheckpoint(int step) {
                return trainingEnds(settings, step, curve);
            }
        };
        TrainingResult result = Trainer.train(TrainingConfig.builder(variant).architecture(settings.architecture())
                .steps(settings.maxSteps()).batchSize(settings.batchSize()).learningRate(settings.learningRate())
                .seed(job.seed()).checkpoints(settings.curveEvery(), checkpoint).build(), dataset, curveListener,
                progress);
        if (curve.isEmpty() || curve.get(curve.size() - 1).step() != result.stepsCompleted()) {
            curve.add(new CurvePoint(result.stepsCompleted(),
                    curveMig(result.model(), dataset, settings.curveSamples(), job.seed())));
        }
        writeJson(curveFile, curve);
        try {
            ModelFile.save(finalModel, result.model(), result.metadata());
        } catch (ModelFileException e) {
            throw new IllegalStateException("cannot keep the trained model " + finalModel + ": " + e.getMessage(), e);
        }
        return new Trained(result.model(), result.metadata().finalLosses(), List.copyOf(curve));
    }

    /**
     * A job claimed by this process for as long as it trains or analyses it, so that several
     * processes can share one run directory (one per core); the operating system releases the
     * claim of a process that dies.
     */
    private record JobClaim(FileChannel channel, FileLock lock) implements AutoCloseable {

        static JobClaim of(Settings settings, Job job) {
            Path file = settings.runDirectory().resolve("checkpoints")
                    .resolve(Run.fileName(job.dataset(), job.variant(), job.seed()).replace(".json", ".lock"));
            try {
                Files.createDirectories(file.getParent());
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                try {
                    return new JobClaim(channel, channel.tryLock());
                } catch (java.nio.channels.OverlappingFileLockException heldInThisProcess) {
                    return new JobClaim(channel, null);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot claim " + file, e);
            }
        }

        boolean held() {
            return lock != null;
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The trained model of a job, saved once training has finished. */
    private static Path finalModel(Settings settings, Job job) {
        return settings.runDirectory().resolve("checkpoints").resolve(Run.fileName(job.dataset(), job.variant(),
                job.seed()).replace(".json", "-final" + ModelFile.EXTENSION));
    }

    private static void writeJson(Path file, Object value) {
        try {
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.writeString(partial, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value));
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static double checkpointMig(Path checkpoint, FactorDataset dataset, int samples, long seed) {
        try {
            return curveMig(ModelFile.load(checkpoint).model(), dataset, samples, seed);
        } catch (ModelFileException e) {
            throw new IllegalStateException("cannot read back the checkpoint " + checkpoint + ": " + e.getMessage(), e);
        }
    }

    private static double curveMig(VaeModel model, FactorDataset dataset, int samples, long seed) {
        return Mig.compute(new ModelRepresentation(model, dataset, 1024), new Mig.Config(samples, 20), seed).score();
    }

    private static Run summarise(Job job, VariantConfig variant, Trained trained, ModelAnalysis.Result result,
            int pixels, double seconds) {
        int mono = 0;
        int poly = 0;
        int dead = 0;
        for (UnitClassification.HookUnitCounts counts : result.report().unitCounts()) {
            mono += (int) Math.round(counts.monosemantic().value());
            poly += (int) Math.round(counts.polysemantic().value());
            dead += (int) Math.round(counts.dead().value());
        }
        Dci.Result dci = (Dci.Result) result.disentanglement().get("DCI");
        List<String> edges = result.report().impliedFactorGraph() == null ? List.of()
                : result.report().impliedFactorGraph().edges().stream().map(e -> e.cause() + " -> " + e.effect())
                        .toList();
        FactorGraphComparison comparison = result.report().factorGraphComparison();
        return new Run(job.dataset(), job.variant(), job.seed(), result.disentanglementScore(), dci.disentanglement(),
                result.report().modelCes(), result.report().modelSpecificity(), result.report().circuitModularity(),
                mono, poly, dead, result.report().activeLatentCount(), trained.finalLosses(),
                variant.hyperparameters(), trained.curve(), edges,
                comparison == null ? null : comparison.precision(), comparison == null ? null : comparison.recall(),
                result.readoutAccuracies(), result.reconstructionAccuracies(), result.chanceAccuracies(),
                result.confoundedPairs(), result.unreadableFactors(), result.withoutOwnIntervention(),
                tested(result, result.factorEvidence()::effect), tested(result, result.factorEffects()::effect),
                tested(result, lowerBoundOf(result)),
                result.modelCes() / Math.sqrt(pixels), result.cesAfterQuantiser(), seconds);
    }

    /** The evidence's lower bounds, as the implied graph reads them, computed once for every entry. */
    private static EntryValue lowerBoundOf(ModelAnalysis.Result result) {
        double[][] lower = result.factorEvidence().lowerBounds(FactorGraphAnalysis.EDGE_CONFIDENCE);
        return (cause, effect) -> lower[cause][effect];
    }

    /** A value per entry of the K × K factor matrix, {@code value(k, l)}. */
    private interface EntryValue {
        double of(int cause, int effect);
    }

    /** A value of each entry of the K × K factor matrix that the implied graph tested, as {@code k -> l}. */
    private static Map<String, Double> tested(ModelAnalysis.Result result, EntryValue value) {
        List<String> factors = result.factorEvidence().factors();
        Map<String, Double> tested = new LinkedHashMap<>();
        for (int k = 0; k < factors.size(); k++) {
            for (int l = 0; l < factors.size(); l++) {
                String pair = factors.get(k) + " -> " + factors.get(l);
                if (k != l && result.entry(k, l) == ImpliedEffectEvidence.Entry.TESTED) {
                    tested.put(pair, value.of(k, l));
                }
            }
        }
        return tested;
    }

    private static void write(Path file, Run run, ModelAnalysis.Result analysed) {
        try {
            ObjectNode document = JSON.createObjectNode();
            document.put("format", "vaescope-reproduction-run");
            document.put("version", 1);
            document.set("run", JSON.valueToTree(run));
            document.set("analysis", withoutCircuitGraph((ObjectNode) JSON.readTree(analysed.toJson())));
            writeJson(file, document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run file " + file, e);
        }
    }

    /**
     * The analysis without its circuit graph, which holds one edge per pair of circuit units (tens of
     * megabytes for an untrained model); its node and edge counts stay.
     */
    static ObjectNode withoutCircuitGraph(ObjectNode analysis) {
        JsonNode graph = analysis.remove("circuit_graph");
        if (graph != null) {
            ObjectNode counts = analysis.putObject("circuit_graph_size");
            counts.put("nodes", graph.path("nodes").size());
            counts.put("edges", graph.path("edges").size());
        }
        return analysis;
    }

    private static Run read(Path file) {
        try {
            JsonNode document = JSON.readTree(file.toFile());
            return JSON.treeToValue(document.get("run"), Run.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run file " + file + " (delete it to redo the run)", e);
        }
    }

    /** The runs of one dataset. */
    public static List<Run> of(List<Run> runs, String dataset) {
        return runs.stream().filter(r -> r.dataset().equals(dataset)).toList();
    }

    /**
     * The dSprites table as Markdown: per variant, means over seeds with 95 % t-intervals; the
     * paper's columns are empty for the v3 variants (v1 gives no numbers for them).
     */
    public static String table(List<Run> all) {
        List<Run> runs = of(all, "dsprites");
        StringBuilder out = new StringBuilder();
        out.append("| model | seeds | disentanglement score (MIG) | DCI disentanglement | mean CES | CES / √pixels "
                + "| specificity | circuit modularity | active latents | mono / poly / dead units "
                + "| implied edges (negative control) | paper: score | paper: CES | paper: CES / √pixels |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Variant variant : Variant.values()) {
            List<Run> of = runs.stream().filter(r -> r.variant() == variant).toList();
            if (of.isEmpty()) {
                continue;
            }
            double[] paper = PAPER.get(variant);
            out.append(String.format(Locale.ROOT,
                    "| %s | %d | %s | %s | %s | %s | %s | %s | %.1f | %.0f / %.0f / %.0f | %s | %s | %s | %s |%n",
                    variant.displayName(), of.size(), column(of, Run::mig).format("%.3f"),
                    column(of, Run::dciDisentanglement).format("%.3f"), column(of, r -> r.ces().value()).format("%.2f"),
                    column(of, Run::cesPerPixel).format("%.4f"),
                    column(of, r -> r.specificity().value()).format("%.3f"),
                    column(of, r -> r.modularity().value()).format("%.3f"), mean(of, Run::activeLatents),
                    mean(of, Run::monosemantic), mean(of, Run::polysemantic), mean(of, Run::dead),
                    of.stream().map(r -> String.valueOf(r.impliedEdges().size())).toList(),
                    paper == null ? "–" : String.format(Locale.ROOT, "%.3f", paper[0]),
                    paper == null ? "–" : String.format(Locale.ROOT, "%.2f", paper[1]),
                    paper == null ? "–" : String.format(Locale.ROOT, "%.4f", paper[1] / PAPER_IMAGE_SIDE)));
        }
        return out.toString();
    }

    /**
     * Whether our means rank the variants as the paper does, per column; empty (not testable) until
     * every variant has a run, since a ranking of fewer variants holds trivially.
     */
    public static Map<String, Boolean> orderingHolds(List<Run> all) {
        List<Run> runs = of(all, "dsprites");
        Map<String, Boolean> holds = new LinkedHashMap<>();
        if (VARIANTS.stream().anyMatch(v -> runs.stream().noneMatch(r -> r.variant() == v))) {
            return holds;
        }
        ORDERED_COLUMNS.forEach(c -> holds.put(c.name(), sameOrder(runs, c.value(), c.paperColumn())));
        return holds;
    }

    /** A table column the paper orders the variants by: how it is read from a run, and its index in {@link #PAPER}. */
    public record OrderedColumn(String name, ToDoubleFunction<Run> value, int paperColumn) {
    }

    /** The columns {@link #orderingHolds} compares with the paper, in the table's order. */
    public static final List<OrderedColumn> ORDERED_COLUMNS = List.of(
            new OrderedColumn("disentanglement score", Run::mig, 0),
            new OrderedColumn("mean CES", r -> r.ces().value(), 1));

    private static boolean sameOrder(List<Run> runs, ToDoubleFunction<Run> value, int paperColumn) {
        List<Variant> ours = byMean(runs, value);
        List<Variant> paper = new ArrayList<>(ours);
        paper.sort(Comparator.comparingDouble(v -> -PAPER.get(v)[paperColumn]));
        return ours.equals(paper);
    }

    /** The table's variants present in the runs, highest mean of the value first. */
    public static List<Variant> byMean(List<Run> runs, ToDoubleFunction<Run> value) {
        List<Variant> present = new ArrayList<>(VARIANTS.stream()
                .filter(v -> runs.stream().anyMatch(r -> r.variant() == v)).toList());
        present.sort(Comparator.comparingDouble(v -> -column(runs.stream().filter(r -> r.variant() == v).toList(), value)
                .mean()));
        return present;
    }

    /**
     * The paper's v3 correlation between CES and DCI disentanglement across models of one dataset:
     * Pearson's r over the runs with a 95 % Fisher-z interval (tanh(atanh r ± 1.96/√(n − 3))); the
     * bounds are NaN below 4 runs.
     */
    public static Summary cesDciCorrelation(List<Run> runs) {
        return correlation(runs.stream().mapToDouble(r -> r.ces().value()).toArray(),
                runs.stream().mapToDouble(Run::dciDisentanglement).toArray());
    }

    /** Pearson's r of paired values with a 95 % Fisher-z interval; the bounds are NaN below 4 pairs. */
    public static Summary correlation(double[] x, double[] y) {
        double r = pearson(x, y);
        if (x.length < 4 || Double.isNaN(r)) {
            return new Summary(r, Double.NaN, Double.NaN);
        }
        double z = 0.5 * Math.log((1 + r) / (1 - r));
        double half = 1.959964 / Math.sqrt(x.length - 3.0);
        return new Summary(r, Math.tanh(z - half), Math.tanh(z + half));
    }

    private static double pearson(double[] x, double[] y) {
        return x.length < 2 ? Double.NaN : new PearsonsCorrelation().correlation(x, y);
    }

    /** Mean and t-interval over runs of one value. */
    public static Summary column(List<Run> runs, ToDoubleFunction<Run> value) {
        return Summary.of(runs.stream().mapToDouble(value).toArray());
    }

    private static double mean(List<Run> runs, java.util.function.ToIntFunction<Run> value) {
        return runs.stream().mapToInt(value).average().orElse(Double.NaN);
    }
}
