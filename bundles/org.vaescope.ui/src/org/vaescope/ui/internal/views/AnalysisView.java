package org.vaescope.ui.internal.views;

import java.nio.file.Path;
import java.util.function.Consumer;

import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IMemento;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IViewSite;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;
import org.eclipse.ui.views.properties.IPropertySheetPage;
import org.vaescope.ui.internal.analysis.Analysis;
import org.vaescope.ui.internal.analysis.AnalysisElement;
import org.vaescope.ui.internal.analysis.AnalysisRegistry;

/**
 * A view of the current analysis: redraws when another analysis becomes current, publishes what
 * the user picks as an {@link AnalysisElement} selection, and follows the elements other parts select.
 * Its state remembers the analysis file it showed; after a restart it reads that file again when no
 * analysis is open.
 */
public abstract class AnalysisView extends ViewPart {

    private static final String ANALYSIS_FILE = "analysisFile";

    protected final SelectionRelay selection = new SelectionRelay();
    private final Consumer<AnalysisRegistry> registryListener = registry -> display(registry.current());
    private final ISelectionListener follower = this::follow;
    private Path shownFile;
    private IMemento restoredState;

    @Override
    public void init(IViewSite site, IMemento memento) throws PartInitException {
        super.init(site, memento);
        restoredState = memento;
        String file = memento == null ? null : memento.getString(ANALYSIS_FILE);
        shownFile = file == null ? null : Path.of(file);
    }

    @Override
    public final void createPartControl(Composite parent) {
        createContent(parent);
        if (restoredState != null) {
            restoreState(restoredState);
        }
        getSite().setSelectionProvider(selection);
        getSite().getPage().addSelectionListener(follower);
        AnalysisRegistry.get().addListener(registryListener);
        Path restored = shownFile;
        display(AnalysisRegistry.get().current());
        if (AnalysisRegistry.get().current() == null && restored != null) {
            shownFile = restored; // still to be shown: saved again if the workbench closes before it is read
            AnalysisRegistry.get().restore(restored, parent.getDisplay());
        }
    }

    private void display(Analysis analysis) {
        shownFile = analysis == null ? null : analysis.file();
        showAnalysis(analysis);
    }

    @Override
    public void saveState(IMemento memento) {
        super.saveState(memento);
        if (shownFile != null) {
            memento.putString(ANALYSIS_FILE, shownFile.toString());
        }
        saveViewState(memento);
    }

    /** Saves the view's own settings (filters, ranges) beside the analysis file; none by default. */
    protected void saveViewState(IMemento memento) {
    }

    /** Restores what {@link #saveViewState} saved, after the controls exist; nothing by default. */
    protected void restoreState(IMemento memento) {
    }

    /** What a view without an analysis says: why it is empty and what to do. */
    protected static String emptyMessage() {
        return AnalysisRegistry.get().isAnalysing() ? "Analysing… the results appear here when the run ends."
                : "No analysis open. Right-click a model: Analyse with VAEScope…";
    }

    /** The analysis file on display (or to be restored), or null. */
    public Path getShownFile() {
        return shownFile;
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
