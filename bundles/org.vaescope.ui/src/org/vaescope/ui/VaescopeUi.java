package org.vaescope.ui;

/** Identifiers of the VAEScope IDE contributions, for other plug-ins and tests. */
public final class VaescopeUi {

    public static final String PLUGIN_ID = "org.vaescope.ui";
    public static final String PERSPECTIVE_ID = "org.vaescope.ui.perspective";
    public static final String MODEL_STRUCTURE_VIEW_ID = "org.vaescope.ui.views.modelStructure";
    public static final String ANALYSE_MODEL_COMMAND_ID = "org.vaescope.ui.commands.analyseModel";
    /** Family of every background job VAEScope schedules; join it to wait for them. */
    public static final Object JOB_FAMILY = VaescopeUi.class;

    private VaescopeUi() {
    }
}
