package org.vaescope.core.interpreter.run;

/** A statement could not be executed; the message starts with {@code line N:} and names the problem. */
public final class ScriptRunException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int line;

    public ScriptRunException(int line, String message, Throwable cause) {
        super("line " + line + ": " + message, cause);
        this.line = line;
    }

    public ScriptRunException(int line, String message) {
        this(line, message, null);
    }

    /** 1-based source line of the failing statement (0 for the script as a whole). */
    public int line() {
        return line;
    }
}
