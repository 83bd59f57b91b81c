package org.vaescope.ui.script.internal;

import java.util.concurrent.CancellationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.vaescope.core.interpreter.ScriptRunResult;
import org.vaescope.core.interpreter.ScriptRunner;
import org.vaescope.core.interpreter.run.OutputFile;
import org.vaescope.core.interpreter.run.ScriptRunOptions;
import org.vaescope.core.progress.ProgressMonitor;
import org.vaescope.core.settings.EngineSettings;
import org.vaescope.script.source.Diagnostic;

/**
 * Runs one script with the engine: progress per statement (the engine's progress lines, also in the
 * console), Cancel honoured by the engine's cancellation checks, errors as markers on the statement
 * that failed, and at the end the output folder refreshed and the report opened.
 */
public final class ScriptRunJob extends Job {

    /** The job family of script runs (tests join it). */
    public static final Object FAMILY = new Object();
    private static final Pattern LINE_PREFIX = Pattern.compile("^line (\\d+): ");

    private final IFile script;
    private final IContainer outputFolder;
    private final ScriptRunOptions options;
    private final EngineSettings settings;
    private volatile ScriptRunResult result;

    /** A run with these options, whose thread count and memory budget come from {@code settings}. */
    public ScriptRunJob(IFile script, IContainer outputFolder, ScriptRunOptions options, EngineSettings settings) {
        super("Running " + script.getName());
        this.script = script;
        this.outputFolder = outputFolder;
        this.options = options;
        this.settings = settings;
        setUser(true);
        setRule(null);
    }

    /** The result, once the job finished (null when it was cancelled). */
    public ScriptRunResult result() {
        return result;
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        ScriptConsole console = ScriptConsole.get();
        console.println("run " + script.getFullPath() + " -> " + outputFolder.getFullPath()
                + (options.quick() ? " (quick)" : ""));
        console.println("settings: " + settings.scriptRunSummary());
        try {
            settings.applyToRuntime();
            ScriptRunResult run = ScriptRunner.run(ScriptDocuments.pathOf(script), outputFolder.getLocation().toPath(),
                    progress(monitor, console), options);
            result = run;
            report(run, console);
            markFailures(run);
            refresh(monitor);
            if (run.completed()) {
                ScriptRunOutputs.openReport(script, outputFolder, run);
            }
            return Status.OK_STATUS;
        } catch (CancellationException e) {
            console.println("cancelled: " + e.getMessage());
            refresh(monitor);
            return Status.CANCEL_STATUS;
        }
    }

    /** The engine's progress, as the job's progress and as console lines. */
    static ProgressMonitor progress(IProgressMonitor monitor, ScriptConsole console) {
        return new ProgressMonitor() {
            private int reported;
            private boolean begun;

            @Override
            public void worked(int done, int total, String what) {
                if (!begun) {
                    monitor.beginTask("Running the script", Math.max(total, 1));
                    begun = true;
                }
                monitor.subTask(what);
                monitor.worked(Math.max(0, done - reported));
                reported = Math.max(reported, done);
                console.println("[" + done + "/" + total + "] " + what);
            }

            @Override
            public boolean isCanceled() {
                return monitor.isCanceled();
            }
        };
    }

    private static void report(ScriptRunResult run, ScriptConsole console) {
        for (Diagnostic error : run.errors()) {
            console.error(error.format(run.script().getFileName().toString()));
        }
        run.steps().forEach(step -> console.println("line " + step.line() + ": " + step.kind() + ": " + step.summary()));
        run.outputs().forEach(output -> console.println("wrote " + output.file()));
        run.runError().ifPresent(console::error);
        console.println("finished: " + run.status());
    }

    /** Check errors and the run-time error become markers on their statements. */
    private void markFailures(ScriptRunResult run) {
        try {
            if (run.status() == ScriptRunResult.Status.CHECK_FAILED) {
                ScriptMarkers.update(script);
            }
            if (run.runError().isPresent()) {
                String error = run.runError().get();
                Matcher line = LINE_PREFIX.matcher(error);
                int lineNumber = line.find() ? Integer.parseInt(line.group(1)) : 1;
                ScriptMarkers.create(script, IMarker.SEVERITY_ERROR, "run failed: " + error, lineNumber, -1, -1);
            }
        } catch (CoreException e) {
            ScriptConsole.get().error("could not mark " + script.getFullPath() + ": " + e.getMessage());
        }
    }

    private void refresh(IProgressMonitor monitor) {
        try {
            outputFolder.refreshLocal(IResource.DEPTH_INFINITE, null);
        } catch (CoreException e) {
            ScriptConsole.get().error("could not refresh " + outputFolder.getFullPath() + ": " + e.getMessage());
        }
    }

    /** The workspace folder of an output path of the run, or null when it is outside the workspace. */
    static IFile workspaceFile(OutputFile output) {
        return ResourcesPlugin.getWorkspace().getRoot()
                .getFileForLocation(org.eclipse.core.runtime.IPath.fromPath(output.file()));
    }
}
