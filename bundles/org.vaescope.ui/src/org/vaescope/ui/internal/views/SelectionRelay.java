package org.vaescope.ui.internal.views;

import org.eclipse.core.runtime.ListenerList;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.ISelectionChangedListener;
import org.eclipse.jface.viewers.ISelectionProvider;
import org.eclipse.jface.viewers.SelectionChangedEvent;
import org.eclipse.jface.viewers.StructuredSelection;

/** A part's selection provider that several controls (canvases, tables) of the part feed. */
public final class SelectionRelay implements ISelectionProvider {

    private final ListenerList<ISelectionChangedListener> listeners = new ListenerList<>();
    private ISelection selection = StructuredSelection.EMPTY;

    @Override
    public void addSelectionChangedListener(ISelectionChangedListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeSelectionChangedListener(ISelectionChangedListener listener) {
        listeners.remove(listener);
    }

    @Override
    public ISelection getSelection() {
        return selection;
    }

    /** Sets the selection and tells the listeners (the workbench selection service among them). */
    @Override
    public void setSelection(ISelection newSelection) {
        selection = newSelection == null ? StructuredSelection.EMPTY : newSelection;
        SelectionChangedEvent event = new SelectionChangedEvent(this, selection);
        for (ISelectionChangedListener listener : listeners) {
            listener.selectionChanged(event);
        }
    }

    /** Selects one element, or nothing if it is null. */
    public void select(Object element) {
        setSelection(element == null ? StructuredSelection.EMPTY : new StructuredSelection(element));
    }
}
