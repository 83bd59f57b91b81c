package org.vaescope.ui.internal.handlers;

import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.window.Window;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.statushandlers.StatusManager;
import org.vaescope.core.hooks.HookPoint;
import org.vaescope.core.imports.VaeFiles;
import org.vaescope.core.store.ModelFileException;
import org.vaescope.ui.VaescopeUi;
import org.vaescope.ui.internal.RunAnalysisJob;
import org.vaescope.ui.internal.analysis.VaescopeJob;
import org.vaescope.ui.internal.analysis.AnalysisRequest;
import org.vaescope.ui.internal.preferences.VaescopePreferencePage;
import org.vaescope.ui.internal.dialogs.AnalyseDialog;

/**
 * "Analyse with VAEScope…" on a saved or imported model ({@link VaeFiles}): reads the model's hook points in a job, asks for the
 * dataset, sample counts, seed and hooks (starting from the last choice for this model), remembers
 * the answer and runs the analysis in a job. With the parameter {@value VaescopeUi#ANALYSE_USE_LAST_PARAMETER}
 * set to "true" it runs the last (or default) choice without asking.
 */
public class AnalyseModelHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        boolean useLast = "true".equals(event.getParameter(VaescopeUi.ANALYSE_USE_LAST_PARAMETER));
        ModelFileSelection.ifOneFile(event, (model, window) -> new PrepareJob(model, window, useLast).schedule());
        return null;
    }

    /** Reads the model's metadata and hook points off the UI thread, then asks and starts the analysis. */
    private static final class PrepareJob extends VaescopeJob {
        private final IFile model;
        private final IWorkbenchWindow window;
        private final boolean useLast;

        PrepareJob(IFile model, IWorkbenchWindow window, boolean useLast) {
            super("Reading " + model.getName(), false);
            this.model = model;
            this.window = window;
            this.useLast = useLast;
        }

        @Override
        protected IStatus run(IProgressMonitor monitor) {
            try {
                VaeFiles.Loaded loaded = VaeFiles.open(model.getLocation().toFile().toPath());
                List<String> hooks = loaded.model().hookPoints().stream().map(HookPoint::name)
                        .filter(h -> !h.equals(loaded.model().inputHook())).toList();
                AnalysisRequest remembered = AnalysisRequest.remembered(model);
                AnalysisRequest initial = remembered != null ? remembered : AnalysisRequest.defaults(loaded,
                        VaescopePreferencePage.settings(model.getProject()));
                window.getShell().getDisplay().asyncExec(() -> askAndRun(hooks, initial));
            } catch (ModelFileException e) {
                StatusManager.getManager().handle(Status.error(e.getMessage()), StatusManager.LOG | StatusManager.SHOW);
            }
            return Status.OK_STATUS;
        }

        private void askAndRun(List<String> hooks, AnalysisRequest initial) {
            if (window.getShell().isDisposed()) {
                return;
            }
            AnalysisRequest request = initial;
            if (!useLast) {
                AnalyseDialog dialog = new AnalyseDialog(window.getShell(), model.getName(), hooks, initial);
                if (dialog.open() != Window.OK) {
                    return;
                }
                request = dialog.request();
            }
            try {
                request.remember(model);
            } catch (CoreException e) {
                StatusManager.getManager().handle(e.getStatus(), StatusManager.LOG);
            }
            RunAnalysisJob.start(model, request, window);
        }
    }
}
