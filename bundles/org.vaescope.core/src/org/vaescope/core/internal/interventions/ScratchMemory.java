package org.vaescope.core.internal.interventions;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Native memory reused by every pass of a loop whose arrays die with the pass (an ND4J workspace of
 * the calling thread). ND4J frees an ordinary array's native memory only after the garbage collector
 * has found its small Java object; a sweep makes hundreds of MiB of such arrays per second while
 * its heap barely grows, so without this the resident set grew with the number of pairs. Arrays
 * created while a {@link #pass()} is open live in this memory and are invalid once it closes:
 * anything kept must leave as a Java array.
 */
public final class ScratchMemory implements AutoCloseable {

    /** System property that turns scratch memory off (for benchmarks: the working set without it). */
    public static final String OFF = "vaescope.scratch.off";

    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder().initialSize(0)
            .policyAllocation(AllocationPolicy.STRICT).policyLearning(LearningPolicy.FIRST_LOOP)
            .policySpill(SpillPolicy.REALLOCATE).build();

    private final String id;

    /** Scratch memory named {@code id} (one per nesting level: a pass inside another pass needs another id). */
    public ScratchMemory(String id) {
        this.id = id;
    }

    /** Opens one pass; close it (try-with-resources) to recycle what it allocated. */
    public MemoryWorkspace pass() {
        if (Boolean.getBoolean(OFF)) {
            return Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
        }
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, id);
    }

    /** Releases the memory (the thread may live on, e.g. in a job pool). */
    @Override
    public void close() {
        if (Nd4j.getWorkspaceManager().checkIfWorkspaceExists(id)) {
            Nd4j.getWorkspaceManager().destroyWorkspace(Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(id));
        }
    }
}
