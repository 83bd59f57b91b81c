package org.vaescope.core.hooks;

/** Thrown when a run, feed, override or gradient request does not fit the model's hook points. */
public class HookException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public HookException(String message) {
        super(message);
    }
}
