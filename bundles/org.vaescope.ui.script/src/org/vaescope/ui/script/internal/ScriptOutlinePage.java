package org.vaescope.ui.script.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.viewers.AbstractTreeViewer;
import org.eclipse.jface.viewers.IPostSelectionProvider;
import org.eclipse.jface.viewers.ISelectionChangedListener;
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
 * descriptor. Selecting a statement selects it in the editor; when the caret rests in the editor, the
 * statement under it is selected (link with editor).
 * <p>
 * Per reconcile the labels are computed on the reconciler's thread; the tree is touched only when a
 * label or the structure changed, and then only the changed items (elements are equal by place and
 * label), so typing in a 1,000-statement script does not rebuild 1,000 tree items.
 */
final class ScriptOutlinePage extends ContentOutlinePage {

    private final ScriptEditor editor;
    private final ISelectionChangedListener caretListener = this::caretRested;
    private volatile Outline outline;
    private boolean linking;

    ScriptOutlinePage(ScriptEditor editor) {
        this.editor = editor;
        ParseResult last = editor.lastParse();
        this.outline = last == null ? Outline.EMPTY : Outline.of(last);
    }

    @Override
    public void createControl(Composite parent) {
        super.createControl(parent);
        TreeViewer viewer = getTreeViewer();
        viewer.setUseHashlookup(true);
        viewer.setAutoExpandLevel(AbstractTreeViewer.ALL_LEVELS);
        viewer.setContentProvider(new OutlineContent());
        viewer.setLabelProvider(new LabelProvider() {
            @Override
            public String getText(Object element) {
                return element instanceof OutlineItem item ? item.label() : "";
            }
        });
        viewer.setInput(this);
        if (editor.getSelectionProvider() instanceof IPostSelectionProvider post) {
            post.addPostSelectionChangedListener(caretListener);
        }
    }

    /** A new parse from the reconciler thread; the tree is refreshed on the UI thread only if it shows something new. */
    void update(ParseResult result) {
        Outline previous = outline;
        outline = Outline.of(result);
        Control control = getControl();
        if (outline.sameItems(previous) || control == null || control.isDisposed()) {
            return;
        }
        control.getDisplay().asyncExec(() -> {
            if (!control.isDisposed()) {
                getTreeViewer().refresh(false);
            }
        });
    }

    /** The items shown now (for tests). */
    List<OutlineItem> items() {
        return outline.roots();
    }

    @Override
    public void selectionChanged(SelectionChangedEvent event) {
        super.selectionChanged(event);
        if (linking) {
            return;
        }
        if (event.getSelection() instanceof IStructuredSelection structured
                && structured.getFirstElement() instanceof OutlineItem item) {
            outline.statement(item).ifPresent(s -> editor.selectAndReveal(s.span().offset(), s.span().length()));
        }
    }

    private void caretRested(SelectionChangedEvent event) {
        if (!(event.getSelection() instanceof ITextSelection text) || getControl() == null || getControl().isDisposed()) {
            return;
        }
        Optional<OutlineItem> at = outline.itemAt(text.getOffset());
        Object selected = getTreeViewer().getStructuredSelection().getFirstElement();
        if (at.isPresent() ? at.get().equals(selected) : selected == null) {
            return;
        }
        linking = true;
        try {
            getTreeViewer().setSelection(at.<ISelection>map(StructuredSelection::new).orElse(StructuredSelection.EMPTY),
                    true);
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
        if (editor.getSelectionProvider() instanceof IPostSelectionProvider post) {
            post.removePostSelectionChangedListener(caretListener);
        }
        super.dispose();
    }

    /** A statement in the outline: equal to another when it stands at the same place with the same label. */
    record OutlineItem(int parent, int index, String label) {
        static final int TOP = -1;
    }

    /** The items of one parse and the statements behind them. */
    private record Outline(ParseResult parse, List<OutlineItem> roots, Map<OutlineItem, List<OutlineItem>> children) {
        static final Outline EMPTY = new Outline(null, List.of(), Map.of());

        static Outline of(ParseResult parse) {
            List<Statement> statements = parse.script().statements();
            List<OutlineItem> roots = new ArrayList<>(statements.size());
            Map<OutlineItem, List<OutlineItem>> children = new HashMap<>();
            for (int i = 0; i < statements.size(); i++) {
                OutlineItem root = new OutlineItem(OutlineItem.TOP, i, label(parse.text(), statements.get(i)));
                roots.add(root);
                if (statements.get(i) instanceof Statement.Compare compare && !compare.models().isEmpty()) {
                    List<OutlineItem> models = new ArrayList<>();
                    for (int m = 0; m < compare.models().size(); m++) {
                        models.add(new OutlineItem(i, m, label(parse.text(), compare.models().get(m))));
                    }
                    children.put(root, models);
                }
            }
            return new Outline(parse, roots, children);
        }

        boolean sameItems(Outline other) {
            return roots.equals(other.roots) && children.equals(other.children);
        }

        Optional<Statement> statement(OutlineItem item) {
            if (parse == null) {
                return Optional.empty();
            }
            List<Statement> statements = parse.script().statements();
            int top = item.parent() == OutlineItem.TOP ? item.index() : item.parent();
            if (top >= statements.size()) {
                return Optional.empty();
            }
            Statement statement = statements.get(top);
            if (item.parent() == OutlineItem.TOP) {
                return Optional.of(statement);
            }
            return statement instanceof Statement.Compare compare && item.index() < compare.models().size()
                    ? Optional.of(compare.models().get(item.index())) : Optional.empty();
        }

        Optional<OutlineItem> itemAt(int offset) {
            if (parse == null) {
                return Optional.empty();
            }
            List<Statement> statements = parse.script().statements();
            Statement at = statementAt(statements, offset);
            for (int i = 0; at != null && i < statements.size(); i++) {
                if (statements.get(i) == at) {
                    return Optional.of(roots.get(i));
                }
                if (statements.get(i) instanceof Statement.Compare compare && compare.models().contains(at)) {
                    return Optional.of(children.get(roots.get(i)).get(compare.models().indexOf(at)));
                }
            }
            return Optional.empty();
        }

        private static String label(String source, Statement statement) {
            int end = Math.min(statement.span().end(), source.length());
            String text = source.substring(Math.min(statement.span().offset(), end), end);
            int newline = text.indexOf('\n');
            String firstLine = (newline < 0 ? text : text.substring(0, newline)).strip();
            return statement instanceof Statement.Invalid ? firstLine + "  (invalid)"
                    : firstLine + "  — " + statement.descriptor().displayName();
        }
    }

    private final class OutlineContent implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            return outline.roots().toArray();
        }

        @Override
        public Object[] getChildren(Object element) {
            return outline.children().getOrDefault(element, List.of()).toArray();
        }

        @Override
        public Object getParent(Object element) {
            return element instanceof OutlineItem item && item.parent() != OutlineItem.TOP
                    ? outline.roots().get(item.parent()) : null;
        }

        @Override
        public boolean hasChildren(Object element) {
            return outline.children().containsKey(element);
        }
    }
}
