package org.vaescope.ui.script;

/** Identifiers the script editor contributes, for other bundles and tests. */
public final class ScriptUi {

    /** The content type of {@code *.vis} files. */
    public static final String CONTENT_TYPE = "org.vaescope.ui.script.vis";
    /** The script editor. */
    public static final String EDITOR_ID = "org.vaescope.ui.script.editor";
    /** Problem markers of scripts (checker diagnostics on save, run-time errors). */
    public static final String PROBLEM_MARKER = "org.vaescope.ui.script.problem";
    /** The launch configuration type "VAEScope Script". */
    public static final String LAUNCH_TYPE = "org.vaescope.ui.script.launch";
    /** Launch attribute: the script, a workspace path. */
    public static final String ATTR_SCRIPT = "org.vaescope.ui.script.launch.script";
    /** Launch attribute: the output folder, a workspace path; empty for NAME-out beside the script. */
    public static final String ATTR_OUTPUT = "org.vaescope.ui.script.launch.output";
    /** Launch attribute: quick mode (every sample count capped). */
    public static final String ATTR_QUICK = "org.vaescope.ui.script.launch.quick";
    /** Launch attribute: the seed as text; empty for the script's own {@code seed}. */
    public static final String ATTR_SEED = "org.vaescope.ui.script.launch.seed";
    /** The console a run logs to. */
    public static final String CONSOLE_NAME = "VAEScope Script Runs";

    private ScriptUi() {
    }
}
