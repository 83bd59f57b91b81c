package org.vaescope.script.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.vaescope.script.ScriptEnvironment;
import org.vaescope.script.source.Diagnostic;

class DidYouMeanTest {

    @Test
    void misspelledMetricIsFixedToTheSuggestion() {
        String text = "vaescope 1\nmetric mgi\n";
        List<Diagnostic> diagnostics = ScriptChecker.check(text, ScriptEnvironment.languageOnly());
        DidYouMean fix = diagnostics.stream().map(DidYouMean::of).flatMap(Optional::stream).findFirst().orElseThrow();

        assertEquals("mig", fix.replacement());
        assertEquals("vaescope 1\nmetric mig\n", fix.applyTo(text));
    }

    @Test
    void misspelledKeywordIsFixed() {
        String text = "vaescope 1\nmetirc mig\n";
        DidYouMean fix = ScriptChecker.check(text, ScriptEnvironment.languageOnly()).stream().map(DidYouMean::of)
                .flatMap(Optional::stream).findFirst().orElseThrow();

        assertEquals("vaescope 1\nmetric mig\n", fix.applyTo(text));
    }

    @Test
    void diagnosticsWithoutSuggestionHaveNoFix() {
        List<Diagnostic> diagnostics = ScriptChecker.check("vaescope 2\n", ScriptEnvironment.languageOnly());
        assertTrue(diagnostics.stream().map(DidYouMean::of).allMatch(Optional::isEmpty));
    }
}
