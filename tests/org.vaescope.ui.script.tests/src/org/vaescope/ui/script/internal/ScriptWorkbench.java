package org.vaescope.ui.script.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;

/** The script editor tests' view of the workbench: a project, files, editors, waiting and screenshots. */
final class ScriptWorkbench {

    private ScriptWorkbench() {
    }

    static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    static IProject project(String name) throws CoreException {
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
        if (!project.exists()) {
            project.create(null);
        }
        project.open(null);
        return project;
    }

    static IFile write(IProject project, String name, String text) throws CoreException {
        IFile file = project.getFile(name);
        ByteArrayInputStream contents = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        if (file.exists()) {
            file.setContents(contents, true, false, null);
        } else {
            file.create(contents, true, null);
        }
        return file;
    }

    static ScriptEditor open(IFile file) throws CoreException {
        return (ScriptEditor) IDE.openEditor(page(), file, org.vaescope.ui.script.ScriptUi.EDITOR_ID);
    }

    /** Runs the event loop until the condition holds; fails after the timeout. */
    static void waitFor(String what, long timeoutMillis, BooleanSupplier condition) {
        Display display = Display.getCurrent();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out after " + timeoutMillis + " ms waiting for " + what);
            }
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
        }
    }

    /** Waits, dispatching events, until no job of the family runs. */
    static void join(Object family, long timeoutMillis) {
        waitFor("jobs of " + family, timeoutMillis, () -> Job.getJobManager().find(family).length == 0);
    }

    static void drain() {
        Display display = Display.getCurrent();
        while (display.readAndDispatch()) {
            // dispatch every pending event
        }
    }

    /** Expands the top-level tree items whose label starts with the prefix, anywhere in the window. */
    static void expandTreeItems(String prefix) {
        expand(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), prefix);
        drain();
    }

    private static void expand(org.eclipse.swt.widgets.Control control, String prefix) {
        if (control instanceof org.eclipse.swt.widgets.Tree tree) {
            for (org.eclipse.swt.widgets.TreeItem item : tree.getItems()) {
                if (item.getText().startsWith(prefix)) {
                    org.eclipse.swt.widgets.Event event = new org.eclipse.swt.widgets.Event();
                    event.item = item;
                    tree.notifyListeners(SWT.Expand, event);
                    item.setExpanded(true);
                }
            }
        } else if (control instanceof org.eclipse.swt.widgets.Composite composite) {
            for (org.eclipse.swt.widgets.Control child : composite.getChildren()) {
                expand(child, prefix);
            }
        }
    }

    /** A PNG of the workbench window under target/screenshots (folder given to the test JVM). */
    static Path screenshot(String name) throws Exception {
        Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        Path dir = Path.of(System.getProperty("vaescope.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        drain();
        Rectangle bounds = shell.getBounds();
        Image image = new Image(shell.getDisplay(), bounds.width, bounds.height);
        GC gc = new GC(shell.getDisplay());
        try {
            gc.copyArea(image, bounds.x, bounds.y);
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] {image.getImageData()};
            loader.save(file.toString(), SWT.IMAGE_PNG);
        } finally {
            gc.dispose();
            image.dispose();
        }
        return file;
    }
}
