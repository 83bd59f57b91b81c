package org.vaescope.ui.internal;

import java.nio.file.Path;
import java.util.Map;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
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
import org.vaescope.ui.internal.dialogs.RolesQuestion;
import org.vaescope.ui.internal.views.ModelStructureView;

/**
 * Opens a model off the UI thread, then switches to the VAEScope perspective and shows the
 * structure. An imported model whose roles its graph does not settle is asked about once
 * ({@link RolesQuestion}); any other failure goes to the view, the Error Log and an error dialog.
 */
public class DescribeModelJob extends VaescopeJob {

    private final IFile file;
    private final IWorkbenchWindow window;
    private final Map<String, String> answeredRoles;

    public DescribeModelJob(IFile file, IWorkbenchWindow window) {
        this(file, window, null);
    }

    /** Writes the roles the user gave ({@link RolesQuestion}) beside the model first, when not null. */
    private DescribeModelJob(IFile file, IWorkbenchWindow window, Map<String, String> answeredRoles) {
        super("Describing " + file.getName(), true);
        this.file = file;
        this.window = window;
        this.answeredRoles = answeredRoles;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        SubMonitor progress = SubMonitor.convert(monitor, "Opening " + file.getFullPath(), 2);
        Path location = file.getLocation().toFile().toPath();
        try {
            if (answeredRoles != null) {
                RolesQuestion.write(file, answeredRoles, progress);
            }
            progress.split(1);
            ModelStructure structure = VaeFiles.describe(location);
            progress.split(1);
            window.getShell().getDisplay().asyncExec(() -> show(structure));
            return Status.OK_STATUS;
        } catch (ModelLoadException e) {
            if (answeredRoles == null && RolesQuestion.askIfAboutRoles(e, file, window,
                    roles -> new DescribeModelJob(file, window, roles).schedule())) {
                return Status.OK_STATUS;
            }
            IStatus error = Status.error(e.getMessage(), e);
            window.getShell().getDisplay().asyncExec(() -> showError(error));
            return Status.OK_STATUS;
        } catch (CoreException e) {
            window.getShell().getDisplay().asyncExec(() -> showError(e.getStatus()));
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
