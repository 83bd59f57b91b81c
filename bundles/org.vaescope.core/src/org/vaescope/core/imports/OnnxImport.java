package org.vaescope.core.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vaescope.core.internal.imports.GraphException;
import org.vaescope.core.internal.imports.ImportedGraph;
import org.vaescope.core.internal.imports.OnnxImporter;
import org.vaescope.core.model.ModelFormat;
import org.vaescope.core.model.ModelLoadException;
import org.vaescope.core.runtime.Nd4jRuntime;

/**
 * Opens VAEs exported to ONNX (e.g. by {@code torch.onnx.export}, opset 13–17) as {@link ImportedVae}s.
 * <p>
 * Roles: the encoder's single input is the image; its outputs named like {@code mu}/{@code mean} and
 * {@code logvar}/{@code log_var} are μ and log σ²; the decoder's single input is z and its single
 * output the reconstruction — logits, or probabilities when the graph ends in a Sigmoid. A one-file
 * VAE has three outputs (μ, log σ², reconstruction computed from μ).
 */
public final class OnnxImport {

    private OnnxImport() {
    }

    /** Operators the importer maps onto VAEScope's stages. */
    public static List<String> supportedOperators() {
        return OnnxImporter.supportedOperators();
    }

    /** A VAE saved as an encoder file and a decoder file. */
    public static ImportedVae open(Path encoder, Path decoder) throws ModelLoadException {
        checkReadable(encoder);
        checkReadable(decoder);
        Nd4jRuntime.ensureStarted();
        try {
            ImportedGraph g = OnnxImporter.vae(encoder, decoder, ModelRoles.read(encoder));
            return new ImportedVae(ModelFormat.ONNX, List.of(encoder, decoder), g.model(), g.onnxNames(), g.operators(), g.probabilities());
        } catch (GraphException e) {
            throw new ModelLoadException(e.file() != null ? e.file() : encoder, e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelLoadException(encoder, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** A VAE saved as one file (image → μ, log σ², reconstruction). */
    public static ImportedVae open(Path file) throws ModelLoadException {
        checkReadable(file);
        Nd4jRuntime.ensureStarted();
        try {
            ImportedGraph g = OnnxImporter.vae(file, ModelRoles.read(file));
            return new ImportedVae(ModelFormat.ONNX, List.of(file), g.model(), g.onnxNames(), g.operators(), g.probabilities());
        } catch (GraphException e) {
            throw new ModelLoadException(file, e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static void checkReadable(Path file) throws ModelLoadException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ModelLoadException(file, Files.exists(file) ? "is not a readable file" : "no such file");
        }
    }
}
