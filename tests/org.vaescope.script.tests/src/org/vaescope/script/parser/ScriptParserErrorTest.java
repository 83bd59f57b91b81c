package org.vaescope.script.parser;

import org.vaescope.script.ast.ParseResult;
import org.vaescope.script.source.Diagnostic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScriptParserErrorTest {

    static Stream<Arguments> brokenScripts() {
        return Stream.of(
                Arguments.of("patch", "1:6: expected a hook point name after 'patch'"),
                Arguments.of("patch encoder.conv1 units 0..7 frm (a=b) into (a=c)",
                        "1:32: expected 'from' after '7', found 'frm'"),
                Arguments.of("vaescope 2", "1:10: unsupported format version 2: this VAEScope reads version 1"),
                Arguments.of("metric ces\nvaescope 1", "2:1: 'vaescope 1' must be the first statement of the script"),
                Arguments.of("pach x", "1:1: unknown statement 'pach'; did you mean 'patch'?"),
                Arguments.of("model \"abc", "1:7: unterminated string: expected '\"' before the end of the line"),
                Arguments.of("samples 1.5", "1:9: expected a sample count (a whole number), found '1.5'"),
                Arguments.of("samples", "1:8: expected a sample count after 'samples'"),
                Arguments.of("ablate h units 0..3 mode wrong",
                        "1:26: expected 'zero', 'mean' or 'resample' after 'mode', found 'wrong'"),
                Arguments.of("traverse latent 1 range -3 3 steps 7",
                        "1:28: expected '..' and the upper end of the range after '-3', found '3'"),
                Arguments.of("patch h units 5..2 from (a=b) into (a=c)",
                        "1:15: empty range 5..2: the upper end must not be below the lower end"),
                Arguments.of("metric ces extra", "1:12: expected end of line after 'ces', found 'extra'"),
                Arguments.of("compare {\n model \"a.vsm\"\nmetric ces",
                        "1:9: expected '}' to close 'compare' (no '}' before 'metric')"),
                Arguments.of("compare {\n model \"a.vsm\"\n",
                        "1:9: expected '}' to close 'compare' (no '}' before the end of the text)"),
                Arguments.of("compare {\n samples 3\n}", "1:9: expected '}' to close 'compare' (no '}' before 'samples')"
                        + "|3:1: unexpected '}': no block is open"),
                Arguments.of("compare {\n mode \"a.vsm\"\n}", "2:2: expected 'model' or '}' inside 'compare', found 'mode'"),
                Arguments.of("}", "1:1: unexpected '}': no block is open"),
                Arguments.of("metric ces @", "1:12: unexpected character '@'"),
                Arguments.of("patch h units 0..7 from shape=heart) into (a=b)",
                        "1:25: expected '(' and a factor condition such as (shape=heart) after 'from', found 'shape'"),
                Arguments.of("patch h units 0..7 from (a=b) into (a=c) samples 100 samples 3",
                        "1:54: 'samples' is given twice"),
                Arguments.of("dataset dsprites(size=32", "1:25: expected ',' or ')' after '32'"),
                Arguments.of("set latent 3 1.5", "1:14: expected '=' after '3', found '1.5'"),
                Arguments.of("\n\nreport pdf \"r.pdf\"", "3:8: expected 'html' or 'json' after 'report', found 'pdf'"),
                Arguments.of("patch h units -1 from (a=b) into (a=c)",
                        "1:15: expected a unit index, range such as 0..7, or 'all' (a whole number from 0) after 'units', found '-1'"),
                Arguments.of("patch h units all from (a=b) into (a=c) measure latent",
                        "1:55: expected a latent index after 'latent'"),
                Arguments.of("42", "1:1: expected a statement keyword such as 'model', 'dataset' or 'patch', found '42'"),
                Arguments.of("metric ces\npatch (\nmetric mig\nablate\nvary factor",
                        "2:7: expected a hook point name after 'patch', found '('"
                                + "|4:7: expected a hook point name after 'ablate'"
                                + "|5:12: expected a factor name or 'all' after 'factor'"));
    }

    @ParameterizedTest
    @MethodSource("brokenScripts")
    void brokenScriptReportsExpectedErrors(String text, String expected) {
        ParseResult result = ScriptParser.parse(text);

        List<String> actual = result.diagnostics().stream()
                .map(d -> d.line() + ":" + d.column() + ": " + d.message()).toList();
        assertEquals(List.of(expected.split("\\|")), actual, "errors of: " + text);
        result.diagnostics().forEach(d -> {
            assertEquals(Diagnostic.Severity.ERROR, d.severity());
            assertTrue(d.offset() + d.length() <= text.length());
        });
    }

    @Test
    void errorRangeUnderlinesTheOffendingToken() {
        String text = "metric ces\npatch encoder.conv1 units 0..7 frm (a=b) into (a=c)";
        Diagnostic error = ScriptParser.parse(text).diagnostics().get(0);

        assertEquals("frm", text.substring(error.offset(), error.offset() + error.length()));
    }

    @Test
    void errorAtLineEndHasZeroLengthAtTheLineEnd() {
        Diagnostic error = ScriptParser.parse("patch\nmetric ces").diagnostics().get(0);

        assertEquals(5, error.offset());
        assertEquals(0, error.length());
    }
}
