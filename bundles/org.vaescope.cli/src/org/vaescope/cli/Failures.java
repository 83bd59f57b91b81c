package org.vaescope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.concurrent.CancellationException;

import org.vaescope.core.interpreter.run.ScriptRunException;
import org.vaescope.core.model.ModelLoadException;
import org.vaescope.core.training.TrainingException;
import org.vaescope.script.SandboxException;

/**
 * Turns a failed command into one line {@code file[:line:col]: what is wrong — what to do} and exit
 * code 1. Exception class names and stack traces reach the terminal only with {@code --debug}.
 */
final class Failures {

    private Failures() {
    }

    static int report(Throwable failure, boolean debug, PrintStream err) {
        Throwable cause = failure instanceof UncheckedIOException && failure.getCause() != null ? failure.getCause()
                : failure;
        err.println(Messages.printable(describe(cause)));
        if (debug) {
            failure.printStackTrace(err);
        }
        return VaescopeCli.FAILED;
    }

    /** The user-facing description of a failure. */
    static String describe(Throwable failure) {
        if (failure instanceof NoSuchFileException e) {
            return e.getFile() + ": no such file or folder — check the path";
        }
        if (failure instanceof AccessDeniedException e) {
            return e.getFile() + ": permission denied — make it readable (or the folder writable)";
        }
        if (failure instanceof NotDirectoryException e) {
            return e.getFile() + ": not a folder — give a folder here";
        }
        if (failure instanceof FileSystemException e) {
            return (e.getFile() == null ? "" : e.getFile() + ": ") + (e.getReason() == null ? "cannot be used"
                    : e.getReason()) + " — check the path";
        }
        if (failure instanceof OutOfMemoryError) {
            return "not enough memory for this input — use smaller counts or files, or raise the memory budget "
                    + "(-Dvaescope.memoryBudget=SIZE) and -Xmx";
        }
        if (failure instanceof CancellationException) {
            return "cancelled";
        }
        if (isInputFailure(failure) && failure.getMessage() != null) {
            return failure.getMessage();
        }
        return "internal error" + (failure.getMessage() == null ? "" : ": " + failure.getMessage())
                + " — rerun with --debug and report it with the stack trace";
    }

    private static boolean isInputFailure(Throwable failure) {
        return failure instanceof IOException || failure instanceof ModelLoadException
                || failure instanceof SandboxException || failure instanceof IllegalArgumentException
                        && !(failure instanceof NumberFormatException)
                || failure instanceof IllegalStateException || failure instanceof InputException
                || failure instanceof TrainingException || failure instanceof ScriptRunException;
    }
}
