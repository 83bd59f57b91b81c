package org.vaescope.core.interpreter;

import org.vaescope.core.interpreter.run.ScriptRunException;
import org.vaescope.core.interpreter.run.ScriptRunOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;

import org.vaescope.core.internal.interpreter.ScriptExecution;
import org.vaescope.core.progress.ProgressMonitor;
import org.vaescope.core.runtime.InputFiles;
import org.vaescope.script.source.Diagnostic;
import org.vaescope.script.ast.ParseResult;
import org.vaescope.script.SandboxPaths;
import org.vaescope.script.diagnostics.ScriptChecker;
import org.vaescope.script.ScriptEnvironment;
import org.vaescope.script.parser.ScriptParser;

/**
 * Runs intervention scripts headless: parses and checks the script against its model and dataset
 * ({@link ScriptEnvironments}); a script with errors does not run. Then it loads the model(s) and the
 * dataset through {@link SandboxPaths} (inputs inside the script folder, outputs inside the output
 * folder), executes every statement in order with the script's {@code seed} (default 0) and
 * {@code samples} (default {@link ScriptRunOptions#DEFAULT_SAMPLES}), and writes the outputs.
 * <p>
 * The statements map onto the engine as docs/script-language.md describes: {@code vary} →
 * input manipulation, {@code perturb/set/traverse} → latent perturbation, {@code patch/ablate} →
 * activation patching, {@code attribute} → attribution patching, {@code mediate} → causal
 * mediation; {@code classify units}, {@code discover circuits}, {@code factor graph} and the paper's
 * metrics share one {@code ModelAnalysis} per model, computed by the first statement that needs it.
 */
public final class ScriptRunner {

    private ScriptRunner() {
    }

    /** Runs with {@link ScriptRunOptions#defaults()}. */
    public static ScriptRunResult run(Path script, Path outputFolder, ProgressMonitor monitor) {
        return run(script, outputFolder, monitor, null);
    }

    /**
     * Runs a script file (UTF-8).
     *
     * @param outputFolder where outputs go; null for {@link #defaultOutputFolder}
     * @param monitor      progress and cancellation, or null
     * @param options      run options, or null for the defaults
     * @throws CancellationException when the monitor cancels; files written before stay
     */
    public static ScriptRunResult run(Path script, Path outputFolder, ProgressMonitor monitor,
            ScriptRunOptions options) {
        ScriptRunOptions opts = options == null ? ScriptRunOptions.defaults() : options;
        Path output = (outputFolder == null ? defaultOutputFolder(script) : outputFolder).toAbsolutePath().normalize();
        Optional<String> fileProblem = InputFiles.problem(script);
        if (fileProblem.isPresent()) {
            return unreadable(script, output, fileProblem.get());
        }
        String text;
        try {
            byte[] bytes = Files.readAllBytes(script);
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return unreadable(script, output, "is not valid UTF-8 text — save it as UTF-8");
        } catch (IOException | RuntimeException e) {
            return unreadable(script, output, "cannot be read (" + e.getMessage() + ") — check the file");
        }
        ParseResult parsed = ScriptParser.parse(text);
        ScriptEnvironment env = ScriptEnvironments.forScript(script, text, output);
        List<Diagnostic> diagnostics = ScriptChecker.check(parsed, env);
        if (diagnostics.stream().anyMatch(Diagnostic::isError)) {
            return new ScriptRunResult(script, output, ScriptRunResult.Status.CHECK_FAILED, diagnostics, List.of(),
                    List.of(), null);
        }
        SandboxPaths sandbox = env.sandbox().orElseThrow();
        Optional<String> folderProblem = sandbox.outputFolderProblem();
        if (folderProblem.isPresent()) {
            return new ScriptRunResult(script, output, ScriptRunResult.Status.FAILED, diagnostics, List.of(),
                    List.of(), folderProblem.get());
        }
        List<Diagnostic> preflight = ScriptPreflight.check(parsed.script(), text, sandbox);
        if (!preflight.isEmpty()) {
            List<Diagnostic> all = new ArrayList<>(diagnostics);
            all.addAll(preflight);
            return new ScriptRunResult(script, output, ScriptRunResult.Status.CHECK_FAILED, all, List.of(), List.of(),
                    null);
        }
        ScriptExecution execution = new ScriptExecution(script.getFileName().toString(), text, parsed.script(), sandbox,
                opts, monitor);
        try {
            execution.run();
        } catch (ScriptRunException e) {
            return new ScriptRunResult(script, output, ScriptRunResult.Status.FAILED, diagnostics, execution.steps(),
                    execution.outputs(), e.getMessage());
        }
        return new ScriptRunResult(script, output, ScriptRunResult.Status.COMPLETED, diagnostics, execution.steps(),
                execution.outputs(), null);
    }

    /** The default output folder of a script: {@code NAME-out} beside it ({@code NAME.vis} without extension). */
    public static Path defaultOutputFolder(Path script) {
        Path absolute = script.toAbsolutePath();
        String name = absolute.getFileName().toString().replaceFirst("\\.vis$", "");
        return absolute.resolveSibling(name + "-out");
    }

    private static ScriptRunResult unreadable(Path script, Path output, String reason) {
        return new ScriptRunResult(script, output, ScriptRunResult.Status.UNREADABLE, List.of(), List.of(), List.of(),
                script + ": " + reason);
    }
}
