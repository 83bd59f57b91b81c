package org.vaescope.core.store;

import java.io.IOException;
import java.nio.file.Path;

/** A saved model file could not be read or written; the message names the file and the problem. */
public class ModelFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    public ModelFileException(Path file, String problem) {
        this(file, problem, null);
    }

    public ModelFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    /** The problem without the file name. */
    public String problem() {
        return problem;
    }
}
