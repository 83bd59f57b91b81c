package org.vaescope.ui.internal.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.commands.Command;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vaescope.core.model.DemoModels;
import org.vaescope.ui.VaescopeUi;
import org.vaescope.ui.testing.Workbenches;
import org.vaescope.ui.internal.views.ModelStructureView;

/** Right-click → Describe Structure, driven through the workbench's own command services. */
class DescribeModelHandlerTest {

    private static final long JOB_TIMEOUT_MS = 120_000;

    private IWorkbenchWindow window;
    private IProject project;

    @BeforeEach
    void createProject() throws Exception {
        window = Workbenches.sizedWindow();
        project = Workbenches.openProject("vaescope-demo");
    }

    @AfterEach
    void deleteProject() throws Exception {
        project.delete(true, true, new NullProgressMonitor());
    }

    @Test
    void analysingAModelFileShowsItsLayersInTheVaescopePerspective() throws Exception {
        IFile model = demoModel("encoder.zip");
        select(model);
        Command command = commandService().getCommand(VaescopeUi.DESCRIBE_MODEL_COMMAND_ID);
        assertTrue(command.isEnabled(), "command must be enabled on a model file");

        handlerService().executeCommand(VaescopeUi.DESCRIBE_MODEL_COMMAND_ID, null);

        ModelStructureView view = waitForStructureView(v -> v.getStructure() != null
                && v.getHeaderText().startsWith("encoder.zip"));
        assertEquals(VaescopeUi.PERSPECTIVE_ID, page().getPerspective().getId());
        assertEquals(List.of(DemoModels.CONV_ENCODER_LAYERS), view.getDisplayedLayerNames());
        assertTrue(view.getHeaderText().startsWith("encoder.zip — DL4J MultiLayerNetwork, 6 steps"),
                view.getHeaderText());
        Path shot = Workbenches.screenshot(window.getShell(), "vaescope-perspective-model-structure");
        assertTrue(Files.size(shot) > 10_000, "screenshot " + shot + " is too small to show the workbench");
    }

    @Test
    void commandIsDisabledOnFilesThatAreNotModels() throws Exception {
        IFile text = project.getFile("readme.txt");
        text.create(new ByteArrayInputStream("notes".getBytes()), true, new NullProgressMonitor());
        select(text);

        assertFalse(commandService().getCommand(VaescopeUi.DESCRIBE_MODEL_COMMAND_ID).isEnabled());
    }

    @Test
    void aCorruptModelIsReportedInTheViewWithoutHangingTheWorkbench() throws Exception {
        IFile broken = project.getFile("broken.zip");
        broken.create(new ByteArrayInputStream("not a model at all".getBytes()), true, new NullProgressMonitor());
        select(broken);

        handlerService().executeCommand(VaescopeUi.DESCRIBE_MODEL_COMMAND_ID, null);

        ModelStructureView view = waitForStructureView(v -> v.getHeaderText().startsWith("Could not open"));
        assertTrue(view.getHeaderText().contains("broken.zip: is a text file, not a saved model"),
                view.getHeaderText());
        assertTrue(view.getDisplayedLayerNames().isEmpty());
        closeErrorDialogs();
    }

    private IFile demoModel(String name) throws Exception {
        Path location = project.getLocation().toFile().toPath().resolve(name);
        DemoModels.writeConvEncoder(location, 10, 7);
        project.refreshLocal(IResource.DEPTH_ONE, new NullProgressMonitor());
        IFile file = project.getFile(name);
        assertTrue(file.exists());
        return file;
    }

    private void select(IFile file) throws Exception {
        Workbenches.selectInProjectExplorer(page(), file);
    }

    private ModelStructureView waitForStructureView(java.util.function.Predicate<ModelStructureView> ready) {
        Workbenches.waitUntil("the model structure view", JOB_TIMEOUT_MS, () -> {
            ModelStructureView view = (ModelStructureView) page().findView(VaescopeUi.MODEL_STRUCTURE_VIEW_ID);
            return view != null && ready.test(view);
        });
        ModelStructureView view = (ModelStructureView) page().findView(VaescopeUi.MODEL_STRUCTURE_VIEW_ID);
        assertNotNull(view);
        return view;
    }

    private void closeErrorDialogs() {
        Workbenches.drainEvents();
        for (org.eclipse.swt.widgets.Shell shell : window.getShell().getDisplay().getShells()) {
            if (shell != window.getShell() && !shell.isDisposed()) {
                shell.close();
            }
        }
        Workbenches.drainEvents();
    }

    private IWorkbenchPage page() {
        return window.getActivePage();
    }

    private ICommandService commandService() {
        return window.getService(ICommandService.class);
    }

    private IHandlerService handlerService() {
        return window.getService(IHandlerService.class);
    }
}
