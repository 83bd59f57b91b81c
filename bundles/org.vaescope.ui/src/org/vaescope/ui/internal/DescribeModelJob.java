package org.vaescope.ui.internal;

import java.nio.file.Path;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.WorkbenchException;
import org.eclipse.ui.statushandlers.StatusManager;
import org.vaescope.core.imports.VaeFiles;
import org.vaescope.core.model.ModelLoadException;
import org.vaescope.core.model.ModelStructure;
import org.vaescope.ui.VaescopeUi;
import org.vaescope.ui.internal.analysis.VaescopeJob;
import org.vaescope.ui.internal.views.ModelStructureView;

/**
 * Opens a model off the UI thread, then switches to the VAEScope perspective and shows the
 * structure. A failure goes to the view, the Error Log and an error dialog.
 */
public class DescribeModelJob extends VaescopeJob {

    private final IFile file;
    private final IWorkbenchWindow window;

    public DescribeModelJob(IFile file, IWorkbenchWindow window) {
        super("Describing " + file.getName(), true);
        this.file = file;
        this.window = window;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        SubMonitor progress = SubMonitor.convert(monitor, "Opening " + file.getFullPath(), 2);
        Path location = file.getLocation().toFile().toPath();
        try {
            progress.split(1);
            ModelStructure structure = VaeFiles.describe(location);
            progress.split(1);
            window.getShell().getDisplay().asyncExec(() -> show(structure));
            return Status.OK_STATUS;
        } catch (ModelLoadException e) {
            IStatus error = Status.error(e.getMessage(), e);
            window.getShell().getDisplay().asyncExec(() -> showError(error));
            return Status.OK_STATUS;
        } catch (RuntimeException | LinkageError e) {
            IStatus error = Status.error("VAEScope failed on " + file.getFullPath() + ": " + e, e);
            window.getShell().getDisplay().asyncExec(() -> showError(error));
            return Status.OK_STATUS;
        }
    }

    private void show(ModelStructure structure) {
        ModelStructureView view = openView();
        if (view != null) {
            view.showStructure(structure);
        }
    }

    private void showError(IStatus error) {
        ModelStructureView view = openView();
        if (view != null) {
            view.showError(error.getMessage());
        }
        StatusManager.getManager().handle(error, StatusManager.LOG | StatusManager.SHOW);
    }

    private ModelStructureView openView() {
        if (window.getShell().isDisposed()) {
            return null;
        }
        try {
            IWorkbenchPage page = window.getWorkbench().showPerspective(VaescopeUi.PERSPECTIVE_ID, window);
            return (ModelStructureView) page.showView(VaescopeUi.MODEL_STRUCTURE_VIEW_ID);
        } catch (PartInitException e) {
            StatusManager.getManager().handle(e.getStatus(), StatusManager.LOG);
        } catch (WorkbenchException e) {
            StatusManager.getManager().handle(Status.error("Cannot open the VAEScope perspective", e),
                    StatusManager.LOG);
        }
        return null;
    }
}
