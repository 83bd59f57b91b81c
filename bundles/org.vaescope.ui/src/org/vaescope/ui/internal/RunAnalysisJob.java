package org.vaescope.ui.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.WorkbenchException;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.part.FileEditorInput;
import org.eclipse.ui.statushandlers.StatusManager;
import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.data.Datasets;
import org.vaescope.core.pipeline.AnalysisFile;
import org.vaescope.core.pipeline.ModelAnalysis;
import org.vaescope.core.imports.VaeFiles;
import org.vaescope.core.store.ModelFileException;
import org.vaescope.core.vae.HookedVae;
import org.vaescope.ui.VaescopeUi;
import org.vaescope.ui.internal.analysis.Analysis;
import org.vaescope.ui.internal.analysis.AnalysisFileException;
import org.vaescope.ui.internal.analysis.AnalysisRegistry;
import org.vaescope.ui.internal.preferences.VaescopePreferencePage;
import org.vaescope.ui.internal.analysis.AnalysisRequest;
import org.vaescope.ui.internal.analysis.EngineProgress;
import org.vaescope.ui.internal.analysis.VaescopeJob;

/**
 * Runs the causal analysis of a saved model and writes the analysis file beside it, reads it back
 * (still in the job) and hands it to the analysis editor in the VAEScope perspective ({@link #start}
 * shows both before the engine starts). The engine runs on its own thread; the job
 * polls it every {@value #POLL_MS} ms, so Cancel ends the job at once and the engine stops at its
 * next check, its result thrown away. The file is written atomically, only after a full run.
 */
public class RunAnalysisJob extends VaescopeJob {

    private static final long POLL_MS = 100;

    private final IFile model;
    private final AnalysisRequest request;
    private final IWorkbenchWindow window;

    private RunAnalysisJob(IFile model, AnalysisRequest request, IWorkbenchWindow window) {
        super("Analysing " + model.getName() + " with VAEScope", true);
        this.model = model;
        this.request = request;
        this.window = window;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        EngineProgress progress = new EngineProgress(monitor, getName());
        CompletableFuture<Path> engine = new CompletableFuture<>();
        Thread worker = new Thread(() -> complete(engine, progress), "VAEScope analysis of " + model.getName());
        worker.setDaemon(true);
        worker.start();
        Analysis ready = null;
        try {
            Path written = await(engine, progress, monitor);
            if (written == null) {
                return Status.CANCEL_STATUS;
            }
            ready = Analysis.read(written);
            analysisFile().refreshLocal(IResource.DEPTH_ZERO, null);
            return Status.OK_STATUS;
        } catch (ExecutionException e) {
            return failure(e.getCause());
        } catch (AnalysisFileException e) {
            return failure(e);
        } catch (CoreException e) {
            return e.getStatus();
        } finally {
            deliver(ready);
            monitor.done();
        }
    }

    private IFile analysisFile() {
        Path target = AnalysisFile.beside(model.getLocation().toFile().toPath());
        return model.getParent().getFile(new org.eclipse.core.runtime.Path(target.getFileName().toString()));
    }

    /** Hands the analysis (null: none) to its editor, opening one if the user closed it. */
    private void deliver(Analysis ready) {
        IFile analysis = analysisFile();
        Path target = analysis.getLocation().toFile().toPath();
        window.getShell().getDisplay().asyncExec(() -> {
            AnalysisRegistry.get().deliver(target, ready);
            if (ready != null && !window.getShell().isDisposed() && !isOpen(analysis)) {
                open(analysis);
            }
        });
    }

    private boolean isOpen(IFile analysis) {
        IWorkbenchPage page = window.getActivePage();
        return page != null && page.findEditor(new FileEditorInput(analysis)) != null;
    }

