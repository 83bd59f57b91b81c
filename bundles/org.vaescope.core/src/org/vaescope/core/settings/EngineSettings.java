package org.vaescope.core.settings;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

import org.nd4j.linalg.factory.Nd4j;
import org.vaescope.core.interpreter.run.ScriptRunOptions;
import org.vaescope.core.pipeline.ModelAnalysis;
import org.vaescope.core.runtime.MemoryBudget;
import org.vaescope.core.runtime.Nd4jRuntime;

/**
 * The user's VAEScope settings: default sample counts and seed of an analysis, ND4J's thread count and
 * the memory budget. The IDE keeps them as Eclipse preferences of the node {@value #QUALIFIER} (the
 * "VAEScope" preference page, and per project in {@value #PROJECT_FILE}); the command line reads that
 * project file when a script or model lies in such a project.
 *
 * @param pairsPerFactor input pairs per factor of the unit responses
 * @param latentSamples  inputs of latent perturbation and factor interventions
 * @param metricTrain    training samples of the disentanglement metrics
 * @param metricTest     test samples of the disentanglement metrics
 * @param scriptSamples  inputs per analysis of a script without a {@code samples} statement
 * @param seed           the seed an analysis starts from
 * @param threads        ND4J's native threads; 0 leaves ND4J's own choice
 * @param memoryBudget   the budget as {@code -Dvaescope.memoryBudget} takes it (e.g. {@code 4g}); empty: automatic
 */
