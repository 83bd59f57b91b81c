package org.vaescope.ui.internal.perspective;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.vaescope.ui.VaescopeUi;

/**
 * Model-inspection perspective: projects and the Properties view on the left, the analysis editor
 * and the unit effects in the middle, the circuit graph on the right above the factor graph,
 * traversals and metrics, so one analysis fills every pane at once.
 */
public class VaescopePerspective implements IPerspectiveFactory {

    private static final String PROJECT_EXPLORER = "org.eclipse.ui.navigator.ProjectExplorer";
    private static final String PROGRESS_VIEW = "org.eclipse.ui.views.ProgressView";
    private static final String[] ANALYSIS_VIEWS = {VaescopeUi.CIRCUIT_GRAPH_VIEW_ID, VaescopeUi.FACTOR_GRAPH_VIEW_ID,
        VaescopeUi.UNIT_EFFECTS_VIEW_ID, VaescopeUi.LATENT_TRAVERSALS_VIEW_ID, VaescopeUi.METRICS_VIEW_ID,
        VaescopeUi.MODEL_STRUCTURE_VIEW_ID};

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editors = layout.getEditorArea();
        IFolderLayout left = layout.createFolder("org.vaescope.ui.perspective.left", IPageLayout.LEFT, 0.18f, editors);
        left.addView(PROJECT_EXPLORER);
        IFolderLayout properties = layout.createFolder("org.vaescope.ui.perspective.properties", IPageLayout.BOTTOM,
                0.55f, "org.vaescope.ui.perspective.left");
        properties.addView(IPageLayout.ID_PROP_SHEET);
        IFolderLayout graphs = layout.createFolder("org.vaescope.ui.perspective.graphs", IPageLayout.RIGHT, 0.5f, editors);
        graphs.addView(VaescopeUi.CIRCUIT_GRAPH_VIEW_ID);
        IFolderLayout results = layout.createFolder("org.vaescope.ui.perspective.results", IPageLayout.BOTTOM, 0.62f,
                "org.vaescope.ui.perspective.graphs");
        results.addView(VaescopeUi.FACTOR_GRAPH_VIEW_ID);
        results.addView(VaescopeUi.LATENT_TRAVERSALS_VIEW_ID);
        results.addView(VaescopeUi.METRICS_VIEW_ID);
        results.addView(VaescopeUi.MODEL_STRUCTURE_VIEW_ID);
        IFolderLayout effects = layout.createFolder("org.vaescope.ui.perspective.bottom", IPageLayout.BOTTOM, 0.5f, editors);
        effects.addView(VaescopeUi.UNIT_EFFECTS_VIEW_ID);
        effects.addView(PROGRESS_VIEW);
        for (String view : ANALYSIS_VIEWS) {
            layout.addShowViewShortcut(view);
        }
        layout.addShowViewShortcut(PROJECT_EXPLORER);
        layout.addShowViewShortcut(IPageLayout.ID_PROP_SHEET);
        layout.addPerspectiveShortcut(VaescopeUi.PERSPECTIVE_ID);
    }
}
