package org.vaescope.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.vaescope.core.runtime.InputFiles;

/**
 * Creates datasets by name: built-in generators with {@link #create} and dataset files with
 * {@link #open}.
 */
public final class Datasets {

    /** Names accepted by {@link #create}. */
    public static final List<String> GENERATORS = List.of("dsprites", "causal");
    /** Formats accepted by {@link #open}. */
    public static final List<String> FILE_FORMATS = List.of("dsprites-npz", "3dshapes-h5", "smallnorb", "mpi3d-npz");

    private Datasets() {
    }

    /**
     * A built-in generator.
     * <ul>
     * <li>{@code dsprites}: parameter {@code size} (image side, default 64), see {@link DSpritesDataset};</li>
     * <li>{@code causal}: parameters {@code size} (default 32) and {@code strength} (default 0.8), see
     * {@link CausalShapesDataset}.</li>
     * </ul>
     *
     * @throws IllegalArgumentException for an unknown name or parameter, or a bad parameter value
     */
    public static FactorDataset create(String name, Map<String, String> params) {
        Map<String, String> p = params == null ? Map.of() : params;
        switch (name == null ? "" : name) {
            case "dsprites" -> {
                allowOnly(name, p, Set.of("size"));
                return new DSpritesDataset(intParam(name, p, "size", DSpritesDataset.OFFICIAL_SIZE));
            }
            case "causal" -> {
                allowOnly(name, p, Set.of("size", "strength"));
                return new CausalShapesDataset(intParam(name, p, "size", CausalShapesDataset.DEFAULT_SIZE),
                        doubleParam(name, p, "strength", CausalShapesDataset.DEFAULT_STRENGTH));
            }
            default -> throw new IllegalArgumentException("unknown dataset generator '" + name + "'; known: " + GENERATORS
                    + " (files: Datasets.open with " + FILE_FORMATS + ")");
        }
    }

    /**
     * Opens a dataset file.
     * <ul>
     * <li>{@code dsprites-npz}: {@link DSpritesNpz};</li>
     * <li>{@code 3dshapes-h5}: {@link ThreeDShapesH5};</li>
     * <li>{@code smallnorb}: a {@code -dat} file or a directory of them, at 64×64, {@link SmallNorb};</li>
     * <li>{@code mpi3d-npz}: {@link Mpi3dNpz}.</li>
     * </ul>
     *
     * @throws IllegalArgumentException for an unknown format
     */
    public static TabulatedFactorDataset open(Path file, String format) throws IOException {
        try {
            return read(file, format);
        } catch (IllegalStateException e) {
            // the memory budget refused what the file declares
            throw new DatasetFormatException(e.getMessage());
        }
    }

    private static TabulatedFactorDataset read(Path file, String format) throws IOException {
        switch (format == null ? "" : format) {
            case "dsprites-npz" -> {
                return DSpritesNpz.load(file);
            }
            case "3dshapes-h5" -> {
                return ThreeDShapesH5.load(file);
            }
            case "smallnorb" -> {
                if (!Files.isDirectory(file)) {
                    InputFiles.requireRegularFile(file);
                }
                return SmallNorb.load(file, 64);
            }
            case "mpi3d-npz" -> {
                return Mpi3dNpz.load(file);
            }
            default -> throw new IllegalArgumentException("unknown dataset file format '" + format + "'; known: " + FILE_FORMATS);
        }
    }

    /**
     * A dataset named by a specification: a built-in generator {@code NAME[:key=value,...]} (for
     * example {@code dsprites:size=32}) or a file {@code FORMAT@PATH} (for example
     * {@code dsprites-npz@data/dsprites.npz}).
     *
     * @throws IllegalArgumentException for an unknown name, format or parameter
     */
    public static FactorDataset fromSpec(String spec) throws IOException {
        int at = spec.indexOf('@');
        if (at > 0) {
            return open(Path.of(spec.substring(at + 1)), spec.substring(0, at));
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
        return create(name, params);
    }

    private static void allowOnly(String name, Map<String, String> params, Set<String> known) {
        for (String key : params.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown parameter '" + key + "' for dataset '" + name + "'; known: "
                        + new TreeSet<>(known));
            }
        }
    }

    /** The largest image side a generator renders. */
    public static final int MAX_SIDE = 1024;

    private static int intParam(String name, Map<String, String> params, String key, int fallback) {
        String v = params.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(v.strip());
            if (value >= 1 && value <= MAX_SIDE) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("parameter '" + key + "' of dataset '" + name + "' must be a whole number "
                + "in 1.." + MAX_SIDE + ", got '" + v + "'");
    }

    private static double doubleParam(String name, Map<String, String> params, String key, double fallback) {
        String v = params.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(v.strip());
            if (Double.isFinite(value)) {
                return value;
            }
            throw new NumberFormatException();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + key + "' of dataset '" + name + "' must be a finite number, got '" + v + "'");
        }
    }
}
