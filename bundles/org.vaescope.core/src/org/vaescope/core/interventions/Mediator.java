package org.vaescope.core.interventions;

import org.vaescope.core.hooks.ActivationOverride;
import org.vaescope.core.hooks.HookPoint;
import org.vaescope.core.hooks.HookedModel;

/**
 * A mediator M of causal mediation: a set of units (channels of a convolutional hook) of one hook
 * point; the whole hook point is the set of all its units.
 *
 * @param hook  hook point name
 * @param units unit indices
 */
public record Mediator(String hook, int[] units) {

    public Mediator {
        if (hook == null || hook.isBlank()) {
            throw new IllegalArgumentException("a mediator needs a hook point name");
        }
        if (units == null || units.length == 0) {
            throw new IllegalArgumentException("mediator at '" + hook + "' names no units");
        }
        units = units.clone();
    }

    /** Every unit of {@code hook}. */
    public static Mediator wholeHook(HookedModel model, String hook) {
        HookPoint h = model.hookPoint(hook);
        return new Mediator(hook, ActivationOverride.allUnits(h.units()));
    }

    @Override
    public int[] units() {
        return units.clone();
    }

    @Override
    public String toString() {
        return hook + java.util.Arrays.toString(units);
    }
}
