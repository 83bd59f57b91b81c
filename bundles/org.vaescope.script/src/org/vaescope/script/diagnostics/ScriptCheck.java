package org.vaescope.script.diagnostics;

import org.vaescope.script.SandboxPaths;
import org.vaescope.script.ScriptEnvironment;
import org.vaescope.script.source.Diagnostic;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code check} command of the command line: checks a script file and formats its diagnostics as
 * {@code file:line:col: severity: message}, one per line, with an exit code.
 */
public final class ScriptCheck {

    /** No errors (warnings and infos allowed). */
    public static final int EXIT_OK = 0;
    /** The script has at least one error. */
    public static final int EXIT_ERRORS = 1;
    /** The script file could not be read. */
    public static final int EXIT_UNREADABLE = 2;

    /** Diagnostics, their formatted lines and the exit code. */
    public record Result(List<Diagnostic> diagnostics, List<String> lines, int exitCode) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
            lines = List.copyOf(lines);
        }

        /** Prints every line to {@code out}. */
        public void printTo(PrintStream out) {
            lines.forEach(out::println);
        }
    }

    private ScriptCheck() {
    }

    /**
     * Checks a script file (UTF-8). Inputs are resolved in the file's folder and outputs in
     * {@code outputFolder} through a {@link SandboxPaths}, added to {@code env}'s other knowledge.
     *
     * @param env model and dataset knowledge; null means the language alone
     */
    public static Result check(Path scriptFile, Path outputFolder, ScriptEnvironment env) {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(scriptFile);
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return unreadable(scriptFile, "not valid UTF-8 text");
        } catch (IOException | RuntimeException e) {
            return unreadable(scriptFile, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        ScriptEnvironment base = env == null ? ScriptEnvironment.languageOnly() : env;
        Path folder = scriptFile.toAbsolutePath().getParent();
        SandboxPaths sandbox = new SandboxPaths(folder, outputFolder == null ? folder : outputFolder);
        ScriptEnvironment withSandbox = ScriptEnvironment.builder()
                .model(base.model().orElse(null))
                .dataset(base.dataset().orElse(null))
                .generators(base.datasetGenerators())
                .files(base::scriptFolderFiles)
                .sandbox(sandbox)
                .build();
        return checkText(scriptFile.toString(), text, withSandbox);
    }

    /** Checks script text; {@code fileName} only prefixes the formatted lines. */
    public static Result checkText(String fileName, String text, ScriptEnvironment env) {
        List<Diagnostic> diagnostics = ScriptChecker.check(text, env);
        List<String> lines = diagnostics.stream().map(d -> d.format(fileName)).toList();
        return new Result(diagnostics, lines, exitCode(diagnostics));
    }

    /** {@link #EXIT_ERRORS} when any diagnostic is an error, else {@link #EXIT_OK}. */
    public static int exitCode(List<Diagnostic> diagnostics) {
        return diagnostics.stream().anyMatch(Diagnostic::isError) ? EXIT_ERRORS : EXIT_OK;
    }

    private static Result unreadable(Path file, String reason) {
        return new Result(List.of(), List.of(file + ": error: cannot read the script: " + reason), EXIT_UNREADABLE);
    }
}
