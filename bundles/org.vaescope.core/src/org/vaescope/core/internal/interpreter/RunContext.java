package org.vaescope.core.internal.interpreter;

import org.vaescope.core.interpreter.run.ScriptRunOptions;
import org.vaescope.core.progress.ProgressMonitor;
import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.pipeline.ModelAnalysis;
import org.vaescope.core.readout.FactorReadouts;
import org.vaescope.script.ast.NumberLiteral;

/**
 * What every model of a run shares: the dataset, the seed, the sample counts, the analysis settings
 * and the factor read-outs (trained once, on first use, for the whole run).
 */
public final class RunContext {

    private final FactorDataset dataset;
    private final String datasetText;
    private final long seed;
    private final int samples;
    private final boolean quick;
    private final int quickCap;
    private final int batchSize;
    private final ModelAnalysis.Settings analysisSettings;
    private FactorReadouts readouts;

    /**
     * @param samples  the script's default sample count, already capped for a quick run
     * @param quickCap the cap of every sample count in a quick run (ignored otherwise)
     * @param base     analysis settings whose read-out, metric, threshold and bootstrap parts are used
     */
    public RunContext(FactorDataset dataset, String datasetText, long seed, int samples, boolean quick, int quickCap,
            int batchSize, ModelAnalysis.Settings base) {
        this.dataset = dataset;
        this.datasetText = datasetText;
        this.seed = seed;
        this.samples = samples;
        this.quick = quick;
        this.quickCap = quickCap;
        this.batchSize = batchSize;
        this.analysisSettings = new ModelAnalysis.Settings(samples, samples, base.carriersPerFactor(),
                base.metricTrain(), base.metricTest(), base.hooks(), base.readouts(), base.thresholds(),
                base.bootstrap(), batchSize, seed, base.modularityRepeats());
    }

    public FactorDataset dataset() {
        return dataset;
    }

    /** The dataset as the script names it, e.g. {@code dsprites(size=32)}. */
    public String datasetText() {
        return datasetText;
    }

    public long seed() {
        return seed;
    }

    /** The script's default sample count as this run uses it. */
    public int samples() {
        return samples;
    }

    public boolean quick() {
        return quick;
    }

    public int batchSize() {
        return batchSize;
    }

    /** A statement's {@code samples} option, or the default; capped in a quick run. */
    public int samples(NumberLiteral option) {
        if (option == null) {
            return samples;
        }
        int requested = option.intValue();
        return quick ? Math.min(requested, quickCap) : requested;
    }

    /** A traversal's step count; capped in a quick run. */
    public int traversalSteps(NumberLiteral option) {
        int requested = option.intValue();
        return quick ? Math.min(requested, ScriptRunOptions.QUICK_TRAVERSAL_STEPS) : requested;
    }

    /** The settings of the shared {@link ModelAnalysis}: the script's samples and seed. */
    public ModelAnalysis.Settings analysisSettings() {
        return analysisSettings;
    }

    /** The factor read-outs, trained on first use with the analysis' read-out settings. */
    public synchronized FactorReadouts readouts(ProgressMonitor monitor) {
        if (readouts == null) {
            readouts = FactorReadouts.train(dataset, analysisSettings.readouts(), monitor);
        }
        return readouts;
    }
}
