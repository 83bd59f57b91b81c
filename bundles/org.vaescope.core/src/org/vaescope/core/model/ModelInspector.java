package org.vaescope.core.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
        FileKind kind = FileKind.sniff(file);
        Nd4jRuntime.ensureStarted();
        return switch (kind) {
            case ZIP -> VaescopeStructureReader.isVaescopeModel(file) ? VaescopeStructureReader.read(file)
                    : Dl4jStructureReader.read(file);
            case TEXT -> throw new ModelLoadException(file,
                    "is a text file, not a saved model (expected a DL4J ModelSerializer zip or a SameDiff FlatBuffers file)");
            case BINARY -> SameDiffStructureReader.read(file);
        };
    }

    private static void checkReadable(Path file) throws ModelLoadException {
        if (!Files.exists(file)) {
            throw new ModelLoadException(file, "no such file");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ModelLoadException(file, "is not a readable file");
        }
        try {
            if (Files.size(file) == 0) {
                throw new ModelLoadException(file, "is empty (0 bytes)");
            }
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot be read: " + e.getMessage(), e);
        }
    }
}
