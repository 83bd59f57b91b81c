package org.vaescope.core.internal.interpreter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vaescope.core.analysis.UnitEffects;
import org.vaescope.core.interventions.ImageGrid;
import org.vaescope.core.progress.ProgressMonitor;
import org.vaescope.metrics.MetricResult;
import org.vaescope.core.pipeline.ModelAnalysis;
import org.vaescope.core.vae.HookedVae;

/**
 * One model of a run and what is computed for it once and reused: the whole {@link ModelAnalysis}
 * (run lazily by the first analysis statement), its unit effects, the disentanglement metrics and the
 * image grids of traversals.
 */
public final class ModelSession {

    private final String name;
    private final String writtenPath;
    private final HookedVae model;
    private final RunContext context;
    private ModelAnalysis.Result analysis;
    private UnitEffects unitEffects;
    private final Map<String, MetricResult> metrics = new LinkedHashMap<>();
    private final List<ImageGrid> grids = new ArrayList<>();

    public ModelSession(String name, String writtenPath, HookedVae model, RunContext context) {
        this.name = name;
        this.writtenPath = writtenPath;
        this.model = model;
        this.context = context;
    }

    /** The model's name in reports: its {@code as} name or its file name without extension. */
    public String name() {
        return name;
    }

    /** The model file as the script names it. */
    public String writtenPath() {
        return writtenPath;
    }

    public HookedVae model() {
        return model;
    }

    public RunContext context() {
        return context;
    }

    /** The whole analysis, computed on first use. */
    public ModelAnalysis.Result analysis(ProgressMonitor monitor) {
        if (analysis == null) {
            analysis = ModelAnalysis.run(model, context.dataset(), context.analysisSettings(), monitor);
        }
        return analysis;
    }

    /** True when the analysis has been computed. */
    public boolean hasAnalysis() {
        return analysis != null;
    }

    /** The analysis if it has been computed, else null. */
    public ModelAnalysis.Result analysisOrNull() {
        return analysis;
    }

    /**
     * The unit effects of the analysis (computing it if needed), with its dead-unit rule applied, so
     * that tables built on them class units as its report does.
     */
    public UnitEffects unitEffects(ProgressMonitor monitor) {
        if (unitEffects == null) {
            unitEffects = analysis(monitor).units().unitEffects();
        }
        return unitEffects;
    }

    /** Disentanglement metrics computed by {@code metric} statements, by name. */
    public Map<String, MetricResult> metrics() {
        return metrics;
    }

    /** The image grids made so far (traversals), oldest first. */
    public List<ImageGrid> grids() {
        return grids;
    }
}
