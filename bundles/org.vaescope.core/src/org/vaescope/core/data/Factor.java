package org.vaescope.core.data;

import java.util.Arrays;

/**
 * One generative factor of a dataset: its name and the value of each of its classes.
 * Class {@code c} of the factor stands for the value {@code values()[c]}.
 */
public record Factor(String name, double[] values) {

    public Factor {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("factor name must not be blank");
        }
        if (values.length == 0) {
            throw new IllegalArgumentException("factor '" + name + "' has no values");
        }
        values = values.clone();
    }

    /** Number of classes of this factor. */
    public int size() {
        return values.length;
    }

    /** Value of class {@code c}. */
    public double value(int c) {
        return values[c];
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Factor f && f.name.equals(name) && Arrays.equals(f.values, values);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return name + "(" + values.length + ")";
    }
}
