package org.vaescope.core.hooks;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trainable array of a stage, with a model-wide unique name such as {@code encoder.conv1.W}.
 * The value is updated in place by training and replaced by loading.
 */
public final class Parameter {

    private final String name;
    private final INDArray value;

    public Parameter(String name, INDArray value) {
        if (value.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("parameter '" + name + "' must be float32, is " + value.dataType());
        }
        this.name = name;
        this.value = value;
    }

    public String name() {
        return name;
    }

    /** The live value (not a copy). */
    public INDArray value() {
        return value;
    }

    public long[] shape() {
        return value.shape();
    }

    public long length() {
        return value.length();
    }

    /** Overwrites the value with {@code data} (C order, length must match). */
    public void set(float[] data) {
        if (data.length != value.length()) {
            throw new IllegalArgumentException("parameter '" + name + "' has " + value.length()
                    + " values, got " + data.length);
        }
        value.assign(org.nd4j.linalg.factory.Nd4j.create(data, value.shape(), DataType.FLOAT));
    }

    @Override
    public String toString() {
        return name + Arrays.toString(value.shape());
    }
}
