package org.vaescope.core.analysis;

/** Invalid input to an analysis: the message names the input, the place (hook, index) and the problem. */
public class AnalysisInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** An exception with the given message. */
    public AnalysisInputException(String message) {
        super(message);
    }
}