    private static Path await(CompletableFuture<Path> engine, EngineProgress progress, IProgressMonitor monitor)
            throws ExecutionException {
        while (true) {
            progress.update();
            if (monitor.isCanceled()) {
                return null;
            }
            try {
                return engine.get(POLL_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // poll again
            } catch (CancellationException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    private void complete(CompletableFuture<Path> engine, EngineProgress progress) {
        try {
            engine.complete(analyse(progress));
        } catch (CancellationException e) {
            engine.cancel(false);
        } catch (Throwable e) {
            engine.completeExceptionally(e);
        }
    }

    private Path analyse(EngineProgress progress) throws IOException, ModelFileException {
        Path modelPath = model.getLocation().toFile().toPath();
        VaescopePreferencePage.settings(model.getProject()).applyToRuntime();
        progress.step("loading " + model.getName());
        HookedVae vae = VaeFiles.open(modelPath).model();
        progress.step("preparing dataset " + request.dataset());
        FactorDataset dataset = Datasets.fromSpec(request.dataset());
        ModelAnalysis.Result result = ModelAnalysis.run(vae, dataset, request.settings(), progress);
        progress.checkCanceled("writing the analysis");
        progress.step("writing the analysis file");
        Path target = AnalysisFile.beside(modelPath);
        AnalysisFile.write(result, new AnalysisFile.Provenance(modelPath, request.dataset(), engineVersion()), target);
        return target;
    }

    private static String engineVersion() {
        var bundle = Platform.getBundle("org.vaescope.core");
        return bundle == null ? "unknown" : bundle.getVersion().toString();
    }

    private IStatus failure(Throwable cause) {
        String where = "Analysis of " + model.getFullPath() + " failed: ";
        IStatus status = isUserMistake(cause) ? Status.error(where + cause.getMessage())
                : Status.error(where + cause, cause);
        StatusManager.getManager().handle(status, StatusManager.LOG | StatusManager.SHOW);
        return Status.OK_STATUS;
    }

    private static boolean isUserMistake(Throwable cause) {
        return cause instanceof IllegalArgumentException || cause instanceof IOException
                || cause instanceof ModelFileException || cause instanceof AnalysisFileException;
    }

    /**
     * Shows the VAEScope perspective and the analysis editor (saying "Analysing…") at once, as the
     * answer to the user's click, so that they are made while the engine runs rather than in the same
     * moment as the results; then runs the analysis. UI thread.
     */
    public static RunAnalysisJob start(IFile model, AnalysisRequest request, IWorkbenchWindow window) {
        RunAnalysisJob job = new RunAnalysisJob(model, request, window);
        IFile analysis = job.analysisFile();
        AnalysisRegistry.get().analysing(analysis.getLocation().toFile().toPath()); // the views are made saying so
        IWorkbenchPage page = showPerspective(window);
        if (page != null) {
            window.getShell().getDisplay().asyncExec(() -> job.openEditor(page, analysis));
        }
        job.schedule();
        return job;
    }

    private static IWorkbenchPage showPerspective(IWorkbenchWindow window) {
        IWorkbenchPage page = window.getActivePage();
        if (page != null && page.getPerspective() != null
                && VaescopeUi.PERSPECTIVE_ID.equals(page.getPerspective().getId())) {
            return page;
        }
        try {
            return window.getWorkbench().showPerspective(VaescopeUi.PERSPECTIVE_ID, window);
        } catch (WorkbenchException e) {
            StatusManager.getManager().handle(Status.error("Cannot open the VAEScope perspective", e),
                    StatusManager.LOG);
            return page;
        }
    }

    /** Back in the VAEScope perspective if the user left it, then the editor in an event of its own. */
    private void open(IFile analysis) {
        if (window.getShell().isDisposed()) {
            return;
        }
        IWorkbenchPage page = showPerspective(window);
        if (page != null) {
            window.getShell().getDisplay().asyncExec(() -> openEditor(page, analysis));
        }
    }

    private void openEditor(IWorkbenchPage page, IFile analysis) {
        if (window.getShell().isDisposed()) {
            return;
        }
        try {
            IDE.openEditor(page, analysis, VaescopeUi.ANALYSIS_EDITOR_ID);
        } catch (PartInitException e) {
            StatusManager.getManager().handle(e.getStatus(), StatusManager.LOG | StatusManager.SHOW);
        }
    }
}
