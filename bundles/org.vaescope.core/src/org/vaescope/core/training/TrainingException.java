package org.vaescope.core.training;

/** Training could not go on: bad configuration, dataset mismatch, diverged loss, failed checkpoint. */
public class TrainingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrainingException(String message) {
        super(message);
    }

    public TrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
