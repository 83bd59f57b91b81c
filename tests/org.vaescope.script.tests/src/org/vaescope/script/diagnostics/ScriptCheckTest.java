package org.vaescope.script.diagnostics;

import org.vaescope.script.ScriptEnvironment;
import org.vaescope.script.source.Diagnostic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptCheckTest {

    @TempDir
    Path folder;

    @Test
    void errorsAreFormattedLikeACompilerAndGiveExitCodeOne() throws IOException {
        Path script = folder.resolve("bad.vis");
        Files.writeString(script, "model \"m.vsm\"\ndataset dsprites\npatch\nsamples 10\n");

        ScriptCheck.Result result = ScriptCheck.check(script, folder.resolve("out"), null);

        assertEquals(List.of(script + ":1:7: warning: file 'm.vsm' does not exist in the script folder",
                script + ":3:6: error: expected a hook point name after 'patch'",
                script + ":4:9: warning: only 10 samples: estimates from fewer than 50 inputs are unreliable"),
                result.lines());
        assertEquals(ScriptCheck.EXIT_ERRORS, result.exitCode());
    }

    @Test
    void warningsAloneGiveExitCodeZero() {
        ScriptCheck.Result result = ScriptCheck.checkText("w.vis", "model \"m.vsm\"\ndataset dsprites\nsamples 10",
                ScriptEnvironment.languageOnly());

        assertEquals(List.of("w.vis:3:9: warning: only 10 samples: estimates from fewer than 50 inputs are unreliable"),
                result.lines());
        assertEquals(ScriptCheck.EXIT_OK, result.exitCode());
    }

    @Test
    void cleanScriptPrintsNothing() throws IOException {
        Path script = folder.resolve("ok.vis");
        Files.writeString(folder.resolve("m.vsm"), "x");
        Files.writeString(script, "vaescope 1\nmodel \"m.vsm\"\ndataset dsprites\nmetric ces\n");

        ScriptCheck.Result result = ScriptCheck.check(script, folder.resolve("out"), ScriptEnvironment.languageOnly());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        result.printTo(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertEquals(List.of(), result.lines());
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
        assertEquals(ScriptCheck.EXIT_OK, result.exitCode());
    }

    @Test
    void unreadableFileGivesExitCodeTwo() throws IOException {
        Path missing = folder.resolve("missing.vis");
        ScriptCheck.Result result = ScriptCheck.check(missing, folder, null);
        assertEquals(ScriptCheck.EXIT_UNREADABLE, result.exitCode());
        assertTrue(result.lines().get(0).startsWith(missing + ": error: cannot read the script: "), result.lines().get(0));

        Path binary = folder.resolve("binary.vis");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        assertEquals(List.of(binary + ": error: cannot read the script: not valid UTF-8 text"),
                ScriptCheck.check(binary, folder, null).lines());
    }

    @Test
    void exitCodeFollowsTheWorstSeverity() {
        Diagnostic info = new Diagnostic(Diagnostic.Severity.INFO, "i", 1, 1, 0, 0);
        Diagnostic error = new Diagnostic(Diagnostic.Severity.ERROR, "e", 1, 1, 0, 0);
        assertEquals(0, ScriptCheck.exitCode(List.of()));
        assertEquals(0, ScriptCheck.exitCode(List.of(info)));
        assertEquals(1, ScriptCheck.exitCode(List.of(info, error)));
        assertEquals("f.vis:1:1: error: e", error.format("f.vis"));
    }
}
