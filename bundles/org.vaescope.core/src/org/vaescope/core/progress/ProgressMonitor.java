package org.vaescope.core.progress;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Receives progress from a long intervention analysis and can cancel it. Analyses call
 * {@link #worked} after each step and stop with a {@link CancellationException} as soon as
 * {@link #isCanceled()} returns true.
 */
public interface ProgressMonitor {

    /** A monitor that ignores progress and never cancels. */
    ProgressMonitor NONE = cancelledWhen(() -> false);

    /** {@code done} of {@code total} steps are finished; {@code what} names the current step. */
    void worked(int done, int total, String what);

    /** True when the user asked to stop. */
    boolean isCanceled();

    /** Throws a {@link CancellationException} naming {@code what} if the monitor is canceled. */
    default void checkCanceled(String what) {
        if (isCanceled()) {
            throw new CancellationException("canceled during " + what);
        }
    }

    /** A monitor that ignores progress and is canceled once {@code cancelled} returns true. */
    static ProgressMonitor cancelledWhen(BooleanSupplier cancelled) {
        return new ProgressMonitor() {
            @Override
            public void worked(int done, int total, String what) {
            }

            @Override
            public boolean isCanceled() {
                return cancelled.getAsBoolean();
            }
        };
    }

    /** {@code monitor}, or {@link #NONE} if it is null. */
    static ProgressMonitor orNone(ProgressMonitor monitor) {
        return monitor == null ? NONE : monitor;
    }
}
