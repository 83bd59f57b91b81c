package org.vaescope.core.internal.imports;

import java.nio.file.Path;
import java.util.List;

/** A model file that cannot be imported; the message names the node, tensor or field at fault. */
public final class GraphException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final transient RoleNames roleNames;

    public GraphException(String message) {
        this(null, message, null);
    }

    public GraphException(String message, Throwable cause) {
        this(null, message, cause);
    }

    /** A problem of {@code file} when several files are imported together. */
    public GraphException(Path file, String message, Throwable cause) {
        this(file, message, cause, null);
    }

    private GraphException(Path file, String message, Throwable cause, RoleNames roleNames) {
        super(message, cause);
        this.file = file;
        this.roleNames = roleNames;
    }

    /** The graph does not say which input or output plays a VAE role; a roles file (or the IDE's dialog) can. */
    static GraphException ambiguousRoles(String message) {
        return new GraphException(null, message, null, RoleNames.UNKNOWN);
    }

    /** The file at fault, or null when it is the one being imported. */
    public Path file() {
        return file;
    }

    /** For an ambiguous-roles problem the graphs' input and output names to choose from, else null. */
    public RoleNames roleNames() {
        return roleNames;
    }

    /** This problem as one of {@code file} (the decoder's, when two files are imported together). */
    GraphException about(Path file) {
        return new GraphException(file, getMessage(), this, roleNames);
    }

    /** This ambiguous-roles problem with the names to choose from; other problems unchanged. */
    GraphException withRoleNames(RoleNames names) {
        return roleNames == null ? this : new GraphException(file, getMessage(), this, names);
    }

    /**
     * The inputs and outputs of the graphs being imported, for choosing the VAE roles: of the encoder and
     * the decoder, or of one graph (decoder lists empty).
     */
    public record RoleNames(List<String> encoderInputs, List<String> encoderOutputs, List<String> decoderInputs,
            List<String> decoderOutputs) {

        static final RoleNames UNKNOWN = new RoleNames(List.of(), List.of(), List.of(), List.of());

        public RoleNames {
            encoderInputs = List.copyOf(encoderInputs);
            encoderOutputs = List.copyOf(encoderOutputs);
            decoderInputs = List.copyOf(decoderInputs);
            decoderOutputs = List.copyOf(decoderOutputs);
        }
    }
}
