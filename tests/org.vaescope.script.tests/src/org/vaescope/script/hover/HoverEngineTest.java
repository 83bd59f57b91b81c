package org.vaescope.script.hover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vaescope.metrics.MetricDescriptor;
import org.vaescope.metrics.Metrics;
import org.vaescope.script.ScriptEnvironment;
import org.vaescope.script.diagnostics.ScriptChecker;
import org.vaescope.script.TestEnvironments;

class HoverEngineTest {

    private static final String SCRIPT = "vaescope 1\n"
            + "dataset dsprites(size=32)\n"
            + "patch encoder.fc1 units 0..3 from (shape=heart) into (shape=square)\n"
            + "metric mig # metric ces\n"
            + "dataset file \"d.npz\" format npz\n";

    /** The hover title at the first occurrence of {@code at} (plus {@code shift} characters), or "-" for none. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "vaescope;0;vaescope 1",
            "patch;2;patch HOOK units|channels SELECTION from (COND) into (COND) [measure latent N|readout NAME|reconstruction]",
            "dataset dsprites;0;dataset NAME(param=value, ...)",
            "dsprites;3;dataset generator dsprites",
            "encoder.fc1;9;hook point encoder.fc1",
            "shape=heart;1;factor shape",
            "mig;1;metric mig",
            "ces;0;-",
            "format npz;7;data format npz",
            "units;0;-" })
    void titleWithModel(String at, int shift, String title) {
        int offset = SCRIPT.indexOf(at) + shift;
        Optional<Hover> hover = HoverEngine.hover(SCRIPT, offset, TestEnvironments.full());
        assertEquals(title, hover.map(Hover::title).orElse("-"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "encoder.fc1;-",
            "shape=heart;factor shape" })
    void withoutModelOnlyTheLanguageAndBuiltInDatasetAnswer(String at, String title) {
        int offset = SCRIPT.indexOf(at) + 1;
        Optional<Hover> hover = HoverEngine.hover(SCRIPT, offset, ScriptEnvironment.languageOnly());
        assertEquals(title, hover.map(Hover::title).orElse("-"));
    }

    @org.junit.jupiter.api.Test
    void hookPointHoverSpansTheDottedNameAndGivesItsUnits() {
        int offset = SCRIPT.indexOf("fc1");
        Hover hover = HoverEngine.hover(SCRIPT, offset, TestEnvironments.full()).orElseThrow();
        assertEquals(SCRIPT.indexOf("encoder.fc1"), hover.span().offset());
        assertEquals("encoder.fc1".length(), hover.span().length());
        assertTrue(hover.body().startsWith("256 units (0..255)"), hover.body());
    }

    /** The language reads its metrics from the descriptors: every one completes, checks and hovers with its text. */
    @org.junit.jupiter.api.Test
    void everyMetricDescriptorIsAScriptMetricWithItsDescription() {
        for (MetricDescriptor metric : Metrics.ALL) {
            String script = "vaescope 1\nmetric " + metric.id() + "\n";
            Hover hover = HoverEngine.hover(script, script.indexOf(metric.id()), ScriptEnvironment.languageOnly())
                    .orElseThrow();
            assertEquals("metric " + metric.id(), hover.title());
            assertEquals(metric.description(), hover.body());
            assertTrue(ScriptChecker.check(script, ScriptEnvironment.languageOnly()).stream()
                    .noneMatch(d -> d.message().contains(metric.id())), metric.id());
        }
    }
}
