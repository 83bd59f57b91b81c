package org.vaescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaescope.core.interpreter.run.ScriptRunOptions;
import org.vaescope.core.runtime.MemoryBudget;

/** {@code run} takes its defaults from the project's .settings/org.vaescope.prefs, as the IDE writes it. */
class RunCommandSettingsTest {

    @TempDir
    Path project;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @AfterEach
    void forgetTheBudget() {
        System.clearProperty(MemoryBudget.PROPERTY);
    }

    private Path scriptInProject(String... settings) throws Exception {
        if (settings.length > 0) {
            Path file = Files.createDirectories(project.resolve(".settings")).resolve("org.vaescope.prefs");
            Files.writeString(file, "eclipse.preferences.version=1\n" + String.join("\n", settings) + "\n");
        }
        Path script = Files.createDirectories(project.resolve("scripts")).resolve("probe.vis");
        return Files.writeString(script, "vaescope 1\n");
    }

    private PrintStream printer() {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    @Test
    void theProjectSettingsGiveTheSampleCountsAndTheBudget() throws Exception {
        Path script = scriptInProject("script.samples=77", "analysis.metricTrain=321", "analysis.metricTest=123",
                "memoryBudget=64m");
        ScriptRunOptions options = RunCommand.withProjectSettings(script, ScriptRunOptions.defaults(), printer());
        assertEquals(77, options.defaultSamples());
        assertEquals(321, options.analysisBase(0).metricTrain());
        assertEquals(123, options.analysisBase(0).metricTest());
        assertEquals(64L << 20, MemoryBudget.bytes());
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("settings " + project.resolve(".settings")), out.toString());
    }

    @Test
    void aQuickRunKeepsItsQuickAnalysisCounts() throws Exception {
        Path script = scriptInProject("script.samples=30", "analysis.metricTrain=5000");
        ScriptRunOptions options = RunCommand.withProjectSettings(script, ScriptRunOptions.defaults().withQuick(true),
                printer());
        assertEquals(30, options.defaultSamples());
        assertNull(options.analysisBase());
        assertTrue(options.quick());
    }

    @Test
    void withoutASettingsFileTheOptionsStay() throws Exception {
        ScriptRunOptions defaults = ScriptRunOptions.defaults();
        assertSame(defaults, RunCommand.withProjectSettings(scriptInProject(), defaults, printer()));
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("settings"));
    }

    @Test
    void aBadSettingsFileIsReportedWithItsNameAndNoStackTrace() throws Exception {
        Path script = scriptInProject("script.samples=lots");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = VaescopeCli.run(new String[] {"run", script.toString()}, printer(),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(code != 0, "exit code " + code);
        assertTrue(message.contains(project.resolve(".settings/org.vaescope.prefs") + ": script.samples=lots is not a whole number"),
                message);
        assertFalse(message.contains("\tat "), message);
    }
}
