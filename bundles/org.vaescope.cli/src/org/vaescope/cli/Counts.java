package org.vaescope.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Bounds of the counts given on the command line, checked before anything is allocated. */
final class Counts {

    static final long MAX_STEPS = 10_000_000;
    static final long MAX_SAMPLES = 1_000_000;
    static final long MAX_GRID_COLUMNS = 1_000;
    static final long MAX_BATCH = 65_536;
    static final long MAX_LATENTS = 4_096;
    static final long MAX_WIDTH = 65_536;
    static final long MAX_IMAGE_SIDE = 1_024;
    /** Each repeat is a whole circuit search (30–50 s on a 32×32 convolutional VAE). */
    static final long MAX_MODULARITY_REPEATS = 100;

    private Counts() {
    }

    /** {@code value} as an int when it lies in {@code 1..max}; a usage error naming the option otherwise. */
    static int positive(CommandSpec spec, String option, long value, long max) {
        if (value < 1 || value > max) {
            throw new ParameterException(spec.commandLine(), "option " + option + " needs a whole number in 1.."
                    + max + ", got " + value);
        }
        return (int) value;
    }

    /** {@code --modularity-repeats}: 0 (none) or 2..{@value #MAX_MODULARITY_REPEATS}; a usage error otherwise. */
    static int modularityRepeats(CommandSpec spec, long value) {
        if (value != 0 && (value < 2 || value > MAX_MODULARITY_REPEATS)) {
            throw new ParameterException(spec.commandLine(), "option --modularity-repeats needs 0 (no interval) or a "
                    + "whole number in 2.." + MAX_MODULARITY_REPEATS + ", got " + value);
        }
        return (int) value;
    }
}
