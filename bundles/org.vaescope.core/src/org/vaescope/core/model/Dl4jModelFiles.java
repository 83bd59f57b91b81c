package org.vaescope.core.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.util.ModelSerializer;

/** Restores DL4J {@code ModelSerializer} zips, with errors naming the file and the problem. */
public final class Dl4jModelFiles {

    private static final String CONFIGURATION = "configuration.json";
    private static final String COEFFICIENTS = "coefficients.bin";

    private Dl4jModelFiles() {
    }

    /**
     * The {@code MultiLayerNetwork} or {@code ComputationGraph} saved in {@code file} (without its
     * updater state).
     *
     * @throws ModelLoadException if the file is not a DL4J zip, or is corrupt or truncated
     */
    public static Model restore(Path file) throws ModelLoadException {
        Set<String> entries = zipEntries(file);
        if (!entries.contains(CONFIGURATION) || !entries.contains(COEFFICIENTS)) {
            throw new ModelLoadException(file, "is a zip but not a DL4J model: it lacks "
                    + (entries.contains(CONFIGURATION) ? COEFFICIENTS : CONFIGURATION));
        }
        try {
            if (isComputationGraph(file)) {
                return ModelSerializer.restoreComputationGraph(file.toFile(), false);
            }
            return ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException(file, "DL4J model is corrupt or truncated (" + Dl4jStructureReader.rootMessage(e)
                    + ") — save it again with ModelSerializer", e);
        }
    }

    private static Set<String> zipEntries(Path file) throws ModelLoadException {
        Set<String> names = new HashSet<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                names.add(all.nextElement().getName());
            }
        } catch (ZipException e) {
            throw new ModelLoadException(file, "zip archive is truncated or corrupt (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot be read: " + e.getMessage(), e);
        }
        return names;
    }

    private static boolean isComputationGraph(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String json = new String(zip.getInputStream(zip.getEntry(CONFIGURATION)).readAllBytes(),
                    StandardCharsets.UTF_8);
            return json.contains("\"vertices\"");
        }
    }
}
