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

/** Run As, VAEScope Script: on a selected {@code .vis} file or in the script editor. */
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
        if (file != null) {
            if (editor.isDirty()) {
                editor.doSave(null);
            }
            launch(file, mode);
        }
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
