package org.vaescope.core.internal.hooks;

import java.util.SplittableRandom;

/** Deterministic weight initialisation from a Java random source. */
public final class Initializers {

    private Initializers() {
    }

    /** Glorot (Xavier) uniform: U(−l, l) with l = sqrt(6 / (fanIn + fanOut)). */
    public static float[] glorotUniform(int count, int fanIn, int fanOut, SplittableRandom random) {
        return uniform(count, Math.sqrt(6.0 / (fanIn + fanOut)), random);
    }

    /** U(−limit, limit). */
    public static float[] uniform(int count, double limit, SplittableRandom random) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
        }
        return values;
    }
}
