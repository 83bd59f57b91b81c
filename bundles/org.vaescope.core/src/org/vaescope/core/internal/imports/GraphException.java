package org.vaescope.core.internal.imports;

import java.nio.file.Path;

/** A model file that cannot be imported; the message names the node, tensor or field at fault. */
public final class GraphException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public GraphException(String message) {
        this(null, message, null);
    }

    public GraphException(String message, Throwable cause) {
        this(null, message, cause);
    }

    /** A problem of {@code file} when several files are imported together. */
    public GraphException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** The file at fault, or null when it is the one being imported. */
    public Path file() {
        return file;
    }
}
