package org.vaescope.core.imports;

import java.nio.file.Path;
import java.util.List;
import org.nd4j.autodiff.samediff.SameDiff;
import org.vaescope.core.internal.imports.GraphException;
import org.vaescope.core.internal.imports.OnnxGraph;
import org.vaescope.core.internal.imports.OnnxImporter;
import org.vaescope.core.internal.imports.Roles;
import org.vaescope.core.internal.imports.SameDiffTranslator;
import org.vaescope.core.model.ModelFormat;
import org.vaescope.core.model.ModelLoadException;
import org.vaescope.core.model.SameDiffFiles;
import org.vaescope.core.runtime.Nd4jRuntime;

/**
 * Opens VAEs saved as SameDiff FlatBuffers files ({@code .fb}, written by {@code SameDiff.save} or
 * {@code asFlatFile}) as {@link ImportedVae}s. The operations are mapped onto VAEScope's stages (the ones
 * ONNX graphs map to), so hooks, overrides, runs from a hook and gradients work as for every VAEScope
 * model; every operation's output is a hook point named after its SameDiff variable.
 * <p>
 * Roles, as for ONNX: an encoder whose placeholder is the image and whose unread outputs are named like
 * {@code mu} and {@code logvar}, with a decoder from its placeholder z to the reconstruction — logits, or
 * probabilities when it ends in a sigmoid; or one graph with μ, log σ² and a reconstruction computed
 * from μ. A roles file beside the model settles what the names do not.
 */
public final class SameDiffImport {

    private SameDiffImport() {
    }

    /** The SameDiff operations the importer maps, by op name. */
    public static List<String> supportedOperations() {
        return SameDiffTranslator.SUPPORTED;
    }

    /** A VAE saved as an encoder file and a decoder file. */
    public static ImportedVae open(Path encoderFile, Path decoderFile) throws ModelLoadException {
        Roles roles = ModelRoles.read(encoderFile);
        OnnxGraph encoder = translate(encoderFile, roles);
        OnnxGraph decoder = translate(decoderFile, Roles.NONE);
        return ImportedVaes.of(ModelFormat.SAMEDIFF, List.of(encoderFile, decoderFile),
                () -> OnnxImporter.vae(encoder, decoder, decoderFile, roles));
    }

    /** A VAE saved as one graph (image → μ, log σ², reconstruction). */
    public static ImportedVae open(Path file) throws ModelLoadException {
        Roles roles = ModelRoles.read(file);
        OnnxGraph graph = translate(file, roles);
        return ImportedVaes.of(ModelFormat.SAMEDIFF, List.of(file), () -> OnnxImporter.vae(graph, roles));
    }

    private static OnnxGraph translate(Path file, Roles roles) throws ModelLoadException {
        Nd4jRuntime.ensureStarted();
        SameDiff sd = SameDiffFiles.restore(file);
        try {
            return SameDiffTranslator.translate(sd, roles);
        } catch (GraphException e) {
            throw new ModelLoadException(file, e.getMessage(), e);
        }
    }
}
