package org.vaescope.cli;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.vaescope.core.data.Datasets;
import org.vaescope.core.data.FactorDataset;

/**
 * Datasets named on the command line: a built-in generator {@code NAME[:key=value,...]} (for example
 * {@code dsprites:size=32} or {@code causal}) or a file {@code FORMAT@PATH} (for example
 * {@code dsprites-npz@data/dsprites.npz}).
 */
final class DatasetSpecs {

    private DatasetSpecs() {
    }

    static FactorDataset open(String spec) {
        try {
            return Datasets.fromSpec(spec);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
