package org.vaescope.ui.script.internal;

import java.util.List;

import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.SelectionChangedEvent;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.views.contentoutline.ContentOutlinePage;
import org.vaescope.script.ast.ParseResult;
import org.vaescope.script.ast.Statement;

/**
 * The script's statements (a compare block with its models), labelled by their source line and
 * descriptor. Selecting a statement selects it in the editor; moving the caret in the editor selects
 * the statement under it (link with editor).
 */
final class ScriptOutlinePage extends ContentOutlinePage {

    private final ScriptEditor editor;
    private final org.eclipse.jface.viewers.ISelectionChangedListener caretListener = this::caretMoved;
    private volatile ParseResult parse;
    private boolean linking;

    ScriptOutlinePage(ScriptEditor editor) {
        this.editor = editor;
        this.parse = editor.lastParse();
    }

    @Override
    public void createControl(Composite parent) {
        super.createControl(parent);
        TreeViewer viewer = getTreeViewer();
        viewer.setContentProvider(new StatementContent());
        viewer.setLabelProvider(new StatementLabels());
        viewer.setInput(parse);
        viewer.expandAll();
        editor.getSelectionProvider().addSelectionChangedListener(caretListener);
    }

    /** A new parse from the reconciler thread; the tree is refreshed on the UI thread. */
    void update(ParseResult result) {
        parse = result;
        Control control = getControl();
        if (control != null && !control.isDisposed()) {
            control.getDisplay().asyncExec(() -> {
                if (!control.isDisposed()) {
                    getTreeViewer().setInput(parse);
                    getTreeViewer().expandAll();
                }
            });
        }
    }

    @Override
    public void selectionChanged(SelectionChangedEvent event) {
        super.selectionChanged(event);
        if (linking) {
            return;
        }
        ISelection selection = event.getSelection();
        if (selection instanceof IStructuredSelection structured && structured.getFirstElement() instanceof Statement s) {
            editor.selectAndReveal(s.span().offset(), s.span().length());
        }
    }

    private void caretMoved(SelectionChangedEvent event) {
        ParseResult current = parse;
        if (current == null || !(event.getSelection() instanceof ITextSelection text) || getControl() == null
                || getControl().isDisposed()) {
            return;
        }
        Statement at = statementAt(current.script().statements(), text.getOffset());
        linking = true;
        try {
            getTreeViewer().setSelection(at == null ? StructuredSelection.EMPTY : new StructuredSelection(at), true);
        } finally {
            linking = false;
        }
    }

    static Statement statementAt(List<Statement> statements, int offset) {
        for (Statement statement : statements) {
            if (statement.span().offset() <= offset && offset <= statement.span().end()) {
                if (statement instanceof Statement.Compare compare) {
                    Statement inner = statementAt(List.copyOf(compare.models()), offset);
                    return inner == null ? compare : inner;
                }
                return statement;
            }
        }
        return null;
    }

    @Override
    public void dispose() {
        editor.getSelectionProvider().removeSelectionChangedListener(caretListener);
        super.dispose();
    }

    private static final class StatementContent implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            return input instanceof ParseResult result ? result.script().statements().toArray() : new Object[0];
        }

        @Override
        public Object[] getChildren(Object element) {
            return element instanceof Statement.Compare compare ? compare.models().toArray() : new Object[0];
        }

        @Override
        public Object getParent(Object element) {
            return null;
        }

        @Override
        public boolean hasChildren(Object element) {
            return element instanceof Statement.Compare compare && !compare.models().isEmpty();
        }
    }

    private final class StatementLabels extends LabelProvider {
        @Override
        public String getText(Object element) {
            if (!(element instanceof Statement statement)) {
                return "";
            }
            ParseResult current = parse;
            String source = current == null ? "" : current.text();
            int end = Math.min(statement.span().end(), source.length());
            String text = source.substring(Math.min(statement.span().offset(), end), end);
            int newline = text.indexOf('\n');
            String firstLine = (newline < 0 ? text : text.substring(0, newline)).strip();
            return statement instanceof Statement.Invalid ? firstLine + "  (invalid)"
                    : firstLine + "  — " + statement.descriptor().displayName();
        }
    }
}
