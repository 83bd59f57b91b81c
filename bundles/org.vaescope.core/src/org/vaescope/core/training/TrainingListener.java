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

    /**
     * Asked after each checkpoint: whether training may end there, before its configured steps
     * (for example once a curve measured on the checkpoints has settled). By default it runs on.
     */
    default boolean mayStopAfterCheckpoint(int step) {
        return false;
    }

    /** Training ended (normally or by cancellation). */
    default void finished(TrainingResult result) {
    }
}
