package org.vaescope.ui.internal.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.IHandlerService;
import org.vaescope.ui.VaescopeUi;
import org.vaescope.ui.internal.editors.AnalysisEditor;
import org.vaescope.ui.testing.Workbenches;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Models trained elsewhere (the core tests' committed fixtures) in a project, analysed through the real command. */
public final class ImportedModels {

    public static final long ANALYSIS_TIMEOUT_MS = 600_000;

    private ImportedModels() {
    }

    /** A committed fixture, {@code tests/org.vaescope.core.tests/fixtures/FOLDER/NAME}, found above the working folder. */
    public static Path fixture(String folder, String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("tests/org.vaescope.core.tests/fixtures").resolve(folder).resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no fixture " + folder + "/" + name + " above " + Path.of("").toAbsolutePath());
    }

    /** Copies the fixture into the project as {@code fileName}. */
    public static IFile copy(IProject project, String folder, String name, String fileName) throws Exception {
        Files.copy(fixture(folder, name), project.getLocation().toFile().toPath().resolve(fileName));
        project.refreshLocal(IResource.DEPTH_ONE, new NullProgressMonitor());
        IFile file = project.getFile(fileName);
        if (!file.exists()) {
            throw new AssertionError(file + " was not copied");
        }
        return file;
    }

    /**
     * Right-click → Analyse with VAEScope on {@code model} with the quick test settings (the command's
     * "use the last settings" form, so no dialog but the roles one asks), waits until the analysis editor
     * (opened at once, waiting) shows the result, and returns the analysis file's content.
     */
    public static JsonNode analyse(IWorkbenchWindow window, IFile model) throws Exception {
        TinyModels.quickRequest().remember(model);
        Workbenches.selectInProjectExplorer(window.getActivePage(), model);
        ICommandService commands = window.getService(ICommandService.class);
        if (!commands.getCommand(VaescopeUi.ANALYSE_MODEL_COMMAND_ID).isEnabled()) {
            throw new AssertionError("Analyse is not enabled on " + model.getName());
        }
        ParameterizedCommand command = commands.deserialize(VaescopeUi.ANALYSE_MODEL_COMMAND_ID + "("
                + VaescopeUi.ANALYSE_USE_LAST_PARAMETER + "=true)");
        window.getService(IHandlerService.class).executeCommand(command, null);
        String analysisName = model.getName().substring(0, model.getName().lastIndexOf('.')) + ".vsa";
        Workbenches.waitUntil("the analysis editor on " + analysisName, ANALYSIS_TIMEOUT_MS, () -> {
            IEditorPart editor = window.getActivePage().getActiveEditor();
            return editor instanceof AnalysisEditor analysis && editor.getEditorInput().getName().equals(analysisName)
                    && analysis.getAnalysis() != null;
        });
        Path file = model.getLocation().toFile().toPath().resolveSibling(analysisName);
        if (!Files.exists(file)) {
            throw new AssertionError("the analysis file " + file + " was not written beside the model");
        }
        return new ObjectMapper().readTree(file.toFile());
    }
}
