package org.vaescope.ui.script.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.vaescope.ui.testing.Workbenches;

/**
 * What only the script editor tests need of the workbench: script files, the script editor and tree
 * expansion. Waiting, events, projects and screenshots are the shared {@link Workbenches}.
 */
final class ScriptWorkbench {

    private ScriptWorkbench() {
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
        return (ScriptEditor) IDE.openEditor(Workbenches.page(), file, org.vaescope.ui.script.ScriptUi.EDITOR_ID);
    }

    /** Expands the top-level tree items whose label starts with the prefix, anywhere in the window. */
    static void expandTreeItems(String prefix) {
        expand(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), prefix);
        Workbenches.drainEvents();
    }

    private static void expand(Control control, String prefix) {
        if (control instanceof Tree tree) {
            for (TreeItem item : tree.getItems()) {
                if (item.getText().startsWith(prefix)) {
                    Event event = new Event();
                    event.item = item;
                    tree.notifyListeners(SWT.Expand, event);
                    item.setExpanded(true);
                }
            }
        } else if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                expand(child, prefix);
            }
        }
    }
}
