package org.vaescope.core.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.ZipFile;

import org.vaescope.core.hooks.StagedModel;
import org.vaescope.core.store.ModelFile;
import org.vaescope.core.store.ModelFileException;
import org.vaescope.core.store.SavedModel;

/** Reads the structure of a VAEScope model file: one step per hook point, in network order. */
final class VaescopeStructureReader {

    private static final String METADATA_ENTRY = "metadata.json";

    private VaescopeStructureReader() {
    }

    /** True when the zip holds a VAEScope metadata record (DL4J zips hold configuration.json instead). */
    public static boolean isVaescopeModel(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getEntry(METADATA_ENTRY) != null;
        } catch (IOException e) {
            return file.getFileName().toString().endsWith(ModelFile.EXTENSION);
        }
    }

    public static ModelStructure read(Path file) throws ModelLoadException {
        SavedModel saved;
        try {
            saved = ModelFile.load(file);
        } catch (ModelFileException e) {
            throw new ModelLoadException(file, e.problem(), e);
        }
        StagedModel graph = saved.model().graph();
        return ModelStructure.of(file, ModelFormat.VAESCOPE, graph, hook -> hook, hook -> graph.hookPoint(hook).kind());
    }
}
