package org.vaescope.core.analysis;

import java.util.Arrays;

/**
 * Dead units by raw spread: a unit whose standard deviation over the data is at most
 * {@value #DEAD_SPREAD} of the largest at its hook point. Unit responses are |Δh| / (std + 1e-8), so
 * a nearly constant unit's rounding noise would otherwise be divided by its tiny spread and read as
 * a strong response; such units get A = 0 (dead).
 */
public final class DeadUnits {

    /** Share of a hook point's largest unit spread at or below which a unit counts as dead. */
    public static final double DEAD_SPREAD = 1e-3;

    private DeadUnits() {
    }

    /** Units whose std is at most {@link #DEAD_SPREAD} of the hook point's largest (all when every std is 0). */
    public static boolean[] bySpread(double[] std) {
        double largest = Arrays.stream(std).max().orElse(0);
        boolean[] dead = new boolean[std.length];
        for (int u = 0; u < std.length; u++) {
            dead[u] = std[u] <= DEAD_SPREAD * largest;
        }
        return dead;
    }

    /** Copies of the factors × pairs × units terms of one hook point with the dead units' terms set to 0. */
    public static double[][][] silenced(double[][][] pairTerms, boolean[] dead) {
        double[][][] silenced = new double[pairTerms.length][][];
        for (int k = 0; k < pairTerms.length; k++) {
            silenced[k] = new double[pairTerms[k].length][];
            for (int p = 0; p < pairTerms[k].length; p++) {
                silenced[k][p] = pairTerms[k][p].clone();
                for (int u = 0; u < dead.length; u++) {
                    silenced[k][p][u] = dead[u] ? 0 : silenced[k][p][u];
                }
            }
        }
        return silenced;
    }
}
