package org.vaescope.core.training;

import java.nio.file.Path;

/** Receives training events, on the training thread. All methods default to doing nothing. */
public interface TrainingListener {

    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {
    };

    /** Training is about to take its first step. */
    default void started(TrainingConfig config, String datasetName) {
    }

    default void progress(TrainingProgress progress) {
    }

    /** A checkpoint of the model after {@code step} steps was written to {@code file}. */
    default void checkpointWritten(int step, Path file) {
    }

    /** Training ended (normally or by cancellation). */
    default void finished(TrainingResult result) {
    }
}
