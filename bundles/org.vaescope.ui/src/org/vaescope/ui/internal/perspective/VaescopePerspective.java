package org.vaescope.ui.internal.perspective;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.vaescope.ui.VaescopeUi;

/** Model-inspection perspective: projects on the left, the model views beside the editors. */
public class VaescopePerspective implements IPerspectiveFactory {

    private static final String PROJECT_EXPLORER = "org.eclipse.ui.navigator.ProjectExplorer";
    private static final String PROGRESS_VIEW = "org.eclipse.ui.views.ProgressView";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editors = layout.getEditorArea();
        layout.addView(PROJECT_EXPLORER, IPageLayout.LEFT, 0.22f, editors);
        IFolderLayout right = layout.createFolder("org.vaescope.ui.perspective.models", IPageLayout.RIGHT, 0.35f, editors);
        right.addView(VaescopeUi.MODEL_STRUCTURE_VIEW_ID);
        IFolderLayout bottom = layout.createFolder("org.vaescope.ui.perspective.bottom", IPageLayout.BOTTOM, 0.75f, editors);
        bottom.addView(PROGRESS_VIEW);
        bottom.addView(IPageLayout.ID_PROBLEM_VIEW);
        layout.addShowViewShortcut(VaescopeUi.MODEL_STRUCTURE_VIEW_ID);
        layout.addShowViewShortcut(PROJECT_EXPLORER);
        layout.addPerspectiveShortcut(VaescopeUi.PERSPECTIVE_ID);
    }
}
