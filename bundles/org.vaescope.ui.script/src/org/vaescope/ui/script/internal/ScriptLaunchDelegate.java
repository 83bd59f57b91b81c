package org.vaescope.ui.script.internal;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspaceRoot;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.model.ILaunchConfigurationDelegate;
import org.vaescope.core.interpreter.run.ScriptRunOptions;
import org.vaescope.core.settings.EngineSettings;
import org.vaescope.ui.script.ScriptUi;

/**
 * Launches a "VAEScope Script" configuration: validates it and schedules a {@link ScriptRunJob} with the
 * project's VAEScope preferences ({@link ScriptRunSettings}), read at each launch as {@code ./vaescope run} reads them.
 */
public final class ScriptLaunchDelegate implements ILaunchConfigurationDelegate {

    @Override
    public void launch(ILaunchConfiguration configuration, String mode, ILaunch launch, IProgressMonitor monitor)
            throws CoreException {
        IFile script = script(configuration);
        IContainer output = outputFolder(configuration, script);
        EngineSettings settings = ScriptRunSettings.of(script.getProject());
        ScriptConsole.get().show();
        new ScriptRunJob(script, output, options(configuration, settings), settings).schedule();
    }

    /** The run's options: quick mode and seed of the configuration, sample counts of the VAEScope preferences. */
    static ScriptRunOptions options(ILaunchConfiguration configuration, EngineSettings settings) throws CoreException {
        return settings.scriptRunOptions(ScriptRunOptions.defaults()
                .withQuick(configuration.getAttribute(ScriptUi.ATTR_QUICK, false))
                .withSeed(seed(configuration)));
    }

    static IFile script(ILaunchConfiguration configuration) throws CoreException {
        String path = configuration.getAttribute(ScriptUi.ATTR_SCRIPT, "");
        IResource resource = path.isBlank() ? null : root().findMember(path);
        if (!(resource instanceof IFile file) || !file.exists()) {
            throw problem("the script '" + path + "' of launch configuration '" + configuration.getName()
                    + "' does not exist in the workspace");
        }
        return file;
    }

    /** The configured output folder, or {@code NAME-out} beside the script. */
    static IContainer outputFolder(ILaunchConfiguration configuration, IFile script) throws CoreException {
        String path = configuration.getAttribute(ScriptUi.ATTR_OUTPUT, "");
        if (path.isBlank()) {
            String name = script.getName().replaceFirst("\\.vis$", "") + "-out";
            return script.getParent().getFolder(IPath.fromOSString(name));
        }
        IPath folder = IPath.fromOSString(path);
        if (folder.segmentCount() < 2) {
            throw problem("the output folder '" + path + "' must be a folder inside a project");
        }
        return root().getFolder(folder);
    }

    /** The seed of the configuration, or null for the script's own. */
    static Long seed(ILaunchConfiguration configuration) throws CoreException {
        String text = configuration.getAttribute(ScriptUi.ATTR_SEED, "").strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw problem("the seed '" + text + "' of launch configuration '" + configuration.getName()
                    + "' is not an integer");
        }
    }

    private static IWorkspaceRoot root() {
        return ResourcesPlugin.getWorkspace().getRoot();
    }

    private static CoreException problem(String message) {
        return new CoreException(Status.error(message));
    }
}
