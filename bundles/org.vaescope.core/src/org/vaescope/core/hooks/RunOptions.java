package org.vaescope.core.hooks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a run captures, which overrides it applies and whether stochastic stages sample.
 * Immutable; each {@code with…} method returns a changed copy.
 * <p>
 * By default a run is deterministic (a Gaussian latent gives z = μ), captures nothing but the
 * model output and applies no override.
 */
public final class RunOptions {

    private static final RunOptions DEFAULTS = new RunOptions(Set.of(), false, List.of(), false, 0L, true);

    private final Set<String> captures;
    private final boolean captureAll;
    private final List<ActivationOverride> overrides;
    private final boolean sampling;
    private final long samplingSeed;
    private final boolean computesOutput;

    private RunOptions(Set<String> captures, boolean captureAll, List<ActivationOverride> overrides,
            boolean sampling, long samplingSeed, boolean computesOutput) {
        this.captures = captures;
        this.captureAll = captureAll;
        this.overrides = overrides;
        this.sampling = sampling;
        this.samplingSeed = samplingSeed;
        this.computesOutput = computesOutput;
    }

    /** Deterministic, no captures, no overrides. */
    public static RunOptions defaults() {
        return DEFAULTS;
    }

    /** Also captures these hook points. */
    public RunOptions capture(String... hooks) {
        return capture(List.of(hooks));
    }

    /** Also captures these hook points. */
    public RunOptions capture(Collection<String> hooks) {
        Set<String> more = new LinkedHashSet<>(captures);
        more.addAll(hooks);
        return new RunOptions(Collections.unmodifiableSet(more), captureAll, overrides, sampling,
                samplingSeed, computesOutput);
    }

    /**
     * Captures every hook point that can be computed from the fed hooks, including those the
     * output does not need (such as the log-variance in a deterministic run).
     */
    public RunOptions captureAll() {
        return new RunOptions(captures, true, overrides, sampling, samplingSeed, computesOutput);
    }

    /**
     * Adds overrides; several may target different hooks (or the same hook, applied in order).
     * An override on a hook point that the run does not compute (not needed for the output and
     * captures, or upstream of the fed hooks) has no effect.
     */
    public RunOptions override(ActivationOverride... more) {
        return override(List.of(more));
    }

    /** Adds overrides. */
    public RunOptions override(Collection<ActivationOverride> more) {
        List<ActivationOverride> all = new ArrayList<>(overrides);
        all.addAll(more);
        return new RunOptions(captures, captureAll, List.copyOf(all), sampling, samplingSeed, computesOutput);
    }

    /** Stochastic stages draw their noise from a generator seeded with {@code seed}. */
    public RunOptions sampled(long seed) {
        return new RunOptions(captures, captureAll, overrides, true, seed, computesOutput);
    }

    /** Stochastic stages use their mean (z = μ). */
    public RunOptions deterministic() {
        return new RunOptions(captures, captureAll, overrides, false, 0L, computesOutput);
    }

    /**
     * The run computes only the captured hook points and what they need, not the model output
     * (unless captured): e.g. an encoder-only run that captures the latent mean.
     */
    public RunOptions withoutOutput() {
        return new RunOptions(captures, captureAll, overrides, sampling, samplingSeed, false);
    }

    /** Whether the run computes the model output (true unless {@link #withoutOutput()}). */
    public boolean computesOutput() {
        return computesOutput;
    }

    public Set<String> captures() {
        return captures;
    }

    public boolean capturesAll() {
        return captureAll;
    }

    public List<ActivationOverride> overrides() {
        return overrides;
    }

    public boolean sampling() {
        return sampling;
    }

    public long samplingSeed() {
        return samplingSeed;
    }

    /** The stage context these options ask for. */
    public StageContext context() {
        return sampling ? StageContext.sampling(samplingSeed) : StageContext.deterministic();
    }
}
