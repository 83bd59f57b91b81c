package org.vaescope.ui.internal.handlers;

import java.util.function.BiConsumer;

import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;

/** The one local file a model command was run on. */
final class ModelFileSelection {

    private ModelFileSelection() {
    }

    /** Calls {@code action} with the selected file and the window, if exactly one local file is selected. */
    static void ifOneFile(ExecutionEvent event, BiConsumer<IFile, IWorkbenchWindow> action) {
        ISelection selection = HandlerUtil.getCurrentSelection(event);
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindow(event);
        if (window == null || !(selection instanceof IStructuredSelection structured) || structured.size() != 1) {
            return;
        }
        IFile file = Adapters.adapt(structured.getFirstElement(), IFile.class);
        if (file != null && file.getLocation() != null) {
            action.accept(file, window);
        }
    }
}