public record EngineSettings(int pairsPerFactor, int latentSamples, int metricTrain, int metricTest, int scriptSamples,
        long seed, int threads, String memoryBudget) {

    /** The preference node, and so the name of the project settings file. */
    public static final String QUALIFIER = "org.vaescope";
    /** Where Eclipse keeps a project's settings of {@value #QUALIFIER}, relative to the project. */
    public static final String PROJECT_FILE = ".settings/" + QUALIFIER + ".prefs";

    public static final String PAIRS_PER_FACTOR = "analysis.pairsPerFactor";
    public static final String LATENT_SAMPLES = "analysis.latentSamples";
    public static final String METRIC_TRAIN = "analysis.metricTrain";
    public static final String METRIC_TEST = "analysis.metricTest";
    public static final String SCRIPT_SAMPLES = "script.samples";
    public static final String SEED = "analysis.seed";
    public static final String THREADS = "nd4j.threads";
    public static final String MEMORY_BUDGET = "memoryBudget";

    /** A budget given on the JVM's command line wins over the settings. */
    private static final String COMMAND_LINE_BUDGET = System.getProperty(MemoryBudget.PROPERTY);

    public EngineSettings {
        requireAtLeast(PAIRS_PER_FACTOR, pairsPerFactor, 1);
        requireAtLeast(LATENT_SAMPLES, latentSamples, 1);
        requireAtLeast(METRIC_TRAIN, metricTrain, 1);
        requireAtLeast(METRIC_TEST, metricTest, 1);
        requireAtLeast(SCRIPT_SAMPLES, scriptSamples, 1);
        requireAtLeast(THREADS, threads, 0);
        memoryBudget = memoryBudget == null ? "" : memoryBudget.strip();
        if (!memoryBudget.isEmpty()) {
            requireMemoryBudget(memoryBudget);
        }
    }

    /** The quick sample counts (ModelAnalysis.Settings.quick), seed 1, ND4J's threads, automatic budget. */
    public static EngineSettings defaults() {
        ModelAnalysis.Settings quick = ModelAnalysis.Settings.quick(1);
        return new EngineSettings(quick.pairsPerFactor(), quick.latentSamples(), quick.metricTrain(), quick.metricTest(),
                ScriptRunOptions.DEFAULT_SAMPLES, 1, 0, "");
    }

    /** The sample counts scripts run with when nothing is configured (those of {@code ModelAnalysis.Settings.defaults}). */
    public static EngineSettings scriptDefaults() {
        ModelAnalysis.Settings full = ModelAnalysis.Settings.defaults(0);
        return new EngineSettings(full.pairsPerFactor(), full.latentSamples(), full.metricTrain(), full.metricTest(),
                ScriptRunOptions.DEFAULT_SAMPLES, 0, 0, "");
    }

    /** These settings as preference values by key. */
    public Map<String, String> asPreferences() {
        return Map.of(PAIRS_PER_FACTOR, Integer.toString(pairsPerFactor), LATENT_SAMPLES, Integer.toString(latentSamples),
                METRIC_TRAIN, Integer.toString(metricTrain), METRIC_TEST, Integer.toString(metricTest), SCRIPT_SAMPLES,
                Integer.toString(scriptSamples), SEED, Long.toString(seed), THREADS, Integer.toString(threads),
                MEMORY_BUDGET, memoryBudget);
    }

    /**
     * Settings from preference values; a key without a value keeps its value in {@code fallback}.
     *
     * @param values  the value of a key, or null
     * @param fallback the settings of keys without a value
     * @param context where the values come from, for error messages (e.g. the settings file)
     * @throws IllegalArgumentException naming the context, key and value that is not valid
     */
    public static EngineSettings from(Function<String, String> values, EngineSettings fallback, String context) {
        EngineSettings d = fallback;
        try {
            return new EngineSettings(integer(values, PAIRS_PER_FACTOR, d.pairsPerFactor, context),
                    integer(values, LATENT_SAMPLES, d.latentSamples, context),
                    integer(values, METRIC_TRAIN, d.metricTrain, context),
                    integer(values, METRIC_TEST, d.metricTest, context),
                    integer(values, SCRIPT_SAMPLES, d.scriptSamples, context),
                    longValue(values, SEED, d.seed, context), integer(values, THREADS, d.threads, context),
                    Optional.ofNullable(values.apply(MEMORY_BUDGET)).orElse(d.memoryBudget));
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(context) ? e : new IllegalArgumentException(context + ": " + e.getMessage());
        }
    }

    /**
     * Reads an Eclipse preference file ({@value #PROJECT_FILE} of a project); keys it lacks keep their
     * value in {@code fallback}.
     *
     * @throws IOException when it cannot be read
     * @throws IllegalArgumentException naming the file, key and value that is not valid
     */
    public static EngineSettings read(Path file, EngineSettings fallback) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return from(properties::getProperty, fallback, file.toString());
    }

    /** The project settings file of the nearest folder at or above {@code start} that has one. */
    public static Optional<Path> findProjectFile(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve(PROJECT_FILE);
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /** The analysis settings of these sample counts and seed, on the quick read-out and bootstrap settings. */
    public ModelAnalysis.Settings analysisSettings(ModelAnalysis.Settings base) {
        return new ModelAnalysis.Settings(pairsPerFactor, latentSamples, base.carriersPerFactor(), metricTrain,
                metricTest, base.hooks(), base.readouts(), base.thresholds(), base.bootstrap(), base.batchSize(), seed,
                base.modularityRepeats());
    }

    /**
     * The options of a script run under these settings, the same for {@code ./vaescope run} and the IDE's Run As:
     * the sample count of a script without {@code samples} and, unless the run is quick, these analysis sample
     * counts; quick mode, batch size, launch dataset and launch seed stay those of {@code options}.
     */
    public ScriptRunOptions scriptRunOptions(ScriptRunOptions options) {
        return new ScriptRunOptions(options.quick(), scriptSamples, options.batchSize(), options.defaultDataset(),
                options.quick() ? null : analysisSettings(ModelAnalysis.Settings.defaults(seed)), options.seed());
    }

    /** What a script run logs of these settings: sample counts, threads and memory budget. */
    public String scriptRunSummary() {
        return String.format(Locale.ROOT, "%d inputs without 'samples', metric samples %d/%d, %s threads, budget %s",
                scriptSamples, metricTrain, metricTest, threads == 0 ? "ND4J's" : Integer.toString(threads),
                memoryBudget.isEmpty() ? "automatic" : memoryBudget);
    }

    /**
     * Makes the engine use these settings: the memory budget (unless {@code -Dvaescope.memoryBudget} was
     * given at start) and ND4J's native thread count (when set).
     */
    public void applyToRuntime() {
        if (COMMAND_LINE_BUDGET == null) {
            if (memoryBudget.isEmpty()) {
                System.clearProperty(MemoryBudget.PROPERTY);
            } else {
                System.setProperty(MemoryBudget.PROPERTY, memoryBudget);
            }
        }
        if (threads > 0) {
            Nd4jRuntime.ensureStarted();
            Nd4j.getEnvironment().setMaxThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
        }
    }

    private static int integer(Function<String, String> values, String key, int fallback, String context) {
        long value = longValue(values, key, fallback, context);
        if (value != (int) value) {
            throw new IllegalArgumentException(context + ": " + key + "=" + value + " is too large");
        }
        return (int) value;
    }

    /** @throws IllegalArgumentException when {@code budget} is not a size as {@value #MEMORY_BUDGET} takes it */
    public static void requireMemoryBudget(String budget) {
        try {
            if (MemoryBudget.parse(budget) < 1) {
                throw new IllegalArgumentException("not positive");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(MEMORY_BUDGET + "=" + budget
                    + " is not a size: write bytes or a number with k, m or g, e.g. 4g");
        }
    }

    private static long longValue(Function<String, String> values, String key, long fallback, String context) {
        String text = values.apply(key);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(context + ": " + key + "=" + text.strip() + " is not a whole number");
        }
    }

    private static void requireAtLeast(String key, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(key + " must be at least " + min + ", got " + value);
        }
    }
}
