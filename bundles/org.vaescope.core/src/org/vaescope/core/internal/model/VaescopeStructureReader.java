package org.vaescope.core.internal.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;

import org.vaescope.core.hooks.HookPoint;
import org.vaescope.core.hooks.Parameter;
import org.vaescope.core.hooks.Stage;
import org.vaescope.core.hooks.StagedModel;
import org.vaescope.core.model.LayerSummary;
import org.vaescope.core.model.ModelFormat;
import org.vaescope.core.model.ModelLoadException;
import org.vaescope.core.model.ModelStructure;
import org.vaescope.core.store.ModelFile;
import org.vaescope.core.store.ModelFileException;
import org.vaescope.core.store.SavedModel;

/** Reads the structure of a VAEScope model file: one step per hook point, in network order. */
public final class VaescopeStructureReader {

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
        List<LayerSummary> steps = new ArrayList<>();
        for (HookPoint hook : graph.hookPoints()) {
            if (hook.name().equals(graph.inputHook())) {
                continue;
            }
            Stage stage = graph.stage(hook.name());
            long parameters = stage.parameters().stream().mapToLong(Parameter::length).sum();
            long[] shape = java.util.Arrays.stream(hook.shape()).asLongStream().toArray();
            steps.add(new LayerSummary(steps.size(), hook.name(), hook.kind(), shape, parameters,
                    graph.inputsOf(hook.name())));
        }
        return new ModelStructure(file, ModelFormat.VAESCOPE, steps);
    }
}
