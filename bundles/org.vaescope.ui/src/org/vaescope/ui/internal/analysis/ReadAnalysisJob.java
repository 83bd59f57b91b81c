package org.vaescope.ui.internal.analysis;

import java.nio.file.Path;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.swt.widgets.Display;

/**
 * Reads and parses an analysis file off the UI thread, then hands the ready {@link Analysis} (or
 * the error naming the file, place and problem) to the UI thread.
 */
public final class ReadAnalysisJob extends VaescopeJob {

    private final Path file;
    private final Display display;
    private final Consumer<Analysis> onRead;
    private final Consumer<AnalysisFileException> onFailure;

    public ReadAnalysisJob(Path file, Display display, Consumer<Analysis> onRead,
            Consumer<AnalysisFileException> onFailure) {
        super("Reading " + file.getFileName(), false);
        this.file = file;
        this.display = display;
        this.onRead = onRead;
        this.onFailure = onFailure;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        try {
            Analysis analysis = Analysis.read(file);
            deliver(() -> onRead.accept(analysis));
        } catch (AnalysisFileException e) {
            deliver(() -> onFailure.accept(e));
        }
        return Status.OK_STATUS;
    }

    private void deliver(Runnable action) {
        if (!display.isDisposed()) {
            display.asyncExec(action);
        }
    }
}
