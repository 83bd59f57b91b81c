package org.vaescope.core.imports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.vaescope.core.internal.imports.GraphException;
import org.vaescope.core.internal.imports.ImportedGraph;
import org.vaescope.core.model.ModelFormat;
import org.vaescope.core.model.ModelLoadException;

/** The last step of every importer: the graph its format was translated to, made an {@link ImportedVae}. */
final class ImportedVaes {

    /** Maps the translated graph(s) onto VAEScope's stages, with the VAE roles. */
    interface Mapping {
        ImportedGraph map() throws IOException;
    }

    private ImportedVaes() {
    }

    /**
     * The VAE of the files (encoder and decoder, or one); an error names the file it is about, else the first.
     */
    static ImportedVae of(ModelFormat format, List<Path> files, Mapping mapping) throws ModelLoadException {
        Path first = files.get(0);
        try {
            ImportedGraph g = mapping.map();
            return new ImportedVae(format, files, g.model(), g.onnxNames(), g.operators(), g.probabilities());
        } catch (GraphException e) {
            throw new ModelLoadException(e.file() != null ? e.file() : first, e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelLoadException(first, "cannot be read: " + e.getMessage(), e);
        }
    }
}
