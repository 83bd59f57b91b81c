package org.vaescope.core.imports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vaescope.core.internal.imports.OnnxImporter;
import org.vaescope.core.internal.imports.Roles;
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
        Roles roles = ModelRoles.read(encoder);
        return ImportedVaes.of(ModelFormat.ONNX, List.of(encoder, decoder), () -> OnnxImporter.vae(encoder, decoder, roles));
    }

    /** A VAE saved as one file (image → μ, log σ², reconstruction). */
    public static ImportedVae open(Path file) throws ModelLoadException {
        checkReadable(file);
        Nd4jRuntime.ensureStarted();
        Roles roles = ModelRoles.read(file);
        return ImportedVaes.of(ModelFormat.ONNX, List.of(file), () -> OnnxImporter.vae(file, roles));
    }

    private static void checkReadable(Path file) throws ModelLoadException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ModelLoadException(file, Files.exists(file) ? "is not a readable file" : "no such file");
        }
    }
}
