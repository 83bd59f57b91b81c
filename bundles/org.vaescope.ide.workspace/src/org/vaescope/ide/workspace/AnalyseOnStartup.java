package org.vaescope.ide.workspace;

import java.util.Map;

import org.eclipse.core.commands.Command;
import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.core.expressions.IEvaluationContext;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Path;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.ui.IStartup;
import org.eclipse.ui.ISources;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.IHandlerService;

/**
 * Runs "Analyse with VAEScope" (with the model's last settings, else the VAEScope preferences) on the
 * workspace file that the system property {@value #PROPERTY} names, e.g.
 * {@code -Dvaescope.analyse=vaescope-demo/models/betavae-dsprites.vsm}, once the workbench is up. The
 * analysis job writes the {@code .vsa} beside the model and opens it, so every view has data. {@code
 * ./vaescope ide} sets it when it prepares a new demo workspace, and the install test to run Analyse inside
 * the installed IDE. Without the property nothing happens.
 */
public class AnalyseOnStartup implements IStartup {

    static final String PROPERTY = "vaescope.analyse";
    private static final String ANALYSE_COMMAND = "org.vaescope.ui.commands.analyseModel";
    private static final String USE_LAST = ANALYSE_COMMAND + ".useLast";

    @Override
    public void earlyStartup() {
        String path = System.getProperty(PROPERTY, "").strip();
        if (path.isEmpty()) {
            return;
        }
        IFile model = ResourcesPlugin.getWorkspace().getRoot().getFile(new Path(path));
        try {
            model.getProject().refreshLocal(IResource.DEPTH_INFINITE, null);
        } catch (CoreException e) {
            log().log(e.getStatus());
        }
        if (!model.exists()) {
            log().error("-D" + PROPERTY + "=" + path + ": no such file in the workspace "
                    + ResourcesPlugin.getWorkspace().getRoot().getLocation());
            return;
        }
        PlatformUI.getWorkbench().getDisplay().asyncExec(() -> analyse(model));
    }

    private static void analyse(IFile model) {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        if (window == null) {
            return;
        }
        IHandlerService handlers = window.getService(IHandlerService.class);
        Command command = window.getService(ICommandService.class).getCommand(ANALYSE_COMMAND);
        IEvaluationContext context = handlers.createContextSnapshot(false);
        context.addVariable(ISources.ACTIVE_CURRENT_SELECTION_NAME, new StructuredSelection(model));
        context.addVariable(ISources.ACTIVE_WORKBENCH_WINDOW_NAME, window);
        context.addVariable(ISources.ACTIVE_SHELL_NAME, window.getShell());
        try {
            handlers.executeCommandInContext(ParameterizedCommand.generateCommand(command, Map.of(USE_LAST, "true")),
                    null, context);
        } catch (Exception e) {
            log().error("could not analyse " + model.getFullPath() + " at start: " + e.getMessage(), e);
        }
    }

    private static ILog log() {
        return ILog.of(AnalyseOnStartup.class);
    }
}
