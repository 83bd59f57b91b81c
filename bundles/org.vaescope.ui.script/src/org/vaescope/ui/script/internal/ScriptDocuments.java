package org.vaescope.ui.script.internal;

import java.nio.file.Path;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.IPath;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.IURIEditorInput;

/** Where the script of an editor input lives on disk (the engine resolves model paths against it). */
final class ScriptDocuments {

    private ScriptDocuments() {
    }

    /** The script's file, or null for an input without one (e.g. a compare editor). */
    static Path pathOf(IEditorInput input) {
        if (input instanceof IFileEditorInput fileInput) {
            return pathOf(fileInput.getFile());
        }
        if (input instanceof IURIEditorInput uriInput && "file".equals(uriInput.getURI().getScheme())) {
            return Path.of(uriInput.getURI());
        }
        return null;
    }

    static Path pathOf(IFile file) {
        IPath location = file.getLocation();
        return location == null ? null : location.toPath();
    }
}
