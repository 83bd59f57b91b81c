package org.vaescope.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

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
        int at = spec.indexOf('@');
        if (at > 0) {
            try {
                return Datasets.open(Path.of(spec.substring(at + 1)), spec.substring(0, at));
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
        int colon = spec.indexOf(':');
        String name = colon < 0 ? spec : spec.substring(0, colon);
        Map<String, String> params = new LinkedHashMap<>();
        if (colon >= 0 && colon + 1 < spec.length()) {
            for (String pair : spec.substring(colon + 1).split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("dataset parameter '" + pair + "' in '" + spec
                            + "' is not key=value");
                }
                params.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return Datasets.create(name, params);
    }
}
