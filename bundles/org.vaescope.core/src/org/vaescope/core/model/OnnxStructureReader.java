package org.vaescope.core.model;

import java.io.IOException;
import java.nio.file.Path;
import org.vaescope.core.internal.imports.GraphException;
import org.vaescope.core.internal.imports.ImportedGraph;
import org.vaescope.core.internal.imports.KerasFile;
import org.vaescope.core.internal.imports.KerasTranslator;
import org.vaescope.core.internal.imports.OnnxGraph;
import org.vaescope.core.internal.imports.OnnxImporter;
import org.vaescope.core.internal.imports.OnnxReader;
import org.vaescope.core.internal.imports.Roles;
import org.vaescope.core.runtime.Nd4jRuntime;

/**
 * Describes an ONNX file, or a Keras {@code .h5} file translated to the same graph, as the graph VAEScope
 * imports: one step per node output.
 */
final class OnnxStructureReader {

    private OnnxStructureReader() {
    }

    static ModelStructure read(Path file) throws ModelLoadException {
        return read(file, ModelFormat.ONNX, () -> OnnxReader.read(file));
    }

    static ModelStructure readKeras(Path file) throws ModelLoadException {
        return read(file, ModelFormat.KERAS, () -> KerasTranslator.translate(KerasFile.read(file), Roles.NONE));
    }

    private interface GraphSource {
        OnnxGraph read() throws IOException;
    }

    private static ModelStructure read(Path file, ModelFormat format, GraphSource source) throws ModelLoadException {
        Nd4jRuntime.ensureStarted();
        try {
            ImportedGraph g = OnnxImporter.graph(source.read());
            return ModelStructure.of(file, format, g.model(),
                    hook -> hook + " (" + g.onnxNames().getOrDefault(hook, hook) + ")",
                    hook -> g.operators().getOrDefault(hook, ""));
        } catch (GraphException e) {
            throw new ModelLoadException(file, e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot be read: " + e.getMessage(), e);
        }
    }
}
