package org.vaescope.ui.script.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IResourceChangeEvent;
import org.eclipse.core.resources.IResourceChangeListener;
import org.eclipse.core.resources.IResourceDelta;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.resources.WorkspaceJob;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.vaescope.script.ScriptEnvironment;
import org.vaescope.script.parser.ScriptParser;
import org.vaescope.script.source.Diagnostic;
import org.vaescope.ui.script.ScriptUi;

/**
 * Problem markers for every {@code .vis} file of the workspace, from a resource change listener
 * rather than a builder: scripts get markers in any project, without a project nature or a build
 * configuration, whenever they are saved or added. The check runs in a workspace job.
 */
public final class ScriptMarkers implements IResourceChangeListener {

    /** The job family of marker updates (tests join it). */
    public static final Object FAMILY = new Object();

    private static final ScriptMarkers INSTANCE = new ScriptMarkers();
    private boolean installed;

    /** Starts listening to the workspace (once). */
    public static synchronized void install() {
        if (!INSTANCE.installed) {
            ResourcesPlugin.getWorkspace().addResourceChangeListener(INSTANCE, IResourceChangeEvent.POST_CHANGE);
            INSTANCE.installed = true;
        }
    }

    @Override
    public void resourceChanged(IResourceChangeEvent event) {
        List<IFile> scripts = new ArrayList<>();
        try {
            event.getDelta().accept(delta -> {
                if (delta.getResource() instanceof IFile file && "vis".equals(file.getFileExtension())
                        && (delta.getKind() == IResourceDelta.ADDED || (delta.getFlags() & IResourceDelta.CONTENT) != 0
                                || (delta.getFlags() & IResourceDelta.REPLACED) != 0)) {
                    scripts.add(file);
                }
                return true;
            });
        } catch (CoreException e) {
            return;
        }
        if (!scripts.isEmpty()) {
            schedule(scripts);
        }
    }

    /** Checks the scripts and replaces their markers, in a workspace job. */
    public static void schedule(List<IFile> scripts) {
        WorkspaceJob job = new WorkspaceJob("Checking VAEScope scripts") {
            @Override
            public IStatus runInWorkspace(IProgressMonitor monitor) throws CoreException {
                for (IFile script : scripts) {
                    if (script.exists()) {
                        update(script);
                    }
                }
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == FAMILY;
            }
        };
        job.setRule(ResourcesPlugin.getWorkspace().getRuleFactory().markerRule(null));
        job.setSystem(true);
        job.schedule();
    }

    /** Replaces the checker markers of one script with its current diagnostics. */
    static void update(IFile script) throws CoreException {
        String text;
        try (InputStream in = script.getContents(true)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return;
        }
        Path path = ScriptDocuments.pathOf(script);
        ScriptEnvironment env = path == null ? ScriptEnvironment.languageOnly()
                : ScriptEnvironmentCache.get().environmentNow(path, text);
        script.deleteMarkers(ScriptUi.PROBLEM_MARKER, false, IResource.DEPTH_ZERO);
        for (Diagnostic diagnostic : ScriptEnvironmentCache.get().check(path, ScriptParser.parse(text), env)) {
            create(script, severity(diagnostic), diagnostic.message(), diagnostic.line(), diagnostic.offset(),
                    diagnostic.offset() + diagnostic.length());
        }
    }

    /** Adds one problem marker. */
    static IMarker create(IFile script, int severity, String message, int line, int start, int end)
            throws CoreException {
        IMarker marker = script.createMarker(ScriptUi.PROBLEM_MARKER);
        marker.setAttribute(IMarker.SEVERITY, severity);
        marker.setAttribute(IMarker.MESSAGE, message);
        marker.setAttribute(IMarker.LINE_NUMBER, line);
        if (start >= 0) {
            marker.setAttribute(IMarker.CHAR_START, start);
            marker.setAttribute(IMarker.CHAR_END, end);
        }
        return marker;
    }

    private static int severity(Diagnostic diagnostic) {
        return switch (diagnostic.severity()) {
            case ERROR -> IMarker.SEVERITY_ERROR;
            case WARNING -> IMarker.SEVERITY_WARNING;
            case INFO -> IMarker.SEVERITY_INFO;
        };
    }
}
