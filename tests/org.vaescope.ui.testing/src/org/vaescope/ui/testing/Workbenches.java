package org.vaescope.ui.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.navigator.CommonNavigator;

/**
 * What the workbench tests of every VAEScope bundle share: waiting while the event loop runs, draining
 * events, a sized window, a project, the Project Explorer's selection and screenshots. UI thread only.
 */
public final class Workbenches {

    private static final String PROJECT_EXPLORER = "org.eclipse.ui.navigator.ProjectExplorer";
    private static final int WAKE_MS = 20;

    private Workbenches() {
    }

    /** Runs the event loop until the condition holds; fails after the timeout. */
    public static void waitUntil(String what, long timeoutMillis, BooleanSupplier condition) {
        Display display = Display.getCurrent();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out after " + timeoutMillis + " ms waiting for " + what);
            }
            if (!display.readAndDispatch()) {
                display.timerExec(WAKE_MS, () -> { });
                display.sleep();
            }
        }
    }

    /** Waits, dispatching events, until no job of the family runs. */
    public static void join(Object family, long timeoutMillis) {
        waitUntil("jobs of " + family, timeoutMillis, () -> Job.getJobManager().find(family).length == 0);
    }

    /** Processes every pending UI event. */
    public static void drainEvents() {
        Display display = Display.getCurrent();
        while (display.readAndDispatch()) {
            // keep dispatching
        }
    }

    /** Runs the event loop for a while: GTK paints on its frame clock, after the events that asked for it. */
    public static void settle(long millis) {
        long end = System.currentTimeMillis() + millis;
        waitUntil("the display to settle", millis + 1_000, () -> System.currentTimeMillis() >= end);
    }

    /** The active workbench window's active page. */
    public static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    /** The active window at 1280×1000 in the screen's corner, so screenshots show every pane. */
    public static IWorkbenchWindow sizedWindow() {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        window.getShell().setSize(1280, 1000);
        window.getShell().setLocation(0, 0);
        return window;
    }

    /** The workspace project of this name, created if needed and open. */
    public static IProject openProject(String name) throws Exception {
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
        if (!project.exists()) {
            project.create(new NullProgressMonitor());
        }
        project.open(new NullProgressMonitor());
        return project;
    }

    /** Selects a file in the Project Explorer and makes the explorer the active part. */
    public static void selectInProjectExplorer(IWorkbenchPage page, IFile file) throws Exception {
        CommonNavigator explorer = (CommonNavigator) page.showView(PROJECT_EXPLORER);
        explorer.selectReveal(new StructuredSelection(file));
        page.activate(explorer);
        drainEvents();
        Object selected = explorer.getCommonViewer().getStructuredSelection().getFirstElement();
        if (!file.equals(selected)) {
            throw new AssertionError("the Project Explorer selected " + selected + ", not " + file);
        }
    }

    /** A PNG of the active workbench window under the screenshot folder given to the test JVM. */
    public static Path screenshot(String name) throws Exception {
        return screenshot(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), name);
    }

    /** A PNG of the shell under the screenshot folder given to the test JVM ({@code target/screenshots}). */
    public static Path screenshot(Shell shell, String name) throws Exception {
        Path dir = Path.of(System.getProperty("vaescope.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        drainEvents();
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
