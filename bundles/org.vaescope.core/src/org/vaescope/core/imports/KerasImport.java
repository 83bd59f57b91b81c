package org.vaescope.core.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vaescope.core.internal.imports.GraphException;
import org.vaescope.core.internal.imports.KerasFile;
import org.vaescope.core.internal.imports.KerasTranslator;
import org.vaescope.core.internal.imports.OnnxGraph;
import org.vaescope.core.internal.imports.OnnxImporter;
import org.vaescope.core.internal.imports.Roles;
import org.vaescope.core.model.ModelFormat;
import org.vaescope.core.model.ModelLoadException;
import org.vaescope.core.runtime.Nd4jRuntime;

/**
 * Opens VAEs saved by Keras 2 ({@code model.save("m.h5")}, Sequential or functional) as {@link ImportedVae}s.
 * The file is read with jhdf, a pure-Java HDF5 reader, and the layers are mapped onto VAEScope's stages
 * (the ones ONNX graphs map to), so hooks, overrides, runs from a hook and gradients work as for every
 * VAEScope model; every layer's output is a hook point named after the layer.
 * <p>
 * Roles, as for ONNX: an encoder whose outputs are named like {@code mu}/{@code z_mean} and
 * {@code logvar}/{@code z_log_var}, with a decoder from z to the reconstruction — logits, or probabilities
 * when its last activation is a sigmoid; or one functional model with the outputs μ, log σ² and a
 * reconstruction computed from μ. A roles file beside the model settles what names do not.
 */
public final class KerasImport {

    private KerasImport() {
    }

    /** The Keras layers the importer maps. */
    public static List<String> supportedLayers() {
        return KerasTranslator.SUPPORTED;
    }

    /** A VAE saved as an encoder file and a decoder file. */
    public static ImportedVae open(Path encoderFile, Path decoderFile) throws ModelLoadException {
        Roles roles = ModelRoles.read(encoderFile);
        OnnxGraph encoder = translate(encoderFile, roles);
        OnnxGraph decoder = translate(decoderFile, roles.withImageShape(null));
        return ImportedVaes.of(ModelFormat.KERAS, List.of(encoderFile, decoderFile),
                () -> OnnxImporter.vae(encoder, decoder, decoderFile, roles));
    }

    /** A VAE saved as one functional model (image → μ, log σ², reconstruction). */
    public static ImportedVae open(Path file) throws ModelLoadException {
        Roles roles = ModelRoles.read(file);
        OnnxGraph graph = translate(file, roles);
        return ImportedVaes.of(ModelFormat.KERAS, List.of(file), () -> OnnxImporter.vae(graph, roles));
    }

    /** The model of one {@code .h5} file as the graph VAEScope maps; errors name the file. */
    private static OnnxGraph translate(Path file, Roles roles) throws ModelLoadException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ModelLoadException(file, Files.exists(file) ? "is not a readable file" : "no such file");
        }
        Nd4jRuntime.ensureStarted();
        try {
            return KerasTranslator.translate(KerasFile.read(file), roles);
        } catch (GraphException e) {
            throw new ModelLoadException(file, e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot be read: " + e.getMessage(), e);
        }
    }
}
