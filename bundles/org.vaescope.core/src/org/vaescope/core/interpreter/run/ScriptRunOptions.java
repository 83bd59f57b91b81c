package org.vaescope.core.interpreter.run;

import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.pipeline.ModelAnalysis;

/**
 * How {@code ScriptRunner} runs a script.
 *
 * @param quick          small sample counts for previews and tests: every sample count is capped at
 *                       {@link #QUICK_SAMPLE_CAP} and the analysis uses {@code ModelAnalysis.Settings.quick}
 *                       (fewer read-out, metric and bootstrap samples)
 * @param defaultSamples inputs per analysis when the script has no {@code samples} statement
 * @param batchSize      inputs per forward pass
 * @param defaultDataset the dataset chosen at launch, used when the script has no {@code dataset}
 *                       statement; null to fall back on the model's training dataset
 * @param analysisBase   the analysis settings whose read-out, metric-sample, threshold and bootstrap
 *                       parts the run uses (the script's seed and samples replace the others); null for
 *                       {@code ModelAnalysis.Settings.defaults}, or {@code quick} in a quick run
 * @param seed           the seed chosen at launch, replacing the script's {@code seed}; null for the script's
 */
public record ScriptRunOptions(boolean quick, int defaultSamples, int batchSize, FactorDataset defaultDataset,
        ModelAnalysis.Settings analysisBase, Long seed) {

    /** Inputs per analysis without a {@code samples} statement. */
    public static final int DEFAULT_SAMPLES = 200;
    /** The largest sample count of a quick run. */
    public static final int QUICK_SAMPLE_CAP = 50;

    public ScriptRunOptions {
        if (defaultSamples < 1) {
            throw new IllegalArgumentException("default sample count must be at least 1, got " + defaultSamples);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
    }

    /** Options that keep the script's own seed. */
    public ScriptRunOptions(boolean quick, int defaultSamples, int batchSize, FactorDataset defaultDataset,
            ModelAnalysis.Settings analysisBase) {
        this(quick, defaultSamples, batchSize, defaultDataset, analysisBase, null);
    }

    /** Full sample counts, batches of 64, no launch dataset. */
    public static ScriptRunOptions defaults() {
        return new ScriptRunOptions(false, DEFAULT_SAMPLES, 64, null, null);
    }

    /** These options with a launch seed that overrides the script's {@code seed} (null: the script's). */
    public ScriptRunOptions withSeed(Long launchSeed) {
        return new ScriptRunOptions(quick, defaultSamples, batchSize, defaultDataset, analysisBase, launchSeed);
    }

    /** The seed of a run of a script whose own seed is this (the launch seed wins). */
    public long seedOf(java.util.Optional<Long> scriptSeed) {
        return seed != null ? seed : scriptSeed.orElse(0L);
    }

    /** These options with quick mode on or off. */
    public ScriptRunOptions withQuick(boolean value) {
        return new ScriptRunOptions(value, defaultSamples, batchSize, defaultDataset, analysisBase, seed);
    }

    /** These options with a launch dataset. */
    public ScriptRunOptions withDefaultDataset(FactorDataset dataset) {
        return new ScriptRunOptions(quick, defaultSamples, batchSize, dataset, analysisBase, seed);
    }

    /** These options with other base analysis settings (null: the defaults). */
    public ScriptRunOptions withAnalysisBase(ModelAnalysis.Settings settings) {
        return new ScriptRunOptions(quick, defaultSamples, batchSize, defaultDataset, settings, seed);
    }

    /** The base analysis settings of a run with this seed. */
    public ModelAnalysis.Settings analysisBase(long seed) {
        if (analysisBase != null) {
            return analysisBase;
        }
        return quick ? ModelAnalysis.Settings.quick(seed) : ModelAnalysis.Settings.defaults(seed);
    }

    /** A sample count as this run uses it: capped in quick mode. */
    public int effectiveSamples(int requested) {
        return quick ? Math.min(requested, QUICK_SAMPLE_CAP) : requested;
    }
}
