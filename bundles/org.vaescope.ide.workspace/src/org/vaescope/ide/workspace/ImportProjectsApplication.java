package org.vaescope.ide.workspace;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;

/**
 * {@code -application org.vaescope.ide.workspace.importProjects -data WORKSPACE DIR...}: adds the Eclipse projects in
 * the given folders to the workspace (opened and refreshed), headless, so {@code ./vaescope ide} can hand
 * the IDE a ready workspace. The platform has no such command of its own without the native launcher.
 */
public final class ImportProjectsApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) throws CoreException {
        String[] folders = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        IWorkspace workspace = ResourcesPlugin.getWorkspace();
        for (String folder : folders == null ? new String[0] : folders) {
            Path projectFile = Path.of(folder).toAbsolutePath().resolve(IProjectDescription.DESCRIPTION_FILE_NAME);
            if (!Files.isRegularFile(projectFile)) {
                System.err.println("importProjects: " + projectFile + " does not exist");
                return 1;
            }
            importProject(workspace, projectFile);
        }
        workspace.save(true, new NullProgressMonitor());
        return IApplication.EXIT_OK;
    }

    private static void importProject(IWorkspace workspace, Path projectFile) throws CoreException {
        IProjectDescription description = workspace.loadProjectDescription(IPath.fromPath(projectFile));
        IProject project = workspace.getRoot().getProject(description.getName());
        boolean inWorkspaceRoot = projectFile.getParent().getParent()
                .equals(workspace.getRoot().getLocation().toPath().toAbsolutePath());
        if (inWorkspaceRoot) {
            description.setLocation(null);
        }
        if (!project.exists()) {
            project.create(description, null);
        }
        project.open(null);
        project.refreshLocal(IProject.DEPTH_INFINITE, null);
        System.out.println("importProjects: " + project.getName() + " at " + project.getLocation());
    }

    @Override
    public void stop() {
        // runs to completion on the launching thread
    }
}
