package org.vaescope.ui.script.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.eclipse.e4.ui.css.swt.theme.IThemeEngine;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vaescope.ui.testing.Workbenches;

/**
 * The script editor under the CSS theme engine: switching to the Dark theme (as Preferences › Appearance does)
 * recolours keywords, hook points, numbers, strings and comments with the colours of the editor's dark style
 * sheet, and the editor's background turns dark.
 */
class ScriptEditorThemeTest {

    private static final String DARK = "org.eclipse.e4.ui.css.theme.e4_dark";
    private static final String LIGHT = "org.eclipse.e4.ui.css.theme.e4_default";
    private static final String TEXT = "vaescope 1\n# a comment\nmodel \"models/tiny.vsm\"\n"
            + "patch encoder.fc1 units 0..7 from (shape=heart) into (shape=square)\nmetric mig\n";
    /** Where each colour shows in {@link #TEXT}, and its colour in the editor's css/dark.css. */
    private static final Map<String, RGB> DARK_COLOURS = Map.of("patch", new RGB(204, 120, 50), "metric",
            new RGB(204, 120, 50), "encoder.fc1",
            new RGB(104, 151, 187), "0..7", new RGB(104, 151, 187), "models/", new RGB(106, 135, 89), "a comment",
            new RGB(128, 128, 128));

    @AfterEach
    void backToTheLightTheme() {
        themeEngine().setTheme(LIGHT, false);
        Workbenches.drainEvents();
        Workbenches.page().closeAllEditors(false);
    }

    @Test
    void theDarkThemeRecoloursTheScriptAndDarkensTheEditor() throws Exception {
        ScriptEditor editor = ScriptWorkbench.open(ScriptWorkbench.write(Workbenches.openProject("themes"), "theme.vis", TEXT));
        StyledText widget = editor.viewer().getTextWidget();
        Workbenches.drainEvents();
        Map<String, RGB> light = coloursNow(widget);
        RGB lightBackground = widget.getBackground().getRGB();

        themeEngine().setTheme(DARK, false);
        Workbenches.waitUntil("the dark colours in the editor", 10_000, () -> coloursNow(widget).equals(DARK_COLOURS));
        Workbenches.screenshot("script-editor-dark");

        Map<String, RGB> dark = coloursNow(widget);
        DARK_COLOURS.keySet().forEach(place -> assertNotEquals(light.get(place), dark.get(place), place));
        RGB darkBackground = widget.getBackground().getRGB();
        assertTrue(luminance(darkBackground) < 0.3 && luminance(lightBackground) > 0.7,
                "background light " + lightBackground + ", dark " + darkBackground);

        themeEngine().setTheme(LIGHT, false);
        Workbenches.waitUntil("the light colours again", 10_000, () -> coloursNow(widget).equals(light));
        assertEquals(light, coloursNow(widget));
    }

    private static IThemeEngine themeEngine() {
        IThemeEngine engine = PlatformUI.getWorkbench().getService(IThemeEngine.class);
        if (engine == null) {
            engine = (IThemeEngine) Display.getCurrent().getData("org.eclipse.e4.ui.css.swt.theme");
        }
        assertNotNull(engine, "the CSS theme engine runs in the workbench");
        return engine;
    }

    private static Map<String, RGB> coloursNow(StyledText widget) {
        return Map.copyOf(DARK_COLOURS.keySet().stream().collect(java.util.stream.Collectors.toMap(place -> place,
                place -> foreground(widget, TEXT.indexOf(place)))));
    }

    private static RGB foreground(StyledText widget, int offset) {
        StyleRange range = widget.getStyleRangeAtOffset(offset);
        return range == null || range.foreground == null ? widget.getForeground().getRGB() : range.foreground.getRGB();
    }

    private static double luminance(RGB rgb) {
        return (0.2126 * rgb.red + 0.7152 * rgb.green + 0.0722 * rgb.blue) / 255;
    }
}
