package org.vaescope.ui.internal.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;
import org.vaescope.ui.internal.AnalyseModelJob;

/** "Analyse with VAEScope" on a model file: opens it in a background job. */
public class AnalyseModelHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        ISelection selection = HandlerUtil.getCurrentSelection(event);
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindow(event);
        if (window == null || !(selection instanceof IStructuredSelection structured) || structured.size() != 1) {
            return null;
        }
        IFile file = Adapters.adapt(structured.getFirstElement(), IFile.class);
        if (file != null && file.getLocation() != null) {
            new AnalyseModelJob(file, window).schedule();
        }
        return null;
    }
}
