package org.vaescope.ui.internal.dialogs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.window.Window;
import org.eclipse.ui.IWorkbenchWindow;
import org.vaescope.core.imports.ModelRoles;
import org.vaescope.core.model.ModelLoadException;
import org.vaescope.core.store.ModelFileException;

/**
 * The IDE's side of an imported model's roles file ({@link ModelRoles}): when opening the model failed
 * because its graph does not say which inputs and outputs are the VAE's, ask the user once
 * ({@link RolesDialog}) and write the answer beside the model through the workspace.
 */
public final class RolesQuestion {

    private RolesQuestion() {
    }

    /**
     * If {@code failure} (from a job that opened {@code model}) is about the roles, asks for them on the UI
     * thread and then gives the answer to {@code retry} (which should write it with {@link #write} in its
     * own job and open the model again); false, without asking, for other failures.
     */
    public static boolean askIfAboutRoles(Throwable failure, IFile model, IWorkbenchWindow window,
            Consumer<Map<String, String>> retry) {
        Optional<ModelRoles.Choices> choices = ModelRoles.choicesAfter(failure);
        if (choices.isEmpty()) {
            return false;
        }
        window.getShell().getDisplay().asyncExec(() -> {
            if (window.getShell().isDisposed()) {
                return;
            }
            RolesDialog dialog = new RolesDialog(window.getShell(), model.getName(), problem(failure), choices.get());
            if (dialog.open() == Window.OK) {
                retry.accept(dialog.roles());
            }
        });
        return true;
    }

    /** The problem without the file name the exception's message starts with (the dialog names the model). */
    private static String problem(Throwable failure) {
        if (failure instanceof ModelFileException e) {
            return e.problem();
        }
        return failure instanceof ModelLoadException e ? e.problem() : failure.getMessage();
    }

    /** Sets {@code roles} in the roles file of {@code model}, keeping the file's other keys. */
    public static void write(IFile model, Map<String, String> roles, IProgressMonitor monitor) throws CoreException {
        String name = ModelRoles.fileOf(model.getLocation().toFile().toPath()).getFileName().toString();
        IFile file = model.getParent().getFile(new org.eclipse.core.runtime.Path(name));
        file.refreshLocal(IResource.DEPTH_ZERO, monitor);
        String existing = file.exists() ? read(file) : null;
        InputStream content = new ByteArrayInputStream(ModelRoles.json(existing, roles).getBytes(StandardCharsets.UTF_8));
        if (file.exists()) {
            file.setContents(content, IResource.KEEP_HISTORY, monitor);
        } else {
            file.create(content, IResource.NONE, monitor);
        }
    }

    private static String read(IFile file) throws CoreException {
        try (InputStream in = file.getContents(true)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CoreException(Status.error("cannot read " + file.getFullPath() + ": " + e.getMessage(), e));
        }
    }
}
