package org.vaescope.core.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import org.vaescope.core.runtime.InputFiles;
import org.vaescope.core.runtime.Nd4jRuntime;

/**
 * Opens a saved model and describes its structure. Headless; safe to call from any thread.
 */
public final class ModelInspector {

    private ModelInspector() {
    }

    /**
     * Describes the model saved in {@code file}.
     *
     * @throws ModelLoadException if the file is missing, empty, truncated, corrupt, or not a model
     *         of a known format; the message names the file and the problem
     */
    public static ModelStructure describe(Path file) throws ModelLoadException {
        checkReadable(file);
        if (file.getFileName().toString().toLowerCase().endsWith(".onnx")) {
            return OnnxStructureReader.read(file);
        }
        if (file.getFileName().toString().toLowerCase().endsWith(".h5")) {
            return OnnxStructureReader.readKeras(file);
        }
        FileKind kind = FileKind.sniff(file);
        Nd4jRuntime.ensureStarted();
        try {
            return switch (kind) {
                case ZIP -> VaescopeStructureReader.isVaescopeModel(file) ? VaescopeStructureReader.read(file)
                        : Dl4jStructureReader.read(file);
                case TEXT -> throw new ModelLoadException(file, "is a text file, not a saved model (expected a DL4J "
                        + "ModelSerializer zip or a SameDiff FlatBuffers file)");
                case BINARY -> SameDiffStructureReader.read(file);
            };
        } catch (RuntimeException e) {
            // the third-party readers fail on damaged files with whatever exception their parser meets
            throw new ModelLoadException(file, "is damaged or incomplete: its " + kind.name().toLowerCase(Locale.ROOT)
                    + " content cannot be read as a model — save the model again", e);
        }
    }

    private static void checkReadable(Path file) throws ModelLoadException {
        Optional<String> problem = InputFiles.problem(file);
        if (problem.isPresent()) {
            throw new ModelLoadException(file, problem.get());
        }
        try {
            if (Files.size(file) == 0) {
                throw new ModelLoadException(file, "is empty (0 bytes) — save the model again");
            }
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot be read: " + e.getMessage(), e);
        }
    }
}
