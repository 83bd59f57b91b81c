package org.vaescope.core.internal.hooks;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.hooks.Stage;

/**
 * A single-input stage act(L(x) + b) with L linear (dense, convolution, transposed convolution).
 * Changing one unit of its input changes the pre-activation by L applied to that unit's change
 * alone, which is what lets a patching sweep compute the first layer after a patched unit
 * incrementally from the targets' cached pre-activation.
 */
public interface LinearStage extends Stage {

    /** L(x) + b for a batch: the output before the activation (batch × output shape). */
    INDArray preActivation(INDArray input);

    /**
     * L applied to an input that is zero except at unit {@code unit}, whose values are
     * {@code unitChange} (batch × the unit's size, i.e. one channel): batch × output shape.
     */
    INDArray unitContribution(INDArray unitChange, int unit);

    /**
     * Whether a unit of an input hook of this per-sample shape is one of the units
     * {@link #unitContribution} takes (true unless the stage reshapes its input first).
     */
    default boolean takesUnitsOf(int[] hookShape) {
        return true;
    }

    /** Applies the stage's activation to a pre-activation, in place, and returns it. */
    INDArray activate(INDArray preActivation);
}
