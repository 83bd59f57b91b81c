package org.vaescope.core.interpreter;

import org.vaescope.core.interpreter.run.StepResult;
import org.vaescope.core.interpreter.run.OutputFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.vaescope.script.source.Diagnostic;

/**
 * The outcome of running a script: the checker's diagnostics, the step results, the files written
 * and, when the run stopped on an error, its message.
 *
 * @param script       the script file
 * @param outputFolder the folder outputs were written to
 * @param status       how the run ended
 * @param diagnostics  the checker's diagnostics (errors stop the script before it runs)
 * @param steps        one result per statement and model, in execution order
 * @param outputs      files written, in order
 * @param error        the run-time error ({@code line N: message}), or null
 */
public record ScriptRunResult(Path script, Path outputFolder, Status status, List<Diagnostic> diagnostics,
        List<StepResult> steps, List<OutputFile> outputs, String error) {

    /** How a run ended. */
    public enum Status {
        /** Every statement ran. */
        COMPLETED,
        /** The checker found errors; nothing ran. */
        CHECK_FAILED,
        /** A statement failed at run time; the steps before it ran and their outputs exist. */
        FAILED,
        /** The script file could not be read. */
        UNREADABLE
    }

    public ScriptRunResult {
        diagnostics = List.copyOf(diagnostics);
        steps = List.copyOf(steps);
        outputs = List.copyOf(outputs);
    }

    public boolean completed() {
        return status == Status.COMPLETED;
    }

    /** The command line's exit code: 0 completed, 1 check errors, a run-time error or an unreadable script. */
    public int exitCode() {
        return switch (status) {
            case COMPLETED -> 0;
            case CHECK_FAILED, FAILED -> 1;
            case UNREADABLE -> 1;
        };
    }

    /** The error diagnostics of the check. */
    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    /** The run-time error, if the run failed. */
    public Optional<String> runError() {
        return Optional.ofNullable(error);
    }

    /** The steps of the statement at this line. */
    public List<StepResult> stepsAt(int line) {
        return steps.stream().filter(s -> s.line() == line).toList();
    }
}
