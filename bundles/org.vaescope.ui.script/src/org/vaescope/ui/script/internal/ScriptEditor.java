package org.vaescope.ui.script.internal;

import java.nio.file.Path;
import java.util.function.Consumer;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.jface.text.source.DefaultCharacterPairMatcher;
import org.eclipse.jface.text.source.ICharacterPairMatcher;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.jface.util.IPropertyChangeListener;
import org.eclipse.jface.util.PropertyChangeEvent;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.editors.text.EditorsUI;
import org.eclipse.ui.editors.text.TextEditor;
import org.eclipse.ui.preferences.ScopedPreferenceStore;
import org.eclipse.ui.texteditor.ChainedPreferenceStore;
import org.eclipse.ui.texteditor.SourceViewerDecorationSupport;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;
import org.vaescope.script.ast.ParseResult;

/**
 * The intervention-script editor: a {@link TextEditor} with the language's
 * {@link ScriptSourceViewerConfiguration}, an Outline, bracket matching for {@code ( )} and
 * {@code { }}, and Toggle Comment (Ctrl+/).
 */
public final class ScriptEditor extends TextEditor {

    static final String MATCHING_BRACKETS = "org.vaescope.ui.script.matchingBrackets";
    static final String MATCHING_BRACKETS_COLOR = "org.vaescope.ui.script.matchingBracketsColor";
    static final String TOGGLE_COMMENT_COMMAND = "org.vaescope.ui.script.toggleComment";

    private final ICharacterPairMatcher brackets = new DefaultCharacterPairMatcher(new char[] {'(', ')', '{', '}'});
    private final IPropertyChangeListener themeListener = this::themeChanged;
    private final Consumer<Path> environmentLoaded = this::environmentLoaded;
    private ScriptOutlinePage outline;
    private volatile ParseResult lastParse;

    public ScriptEditor() {
        setSourceViewerConfiguration(new ScriptSourceViewerConfiguration(this));
        setKeyBindingScopes(new String[] {"org.vaescope.ui.script.editorScope"});
        setPreferenceStore(new ChainedPreferenceStore(new IPreferenceStore[] {scriptPreferences(),
                EditorsUI.getPreferenceStore()}));
        PlatformUI.getWorkbench().getThemeManager().addPropertyChangeListener(themeListener);
        ScriptEnvironmentCache.get().addListener(environmentLoaded);
    }

    /** The editor's own preferences (bracket matching), before the text editors' shared ones. */
    private static IPreferenceStore scriptPreferences() {
        IPreferenceStore store = new ScopedPreferenceStore(InstanceScope.INSTANCE, "org.vaescope.ui.script");
        store.setDefault(MATCHING_BRACKETS, true);
        store.setDefault(MATCHING_BRACKETS_COLOR, "128,128,128");
        return store;
    }

    /** The script's file on disk, or null. */
    public Path scriptFile() {
        return ScriptDocuments.pathOf(getEditorInput());
    }

    /** The last parse of the reconciler (never blocks; may be a few hundred milliseconds old). */
    public ParseResult lastParse() {
        return lastParse;
    }

    /** The content-assist processor this editor's viewer uses. */
    ScriptCompletionProcessor completionProcessor() {
        return ((ScriptSourceViewerConfiguration) getSourceViewerConfiguration()).completionProcessor();
    }

    /** The matcher behind the bracket highlight: {@code ( )} and {@code { }}. */
    ICharacterPairMatcher bracketMatcher() {
        return brackets;
    }

    /** The source viewer, for tests and the benchmark. */
    public ISourceViewer viewer() {
        return getSourceViewer();
    }

    @Override
    protected void configureSourceViewerDecorationSupport(SourceViewerDecorationSupport support) {
        super.configureSourceViewerDecorationSupport(support);
        support.setCharacterPairMatcher(brackets);
        support.setMatchingCharacterPainterPreferenceKeys(MATCHING_BRACKETS, MATCHING_BRACKETS_COLOR);
    }

    @Override
    protected void createActions() {
        super.createActions();
        IAction toggle = new ToggleCommentAction(this);
        toggle.setActionDefinitionId(TOGGLE_COMMENT_COMMAND);
        setAction("ToggleComment", toggle);
    }

    @Override
    public <T> T getAdapter(Class<T> type) {
        if (type == IContentOutlinePage.class) {
            if (outline == null) {
                outline = new ScriptOutlinePage(this);
            }
            return type.cast(outline);
        }
        return super.getAdapter(type);
    }

    /** Called by the reconciler (not the UI thread) with each new parse. */
    void parsed(ParseResult result) {
        lastParse = result;
        ScriptOutlinePage page = outline;
        if (page != null) {
            page.update(result);
        }
    }

    private void environmentLoaded(Path file) {
        if (file.equals(scriptFile())) {
            Display.getDefault().asyncExec(this::checkAgain);
        }
    }

    private void checkAgain() {
        if (getSourceViewer() != null) {
            ((ScriptSourceViewerConfiguration) getSourceViewerConfiguration()).checkAgain();
        }
    }

    private void themeChanged(PropertyChangeEvent event) {
        if (ScriptColors.isScriptColor(event.getProperty())
                || org.eclipse.ui.themes.IThemeManager.CHANGE_CURRENT_THEME.equals(event.getProperty())) {
            ScriptColors.refreshAll();
            ISourceViewer viewer = getSourceViewer();
            if (viewer != null) {
                viewer.invalidateTextPresentation();
            }
        }
    }

    @Override
    public void dispose() {
        PlatformUI.getWorkbench().getThemeManager().removePropertyChangeListener(themeListener);
        ScriptEnvironmentCache.get().removeListener(environmentLoaded);
        super.dispose();
    }
}
