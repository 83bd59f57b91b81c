package org.vaescope.core.hooks;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Replaces chosen units of one hook point during a run: the mechanism behind patching, ablation,
 * latent perturbation and mediation.
 * <p>
 * Kinds:
 * <ul>
 * <li>{@link Kind#SET}: unit {@code units[i]} becomes the constant {@code values[i]} in every
 * sample (a whole channel for a convolutional hook);</li>
 * <li>{@link Kind#SHIFT}: {@code values[i]} is added to unit {@code units[i]};</li>
 * <li>{@link Kind#PATCH}: the units take their values from {@code source}, a batch of activations
 * of the same hook (batch × hook shape, batch equal to the run's batch or 1 to broadcast), e.g.
 * captured from another input;</li>
 * <li>{@link Kind#SET_PER_SAMPLE}: unit {@code units[i]} of sample b becomes
 * {@code source[b, i]} (source is batch × units.length, batch equal to the run's or 1).</li>
 * </ul>
 * An overridden unit of kind SET, PATCH or SET_PER_SAMPLE no longer depends on its upstream
 * computation, so gradients do not flow through it upstream; SHIFT keeps the dependence.
 */
public final class ActivationOverride {

    /** How the chosen units are replaced. */
    public enum Kind { SET, SHIFT, PATCH, SET_PER_SAMPLE }

    private final String hook;
    private final int[] units;
    private final Kind kind;
    private final float[] values;
    private final INDArray source;

    private ActivationOverride(String hook, int[] units, Kind kind, float[] values, INDArray source) {
        if (hook == null || hook.isBlank()) {
            throw new HookException("override needs a hook point name");
        }
        if (units.length == 0) {
            throw new HookException("override at '" + hook + "' names no units");
        }
        this.hook = hook;
        this.units = units.clone();
        this.kind = kind;
        this.values = values == null ? null : values.clone();
        this.source = source;
    }

    /** Sets every listed unit to {@code value}. */
    public static ActivationOverride set(String hook, int[] units, float value) {
        float[] values = new float[units.length];
        Arrays.fill(values, value);
        return new ActivationOverride(hook, units, Kind.SET, values, null);
    }

    /** Sets unit {@code units[i]} to {@code values[i]}. */
    public static ActivationOverride set(String hook, int[] units, float[] values) {
        checkLength(hook, units, values);
        return new ActivationOverride(hook, units, Kind.SET, values, null);
    }

    /** Adds {@code delta} to every listed unit. */
    public static ActivationOverride shift(String hook, int[] units, float delta) {
        float[] values = new float[units.length];
        Arrays.fill(values, delta);
        return new ActivationOverride(hook, units, Kind.SHIFT, values, null);
    }

    /** Adds {@code deltas[i]} to unit {@code units[i]}. */
    public static ActivationOverride shift(String hook, int[] units, float[] deltas) {
        checkLength(hook, units, deltas);
        return new ActivationOverride(hook, units, Kind.SHIFT, deltas, null);
    }

    /** Copies the listed units from {@code source} (batch × hook shape) into the run. */
    public static ActivationOverride patch(String hook, int[] units, INDArray source) {
        return new ActivationOverride(hook, units, Kind.PATCH, null, source);
    }

    /** Sets unit {@code units[i]} of sample b to {@code perSample[b, i]} (batch × units.length). */
    public static ActivationOverride setPerSample(String hook, int[] units, INDArray perSample) {
        return new ActivationOverride(hook, units, Kind.SET_PER_SAMPLE, null, perSample);
    }

    /** Units 0 … n−1. */
    public static int[] allUnits(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }

    private static void checkLength(String hook, int[] units, float[] values) {
        if (values.length != units.length) {
            throw new HookException("override at '" + hook + "': " + units.length + " units but "
                    + values.length + " values");
        }
    }

    public String hook() {
        return hook;
    }

    public int[] units() {
        return units.clone();
    }

    public Kind kind() {
        return kind;
    }

    /** Per-unit constants (SET, SHIFT) or null. */
    public float[] values() {
        return values == null ? null : values.clone();
    }

    /** Source activations (PATCH, SET_PER_SAMPLE) or null. */
    public INDArray source() {
        return source;
    }

    /** True if the overridden units no longer depend on upstream values. */
    public boolean cutsGradient() {
        return kind != Kind.SHIFT;
    }

    @Override
    public String toString() {
        return kind + " " + hook + Arrays.toString(units);
    }
}
