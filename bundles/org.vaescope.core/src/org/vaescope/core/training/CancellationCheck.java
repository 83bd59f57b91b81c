package org.vaescope.core.training;

/** Asked once per training step; returning true stops training after the current step. */
@FunctionalInterface
public interface CancellationCheck {

    /** Never cancels. */
    CancellationCheck NEVER = () -> false;

    boolean isCancelled();
}
