package org.vaescope.ui.internal.preferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ProjectScope;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vaescope.core.settings.EngineSettings;
import org.vaescope.ui.testing.Workbenches;

/**
 * Window › Preferences › VAEScope in the real workbench, and the same settings seen by the IDE (workspace
 * and project preferences) and by the command line (the project's .settings/org.vaescope.prefs).
 */
class VaescopePreferencePageTest {

    private IProject project;

    @AfterEach
    void cleanUp() throws Exception {
        IEclipsePreferences workspace = InstanceScope.INSTANCE.getNode(EngineSettings.QUALIFIER);
        workspace.clear();
        workspace.flush();
        if (project != null) {
            project.delete(true, true, null);
        }
    }

    @Test
    void thePageOpensInThePreferenceDialog() throws Exception {
        PreferenceDialog dialog = PreferencesUtil.createPreferenceDialogOn(
                PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), VaescopePreferencePage.ID,
                new String[] {VaescopePreferencePage.ID}, null);
        dialog.setBlockOnOpen(false);
        dialog.open();
        try {
            assertInstanceOf(VaescopePreferencePage.class, dialog.getSelectedPage());
            Workbenches.screenshot(dialog.getShell(), "vaescope-preferences");
        } finally {
            dialog.close();
        }
    }

    @Test
    void withoutPreferencesTheDefaultsApply() {
        assertEquals(EngineSettings.defaults(), VaescopePreferencePage.settings(null));
    }

    @Test
    void workspacePreferencesGiveTheDefaultsAndAProjectOverridesThem() throws Exception {
        var store = VaescopePreferencePage.workspaceStore();
        store.setValue(EngineSettings.METRIC_TRAIN, 333);
        store.setValue(EngineSettings.SEED, "17");
        project = ResourcesPlugin.getWorkspace().getRoot().getProject("preferences-test");
        project.create(null);
        project.open(null);
        assertEquals(333, VaescopePreferencePage.settings(project).metricTrain());
        assertEquals(17, VaescopePreferencePage.settings(project).seed());

        IEclipsePreferences projectNode = new ProjectScope(project).getNode(EngineSettings.QUALIFIER);
        projectNode.put(EngineSettings.SEED, "99");
        projectNode.put(EngineSettings.THREADS, "2");
        projectNode.flush();
        EngineSettings inTheIde = VaescopePreferencePage.settings(project);
        assertEquals(99, inTheIde.seed());
        assertEquals(333, inTheIde.metricTrain());

        Path file = project.getLocation().toFile().toPath().resolve(EngineSettings.PROJECT_FILE);
        EngineSettings forTheCommandLine = EngineSettings.read(file, EngineSettings.defaults());
        assertEquals(99, forTheCommandLine.seed());
        assertEquals(2, forTheCommandLine.threads());
    }

    @Test
    void anInvalidValueFallsBackToTheDefaults() throws Exception {
        VaescopePreferencePage.workspaceStore().setValue(EngineSettings.LATENT_SAMPLES, "0");
        assertEquals(EngineSettings.defaults(), VaescopePreferencePage.settings(null));
    }
}
