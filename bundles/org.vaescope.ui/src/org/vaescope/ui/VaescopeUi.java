package org.vaescope.ui;

/** Identifiers of the VAEScope IDE contributions, for other plug-ins and tests. */
public final class VaescopeUi {

    public static final String PLUGIN_ID = "org.vaescope.ui";
    public static final String PERSPECTIVE_ID = "org.vaescope.ui.perspective";
    public static final String MODEL_STRUCTURE_VIEW_ID = "org.vaescope.ui.views.modelStructure";
    public static final String CIRCUIT_GRAPH_VIEW_ID = "org.vaescope.ui.views.circuitGraph";
    public static final String LATENT_TRAVERSALS_VIEW_ID = "org.vaescope.ui.views.latentTraversals";
    public static final String UNIT_EFFECTS_VIEW_ID = "org.vaescope.ui.views.unitEffects";
    public static final String METRICS_VIEW_ID = "org.vaescope.ui.views.metrics";
    public static final String FACTOR_GRAPH_VIEW_ID = "org.vaescope.ui.views.factorGraph";
    public static final String ANALYSIS_EDITOR_ID = "org.vaescope.ui.editors.analysis";
    /** Opens the "Analyse with VAEScope…" dialog on a saved VAEScope model, then runs the analysis. */
    public static final String ANALYSE_MODEL_COMMAND_ID = "org.vaescope.ui.commands.analyseModel";
    /** Parameter of the analyse command: "true" runs with the model's last (or default) settings, no dialog. */
    public static final String ANALYSE_USE_LAST_PARAMETER = "org.vaescope.ui.commands.analyseModel.useLast";
    /** Lists the layers of any model file the engine reads; instant, no analysis. */
    public static final String DESCRIBE_MODEL_COMMAND_ID = "org.vaescope.ui.commands.describeModel";
    /** Family of every background job VAEScope schedules; join it to wait for them. */
    public static final Object JOB_FAMILY = VaescopeUi.class;

    private VaescopeUi() {
    }
}
