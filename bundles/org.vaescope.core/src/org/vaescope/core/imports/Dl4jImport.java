package org.vaescope.core.imports;

import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.vaescope.core.internal.imports.Dl4jTranslator;
import org.vaescope.core.internal.imports.GraphException;
import org.vaescope.core.internal.imports.ImportedGraph;
import org.vaescope.core.internal.imports.OnnxGraph;
import org.vaescope.core.internal.imports.OnnxImporter;
import org.vaescope.core.internal.imports.Roles;
import org.vaescope.core.model.Dl4jModelFiles;
import org.vaescope.core.model.ModelFormat;
import org.vaescope.core.model.ModelLoadException;
import org.vaescope.core.runtime.Nd4jRuntime;

/**
 * Opens VAEs saved by DL4J's {@code ModelSerializer} as {@link ImportedVae}s. The layers are mapped onto
 * VAEScope's stages (the ones ONNX graphs map to), so hooks, overrides, runs from a hook and gradients
 * work as for every VAEScope model; every layer's output is a hook point named after the layer.
 * <p>
 * Roles, as for ONNX: a {@code ComputationGraph} encoder whose outputs are named like {@code mu} and
 * {@code logvar}, with a decoder ({@code MultiLayerNetwork} or {@code ComputationGraph}) from z to the
 * reconstruction — logits, or probabilities when its last layer's activation is a sigmoid; or one
 * {@code ComputationGraph} with the outputs μ, log σ² and a reconstruction computed from μ.
 */
public final class Dl4jImport {

    private Dl4jImport() {
    }

    /** The DL4J layers and vertices the importer maps. */
    public static List<String> supportedLayers() {
        return Dl4jTranslator.SUPPORTED;
    }

    /** A VAE saved as an encoder zip and a decoder zip. */
    public static ImportedVae open(Path encoderFile, Path decoderFile) throws ModelLoadException {
        Model encoder = restore(encoderFile);
        Model decoder = restore(decoderFile);
        if (!(encoder instanceof ComputationGraph encoderGraph)) {
            throw new ModelLoadException(encoderFile, "is a MultiLayerNetwork, which has one output; a VAE encoder"
                    + " needs two, μ and log σ²: save it as a ComputationGraph with outputs named 'mu' and 'logvar'");
        }
        Roles roles = ModelRoles.read(encoderFile);
        return ImportedVaes.of(ModelFormat.DL4J_COMPUTATION_GRAPH, List.of(encoderFile, decoderFile), () -> {
            OnnxGraph decoderGraph = aboutFile(decoderFile, () -> translate(decoder, roles.withImageShape(null)));
            OnnxGraph translated = roles.imageShape() != null ? Dl4jTranslator.translate(encoderGraph, roles)
                    : translateEncoder(encoderGraph, decoderGraph, roles);
            return OnnxImporter.vae(translated, decoderGraph, decoderFile, roles);
        });
    }

    /** A VAE saved as one {@code ComputationGraph} (image → μ, log σ², reconstruction). */
    public static ImportedVae open(Path file) throws ModelLoadException {
        Model model = restore(file);
        if (!(model instanceof ComputationGraph graph)) {
            throw new ModelLoadException(file, "is a MultiLayerNetwork, which has one output; a whole VAE needs three"
                    + " (μ, log σ², reconstruction) — save it as a ComputationGraph, or give an encoder and a decoder");
        }
        Roles roles = ModelRoles.read(file);
        return ImportedVaes.of(ModelFormat.DL4J_COMPUTATION_GRAPH, List.of(file),
                () -> OnnxImporter.vae(Dl4jTranslator.translate(graph, roles), roles));
    }

    /**
     * The encoder's graph; DL4J does not save the image size a convolutional encoder reads, so it is then
     * the size of the decoder's reconstruction.
     */
    private static OnnxGraph translateEncoder(ComputationGraph encoder, OnnxGraph decoder, Roles roles) {
        try {
            return Dl4jTranslator.translate(encoder, roles);
        } catch (GraphException unknownSize) {
            int[] reconstruction;
            try {
                ImportedGraph g = OnnxImporter.graph(decoder);
                reconstruction = g.model().hookPoint(g.model().outputHook()).shape();
            } catch (GraphException e) {
                throw unknownSize;
            }
            return Dl4jTranslator.translate(encoder, roles.withImageShape(reconstruction));
        }
    }

    private static OnnxGraph translate(Model model, Roles roles) {
        return model instanceof ComputationGraph g ? Dl4jTranslator.translate(g, roles)
                : Dl4jTranslator.translate((MultiLayerNetwork) model, roles);
    }

    private static Model restore(Path file) throws ModelLoadException {
        Nd4jRuntime.ensureStarted();
        return Dl4jModelFiles.restore(file);
    }

    private interface Translation {
        OnnxGraph run();
    }

    private static OnnxGraph aboutFile(Path file, Translation translation) {
        try {
            return translation.run();
        } catch (GraphException e) {
            throw new GraphException(file, e.getMessage(), e);
        }
    }
}
