package org.vaescope.core.model;

import java.io.IOException;
import java.nio.file.Path;
import org.vaescope.core.internal.imports.GraphException;
import org.vaescope.core.internal.imports.ImportedGraph;
import org.vaescope.core.internal.imports.OnnxImporter;
import org.vaescope.core.runtime.Nd4jRuntime;

/** Describes an ONNX file as the graph VAEScope imports: one step per node output. */
final class OnnxStructureReader {

    private OnnxStructureReader() {
    }

    static ModelStructure read(Path file) throws ModelLoadException {
        Nd4jRuntime.ensureStarted();
        try {
            ImportedGraph g = OnnxImporter.graph(file);
            return ModelStructure.of(file, ModelFormat.ONNX, g.model(),
                    hook -> hook + " (" + g.onnxNames().getOrDefault(hook, hook) + ")",
                    hook -> g.operators().getOrDefault(hook, ""));
        } catch (GraphException e) {
            throw new ModelLoadException(file, e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot be read: " + e.getMessage(), e);
        }
    }
}
