package org.vaescope.ui.script.internal;

import java.util.Arrays;
import java.util.Optional;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.ILaunchShortcut;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IEditorPart;
import org.vaescope.ui.script.ScriptUi;

/**
 * Run As, VAEScope Script: on a selected {@code .vis} file or in the script editor. A script opened from
 * outside the workspace gets an explanation in the console instead of a run.
 */
public final class ScriptLaunchShortcut implements ILaunchShortcut {

    @Override
    public void launch(ISelection selection, String mode) {
        if (selection instanceof IStructuredSelection structured) {
            IFile file = Adapters.adapt(structured.getFirstElement(), IFile.class);
            if (file != null) {
                launch(file, mode);
            }
        }
    }

    @Override
    public void launch(IEditorPart editor, String mode) {
        IFile file = editor.getEditorInput().getAdapter(IFile.class);
        if (file == null) {
            explainOutsideWorkspace(ScriptDocuments.pathOf(editor.getEditorInput()));
            return;
        }
        if (editor.isDirty()) {
            editor.doSave(null);
        }
        launch(file, mode);
    }

    /** A script opened from outside the workspace is not run: says why and what to do, in the console. */
    static String explainOutsideWorkspace(java.nio.file.Path script) {
        String name = script == null ? "this script" : script.toString();
        String message = "Run As cannot run " + name + ": it is outside the workspace, and a run keeps its outputs,"
                + " problem markers and report in the script's project. Import it into a project (File > Import >"
                + " General > File System, or drag it onto a project) and run it there, or run it from a shell with"
                + " ./vaescope run " + (script == null ? "SCRIPT.vis" : script.toString());
        ScriptConsole console = ScriptConsole.get();
        console.error(message);
        console.show();
        return message;
    }

    private static void launch(IFile script, String mode) {
        try {
            DebugUITools.launch(configurationFor(script), mode);
        } catch (CoreException e) {
            ScriptConsole.get().error("cannot launch " + script.getFullPath() + ": " + e.getMessage());
        }
    }

    /** The existing configuration of this script, or a new saved one with the defaults. */
    public static ILaunchConfiguration configurationFor(IFile script) throws CoreException {
        ILaunchManager manager = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationType type = manager.getLaunchConfigurationType(ScriptUi.LAUNCH_TYPE);
        String path = script.getFullPath().toString();
        Optional<ILaunchConfiguration> existing = Arrays.stream(manager.getLaunchConfigurations(type))
                .filter(c -> path.equals(attribute(c))).findFirst();
        if (existing.isPresent()) {
            return existing.get();
        }
        ILaunchConfigurationWorkingCopy copy = type.newInstance(null,
                manager.generateLaunchConfigurationName(script.getName()));
        copy.setAttribute(ScriptUi.ATTR_SCRIPT, path);
        copy.setAttribute(ScriptUi.ATTR_OUTPUT, "");
        copy.setAttribute(ScriptUi.ATTR_QUICK, false);
        copy.setAttribute(ScriptUi.ATTR_SEED, "");
        copy.setMappedResources(new org.eclipse.core.resources.IResource[] {script});
        return copy.doSave();
    }

    private static String attribute(ILaunchConfiguration configuration) {
        try {
            return configuration.getAttribute(ScriptUi.ATTR_SCRIPT, "");
        } catch (CoreException e) {
            return "";
        }
    }
}
