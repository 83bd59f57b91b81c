package org.vaescope.core.hooks;

import java.util.Collections;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The output of a run and the activations it captured (each batch × hook shape). */
public final class RunResult {

    private final String outputHook;
    private final Map<String, INDArray> activations;
    private final int batchSize;

    public RunResult(String outputHook, Map<String, INDArray> activations, int batchSize) {
        this.outputHook = outputHook;
        this.activations = Collections.unmodifiableMap(activations);
        this.batchSize = batchSize;
    }

    /** The model output (e.g. {@code output.logits}). */
    public INDArray output() {
        return activation(outputHook);
    }

    /** The captured activation at {@code hook}. */
    public INDArray activation(String hook) {
        INDArray value = activations.get(hook);
        if (value == null) {
            throw new HookException("hook point '" + hook + "' was not captured in this run (captured: "
                    + activations.keySet() + ")");
        }
        return value;
    }

    public boolean has(String hook) {
        return activations.containsKey(hook);
    }

    /** All captured activations by hook name, in execution order. */
    public Map<String, INDArray> activations() {
        return activations;
    }

    public int batchSize() {
        return batchSize;
    }
}
