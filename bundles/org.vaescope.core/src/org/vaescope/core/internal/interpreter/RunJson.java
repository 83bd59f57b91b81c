package org.vaescope.core.internal.interpreter;

import org.vaescope.core.internal.json.JsonText;

/** JSON text pieces: strings with escapes, numbers (null when not finite). */
final class RunJson {

    private RunJson() {
    }

    static String string(String text) {
        return JsonText.quote(text);
    }

    static String number(double value) {
        return JsonText.number(value);
    }
}
