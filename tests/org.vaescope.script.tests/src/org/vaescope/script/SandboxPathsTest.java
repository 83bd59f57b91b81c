package org.vaescope.script;

import org.vaescope.script.diagnostics.ScriptCheckerTest;
import org.vaescope.script.diagnostics.ScriptChecker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SandboxPathsTest {

    @TempDir
    Path root;

    private Path scripts;
    private Path outside;
    private SandboxPaths sandbox;

    @BeforeEach
    void createFolders() throws IOException {
        scripts = Files.createDirectories(root.resolve("project/scripts"));
        Files.createDirectories(scripts.resolve("models"));
        Files.writeString(scripts.resolve("models/vae.vsm"), "model");
        outside = Files.createDirectories(root.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        sandbox = new SandboxPaths(scripts, scripts.resolve("out"));
    }

    @Test
    void relativeInputResolvesInsideTheScriptFolder() throws SandboxException {
        assertEquals(scripts.resolve("models/vae.vsm").toAbsolutePath().normalize(),
                sandbox.resolveInput("models/vae.vsm"));
        assertEquals(scripts.resolve("models/vae.vsm").toAbsolutePath().normalize(),
                sandbox.resolveInput("./models/../models/vae.vsm"));
    }

    @Test
    void outputResolvesInAnOutputFolderThatDoesNotExistYet() throws SandboxException {
        assertEquals(scripts.resolve("out/reports/r.html").toAbsolutePath().normalize(),
                sandbox.resolveOutput("reports/r.html"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "\\windows\\system.ini", "C:/x.npz", "~/x.npz", "../x.npz",
            "models/../../x.npz", "a/b/../../../x", "..\\x.npz", "", "  ", "models/.."})
    void escapesAreRejectedWithAMessageNamingThePath(String written) {
        SandboxException input = assertThrows(SandboxException.class, () -> sandbox.resolveInput(written));
        SandboxException output = assertThrows(SandboxException.class, () -> sandbox.resolveOutput(written));

        assertEquals(written, input.writtenPath());
        assertTrue(written.isBlank() || input.getMessage().contains(written), input.getMessage());
        assertTrue(written.isBlank() || output.getMessage().contains(written), output.getMessage());
    }

    @Test
    void symlinkedFolderPointingOutsideIsRejected() throws IOException {
        Files.createSymbolicLink(scripts.resolve("link"), outside);

        SandboxException e = assertThrows(SandboxException.class, () -> sandbox.resolveInput("link/secret.txt"));

        assertEquals("path 'link/secret.txt' leaves the script folder through the symbolic link 'link'",
                e.getMessage());
    }

    @Test
    void symlinkedFilePointingOutsideIsRejected() throws IOException {
        Files.createSymbolicLink(scripts.resolve("data.npz"), outside.resolve("secret.txt"));

        assertThrows(SandboxException.class, () -> sandbox.resolveInput("data.npz"));
    }

    @Test
    void symlinkInsideTheOutputFolderPointingOutsideIsRejected() throws IOException {
        Files.createDirectories(scripts.resolve("out"));
        Files.createSymbolicLink(scripts.resolve("out/reports"), outside);

        assertThrows(SandboxException.class, () -> sandbox.resolveOutput("reports/r.html"));
    }

    @Test
    void danglingSymlinkIsRejected() throws IOException {
        Files.createSymbolicLink(scripts.resolve("gone.npz"), root.resolve("nowhere.npz"));

        SandboxException e = assertThrows(SandboxException.class, () -> sandbox.resolveInput("gone.npz"));
        assertTrue(e.getMessage().contains("cannot be resolved"), e.getMessage());
    }

    @Test
    void symlinkStayingInsideIsAccepted() throws IOException, SandboxException {
        Files.createSymbolicLink(scripts.resolve("current.vsm"), scripts.resolve("models/vae.vsm"));

        assertEquals(scripts.resolve("current.vsm").toAbsolutePath().normalize(), sandbox.resolveInput("current.vsm"));
    }

    @Test
    void checkerReportsSandboxEscapesAndMissingFilesWithTheEnvironmentsSandbox() throws IOException {
        Files.createSymbolicLink(scripts.resolve("link"), outside);
        ScriptEnvironment env = ScriptEnvironment.builder().sandbox(sandbox).build();
        String text = "model \"models/vae.vsm\"\ndataset file \"link/secret.txt\" format npz\n"
                + "report html \"r.html\"\nimages \"/tmp/x.png\"\ntable csv \"missing/../t.csv\"\n"
                + "compare {\n model \"models/none.vsm\"\n model \"models/vae.vsm\"\n}";

        List<String> diagnostics = ScriptCheckerTest.format(ScriptChecker.check(text, env));

        assertEquals(List.of(
                "2:14: error: path 'link/secret.txt' leaves the script folder through the symbolic link 'link'",
                "4:8: error: absolute path '/tmp/x.png' is not allowed: write a path relative to the output folder",
                "6:1: error: 'compare' cannot be combined with the 'model' statement at line 1: list every model inside"
                        + " 'compare'",
                "7:8: warning: file 'models/none.vsm' does not exist in the script folder"), diagnostics);
    }
}
