package org.vaescope.ui.script.internal;

import org.eclipse.jface.resource.ColorRegistry;
import org.eclipse.jface.text.TextAttribute;
import org.eclipse.jface.text.rules.IToken;
import org.eclipse.jface.text.rules.Token;
import org.eclipse.swt.SWT;
import org.eclipse.ui.PlatformUI;

/**
 * The colours of the script editor, read from the current theme's colour registry (Preferences,
 * General, Appearance, Colors and Fonts, "VAEScope Script Editor"; the dark theme sets its own).
 */
enum ScriptColors {
    KEYWORD("keyword", SWT.BOLD), HOOK("hook", SWT.NORMAL), NUMBER("number", SWT.NORMAL), STRING("string", SWT.NORMAL),
    COMMENT("comment", SWT.ITALIC);

    private final String id;
    private final int style;
    private final Token token = new Token(null);

    ScriptColors(String name, int style) {
        this.id = "org.vaescope.ui.script.color." + name;
        this.style = style;
    }

    /** The theme's colour definition id. */
    String id() {
        return id;
    }

    /** The token the scanner returns; its text attribute follows the theme (see {@link #refreshAll}). */
    IToken token() {
        if (token.getData() == null) {
            refresh(registry());
        }
        return token;
    }

    private void refresh(ColorRegistry registry) {
        token.setData(new TextAttribute(registry.get(id), null, style));
    }

    /** Re-reads every colour, after a theme or preference change. */
    static void refreshAll() {
        ColorRegistry registry = registry();
        for (ScriptColors color : values()) {
            color.refresh(registry);
        }
    }

    static boolean isScriptColor(String property) {
        return property != null && property.startsWith("org.vaescope.ui.script.color.");
    }

    private static ColorRegistry registry() {
        return PlatformUI.getWorkbench().getThemeManager().getCurrentTheme().getColorRegistry();
    }
}
