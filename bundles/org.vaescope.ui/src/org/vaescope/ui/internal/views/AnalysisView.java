package org.vaescope.ui.internal.views;

import java.util.function.Consumer;

import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.part.ViewPart;
import org.eclipse.ui.views.properties.IPropertySheetPage;
import org.vaescope.ui.internal.analysis.Analysis;
import org.vaescope.ui.internal.analysis.AnalysisElement;
import org.vaescope.ui.internal.analysis.AnalysisRegistry;

/**
 * A view of the current analysis: redraws when another analysis becomes current, publishes what
 * the user picks as an {@link AnalysisElement} selection, and follows the elements other parts select.
 */
public abstract class AnalysisView extends ViewPart {

    protected final SelectionRelay selection = new SelectionRelay();
    private final Consumer<AnalysisRegistry> registryListener = registry -> showAnalysis(registry.current());
    private final ISelectionListener follower = this::follow;

    @Override
    public final void createPartControl(Composite parent) {
        createContent(parent);
        getSite().setSelectionProvider(selection);
        getSite().getPage().addSelectionListener(follower);
        AnalysisRegistry.get().addListener(registryListener);
        showAnalysis(AnalysisRegistry.get().current());
    }

    /** Creates the view's controls. */
    protected abstract void createContent(Composite parent);

    /** Shows an analysis (null: none open). UI thread. */
    protected abstract void showAnalysis(Analysis analysis);

    /** Shows an element another part selected; elements of other analyses are passed too. */
    protected abstract void reveal(AnalysisElement element);

    private void follow(IWorkbenchPart part, ISelection selected) {
        if (part != this && selected instanceof IStructuredSelection structured
                && structured.getFirstElement() instanceof AnalysisElement element) {
            reveal(element);
        }
    }

    /** Properties of the selected elements in their own order, not sorted by name. */
    @Override
    public <T> T getAdapter(Class<T> adapter) {
        if (adapter == IPropertySheetPage.class) {
            return adapter.cast(new OrderedPropertySheetPage());
        }
        return super.getAdapter(adapter);
    }

    @Override
    public void dispose() {
        AnalysisRegistry.get().removeListener(registryListener);
        getSite().getPage().removeSelectionListener(follower);
        super.dispose();
    }
}
