package org.vaescope.ui.internal.preferences;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ProjectScope;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.preferences.IScopeContext;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;
import org.vaescope.core.settings.EngineSettings;

/**
 * Window › Preferences › VAEScope: the default sample counts and seed of the Analyse dialog and of script
 * runs, ND4J's thread count and the memory budget ({@link EngineSettings}). They are workspace preferences
 * of the node {@value EngineSettings#QUALIFIER}; a project's {@value EngineSettings#PROJECT_FILE} overrides
 * them for its models and is what the command line reads.
 */
public class VaescopePreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    public static final String ID = "org.vaescope.ui.preferences";

    public VaescopePreferencePage() {
        super(GRID);
        setDescription("Defaults of the Analyse dialog and of script runs, and the engine's resources.\n"
                + "A project's " + EngineSettings.PROJECT_FILE + " overrides them; the command line reads that file.");
    }

    @Override
    public void init(IWorkbench workbench) {
        setPreferenceStore(workspaceStore());
    }

    /** The workspace's VAEScope preferences, with {@link EngineSettings#defaults()} as their defaults. */
    public static IPreferenceStore workspaceStore() {
        ScopedPreferenceStore store = new ScopedPreferenceStore(InstanceScope.INSTANCE, EngineSettings.QUALIFIER);
        EngineSettings.defaults().asPreferences().forEach(store::setDefault);
        return store;
    }

    /**
     * The settings that apply to a model of {@code project}: its project settings, else the workspace's,
     * else the defaults. A value that is not valid falls back to the defaults for all (and is logged).
     */
    public static EngineSettings settings(IProject project) {
        IScopeContext[] scopes = project == null ? new IScopeContext[] { InstanceScope.INSTANCE }
                : new IScopeContext[] { new ProjectScope(project), InstanceScope.INSTANCE };
        String where = project == null ? "VAEScope preferences"
                : "VAEScope preferences of " + project.getName();
        try {
            return EngineSettings.from(
                    key -> Platform.getPreferencesService().getString(EngineSettings.QUALIFIER, key, null, scopes),
                    EngineSettings.defaults(), where);
        } catch (IllegalArgumentException e) {
            Platform.getLog(VaescopePreferencePage.class).warn(e.getMessage() + " — using the defaults");
            return EngineSettings.defaults();
        }
    }

    @Override
    protected void createFieldEditors() {
        count(EngineSettings.PAIRS_PER_FACTOR, "Input pairs per factor");
        count(EngineSettings.LATENT_SAMPLES, "Latent perturbation inputs");
        count(EngineSettings.METRIC_TRAIN, "Metric training samples");
        count(EngineSettings.METRIC_TEST, "Metric test samples");
        count(EngineSettings.SCRIPT_SAMPLES, "Script inputs without a 'samples' statement");
        addField(new CheckedField(EngineSettings.SEED, "Seed", this::seedProblem));
        IntegerFieldEditor threads = new IntegerFieldEditor(EngineSettings.THREADS, "ND4J threads (0: ND4J's choice)",
                getFieldEditorParent());
        threads.setValidRange(0, 1024);
        addField(threads);
        addField(new CheckedField(EngineSettings.MEMORY_BUDGET, "Memory budget (e.g. 4g; empty: half the RAM)",
                this::budgetProblem));
    }

    private void count(String key, String label) {
        IntegerFieldEditor field = new IntegerFieldEditor(key, label, getFieldEditorParent());
        field.setValidRange(1, 10_000_000);
        addField(field);
    }

    private String seedProblem(String text) {
        try {
            Long.parseLong(text.strip());
            return null;
        } catch (NumberFormatException e) {
            return "The seed must be a whole number";
        }
    }

    private String budgetProblem(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            EngineSettings.requireMemoryBudget(text.strip());
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** A text field whose value a function checks (null: valid, else the problem). */
    private final class CheckedField extends StringFieldEditor {
        private final java.util.function.Function<String, String> problem;

        CheckedField(String key, String label, java.util.function.Function<String, String> problem) {
            super(key, label, getFieldEditorParent());
            this.problem = problem;
        }

        @Override
        protected boolean doCheckState() {
            String message = problem.apply(getStringValue());
            setErrorMessage(message);
            return message == null;
        }
    }
}
