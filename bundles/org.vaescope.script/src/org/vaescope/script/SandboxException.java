package org.vaescope.script;

/** A path written in a script points outside the folder it must stay in, or cannot be resolved. */
public final class SandboxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String writtenPath;

    public SandboxException(String writtenPath, String message) {
        super(message);
        this.writtenPath = writtenPath;
    }

    /** The path as written in the script. */
    public String writtenPath() {
        return writtenPath;
    }
}
