package org.vaescope.ui.internal.analysis;

import org.eclipse.core.runtime.IProgressMonitor;
import org.vaescope.core.progress.ProgressMonitor;

/**
 * The engine's {@link ProgressMonitor} backed by a job's {@link IProgressMonitor}. The engine
 * reports from its own thread; the job thread copies the latest step into the Eclipse monitor with
 * {@link #update()}, so the Eclipse monitor is touched by the job thread only.
 */
public final class EngineProgress implements ProgressMonitor {

    private static final int TICKS = 1000;

    private final IProgressMonitor monitor;
    private volatile int done;
    private volatile int total = 1;
    private volatile String step = "starting";
    private int reportedTicks;
    private String reportedStep;

    public EngineProgress(IProgressMonitor monitor, String task) {
        this.monitor = monitor;
        monitor.beginTask(task, TICKS);
    }

    @Override
    public void worked(int stepsDone, int stepCount, String what) {
        done = stepsDone;
        total = Math.max(1, stepCount);
        step = what;
    }

    /** Names a step the engine does not report itself (loading, writing). */
    public void step(String what) {
        step = what;
    }

    @Override
    public boolean isCanceled() {
        return monitor.isCanceled();
    }

    /** Copies the engine's latest step into the job's monitor. Call on the job thread. */
    public void update() {
        int ticks = (int) ((long) TICKS * Math.min(done, total) / total);
        if (ticks > reportedTicks) {
            monitor.worked(ticks - reportedTicks);
            reportedTicks = ticks;
        }
        String current = step;
        if (!current.equals(reportedStep)) {
            monitor.subTask(current);
            reportedStep = current;
        }
    }
}
