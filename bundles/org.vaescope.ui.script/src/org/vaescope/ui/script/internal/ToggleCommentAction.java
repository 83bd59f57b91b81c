package org.vaescope.ui.script.internal;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextOperationTarget;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.text.source.ISourceViewer;

/** Comments the selected lines with {@code #}, or uncomments them when every one is a comment. */
final class ToggleCommentAction extends Action {

    private final ScriptEditor editor;

    ToggleCommentAction(ScriptEditor editor) {
        super("Toggle Comment");
        this.editor = editor;
    }

    @Override
    public void run() {
        ISourceViewer viewer = editor.viewer();
        if (viewer == null || !editor.isEditable()) {
            return;
        }
        ITextSelection selection = (ITextSelection) editor.getSelectionProvider().getSelection();
        int operation = allCommented(viewer.getDocument(), selection) ? ITextOperationTarget.STRIP_PREFIX
                : ITextOperationTarget.PREFIX;
        ITextOperationTarget target = (ITextOperationTarget) viewer;
        if (target.canDoOperation(operation)) {
            target.doOperation(operation);
        }
    }

    static boolean allCommented(IDocument document, ITextSelection selection) {
        try {
            int endLine = selection.getEndLine();
            if (selection.getLength() > 0 && endLine > selection.getStartLine()
                    && document.getLineOffset(endLine) == selection.getOffset() + selection.getLength()) {
                endLine--; // a selection ending at a line start does not include that line
            }
            for (int line = selection.getStartLine(); line <= endLine; line++) {
                String text = document.get(document.getLineOffset(line), document.getLineLength(line)).strip();
                if (!text.isEmpty() && !text.startsWith("#")) {
                    return false;
                }
            }
            return true;
        } catch (BadLocationException e) {
            return false;
        }
    }
}
