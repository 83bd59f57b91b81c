package org.vaescope.core.hooks;

import java.util.SplittableRandom;

/** Per-run state handed to stages: whether stochastic stages sample, and their noise source. */
public final class StageContext {

    private final boolean sampling;
    private final SplittableRandom random;

    private StageContext(boolean sampling, SplittableRandom random) {
        this.sampling = sampling;
        this.random = random;
    }

    /** Stochastic stages return their mean. */
    public static StageContext deterministic() {
        return new StageContext(false, null);
    }

    /** Stochastic stages draw noise from a generator seeded with {@code seed}. */
    public static StageContext sampling(long seed) {
        return new StageContext(true, new SplittableRandom(seed));
    }

    /** Stochastic stages draw noise from {@code random} (shared, e.g. across training steps). */
    public static StageContext sampling(SplittableRandom random) {
        return new StageContext(true, random);
    }

    public boolean isSampling() {
        return sampling;
    }

    /** The noise source; only valid when {@link #isSampling()}. */
    public SplittableRandom random() {
        if (!sampling) {
            throw new IllegalStateException("a deterministic run has no noise source");
        }
        return random;
    }
}
