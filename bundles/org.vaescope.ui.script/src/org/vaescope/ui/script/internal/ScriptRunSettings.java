package org.vaescope.ui.script.internal;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ProjectScope;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.preferences.IScopeContext;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.vaescope.core.settings.EngineSettings;

/**
 * The VAEScope preferences a script run uses: the project's {@value EngineSettings#PROJECT_FILE} (the file
 * {@code ./vaescope run} reads), then the workspace's (Window › Preferences › VAEScope); a key set in neither
 * keeps the value a script run has without settings ({@link EngineSettings#scriptDefaults()}), as on the
 * command line.
 */
final class ScriptRunSettings {

    private ScriptRunSettings() {
    }

    /** @throws CoreException naming the preferences, key and value when a value is not valid */
    static EngineSettings of(IProject project) throws CoreException {
        IScopeContext[] scopes = {new ProjectScope(project), InstanceScope.INSTANCE};
        String where = "VAEScope preferences (" + project.getFullPath().append(EngineSettings.PROJECT_FILE)
                + ", then the workspace's)";
        try {
            return EngineSettings.from(
                    key -> Platform.getPreferencesService().getString(EngineSettings.QUALIFIER, key, null, scopes),
                    EngineSettings.scriptDefaults(), where);
        } catch (IllegalArgumentException e) {
            throw new CoreException(Status.error(e.getMessage()));
        }
    }
}
