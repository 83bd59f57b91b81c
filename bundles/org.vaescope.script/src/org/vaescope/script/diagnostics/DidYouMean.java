package org.vaescope.script.diagnostics;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.vaescope.script.internal.EditDistance;
import org.vaescope.script.source.Diagnostic;

/**
 * The quick fix of a diagnostic that ends in a "did you mean" suggestion: replace the diagnostic's
 * span (the unknown name) with the suggested name.
 */
public record DidYouMean(int offset, int length, String replacement) {

    /** The suffix {@link EditDistance#didYouMean} appends to a message. */
    private static final Pattern SUGGESTION = Pattern.compile("did you mean '([^']+)'\\?$");

    /** The fix of a diagnostic, if its message suggests a name and it underlines something. */
    public static Optional<DidYouMean> of(Diagnostic diagnostic) {
        Matcher matcher = SUGGESTION.matcher(diagnostic.message());
        if (diagnostic.length() == 0 || !matcher.find()) {
            return Optional.empty();
        }
        return Optional.of(new DidYouMean(diagnostic.offset(), diagnostic.length(), matcher.group(1)));
    }

    /** The text with the fix applied. */
    public String applyTo(String text) {
        return text.substring(0, offset) + replacement + text.substring(offset + length);
    }
}
