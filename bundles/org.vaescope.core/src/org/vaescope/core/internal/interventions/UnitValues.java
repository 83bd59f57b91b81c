package org.vaescope.core.internal.interventions;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.vaescope.core.hooks.HookPoint;

/**
 * Per-unit values of a batch of activations, on ND4J. A unit of a flat hook is one element; a unit
 * of a convolutional hook is a channel, whose positions each count.
 */
public final class UnitValues {

    private UnitValues() {
    }

    /**
     * For pairs stacked as {@code [base; changed]} (2·pairs samples), pairs × units, row-major: the
     * mean over the unit's positions of |h(changed) − h(base)|. For a channel this sees an object
     * that moves, which its spatial mean barely does; for a flat unit it is |Δh|.
     */
    public static double[] meanAbsoluteChange(INDArray stackedPairs, int pairs, HookPoint hook) {
        INDArray values = perPosition(stackedPairs, hook);
        INDArray base = values.get(NDArrayIndex.interval(0, pairs), NDArrayIndex.all(), NDArrayIndex.all());
        INDArray changed = values.get(NDArrayIndex.interval(pairs, 2L * pairs), NDArrayIndex.all(),
                NDArrayIndex.all());
        return Transforms.abs(changed.sub(base), false).mean(2).data().asDouble();
    }

    /**
     * Per unit, the sum and the sum of squares of its values over the first {@code samples} samples
     * and all its positions ({@code [2][units]}), for the unit's spread over data and positions.
     */
    public static double[][] sums(INDArray activation, int samples, HookPoint hook) {
        INDArray values = perPosition(activation, hook).get(NDArrayIndex.interval(0, samples), NDArrayIndex.all(),
                NDArrayIndex.all());
        return new double[][] {values.sum(0, 2).data().asDouble(), values.mul(values).sum(0, 2).data().asDouble()};
    }

    /** The activation as samples × units × positions, in double precision. */
    private static INDArray perPosition(INDArray activation, HookPoint hook) {
        return activation.castTo(DataType.DOUBLE).reshape('c', activation.size(0), hook.units(), hook.unitSize());
    }
}
