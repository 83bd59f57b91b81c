package org.vaescope.core.internal.imports;

/** A model file that cannot be imported; the message names the node, tensor or field at fault. */
public final class GraphException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GraphException(String message) {
        super(message);
    }

    public GraphException(String message, Throwable cause) {
        super(message, cause);
    }
}
