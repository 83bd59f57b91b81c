package org.vaescope.core.imports;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.vaescope.core.model.ModelInspector;
import org.vaescope.core.model.ModelLoadException;
import org.vaescope.core.model.ModelStructure;
import org.vaescope.core.store.ModelFile;
import org.vaescope.core.store.ModelFileException;
import org.vaescope.core.store.SavedModel;
import org.vaescope.core.vae.HookedVae;

/**
 * Opens any model file VAEScope can analyse as a {@link HookedVae}: a VAEScope {@code .vsm}, or a VAE
 * exported to ONNX, saved by DL4J's {@code ModelSerializer} ({@code .zip}), by Keras ({@code .h5}) or as a
 * SameDiff graph ({@code .fb}), as one file or as an encoder file and a decoder file. The CLI, the script
 * interpreter and the IDE load models here, so each accepts the same files with the same errors.
 */
public final class VaeFiles {

    /** The extensions of analysable model files (lower case, with the dot). */
    public static final List<String> EXTENSIONS = List.of(ModelFile.EXTENSION, ".onnx", ".zip", ".h5", ".fb");

    /**
     * A loaded VAE, the files it came from and, for a VAEScope model, the name of the dataset it was
     * trained on (a script without a {@code dataset} statement runs on that one).
     */
    public record Loaded(HookedVae model, List<Path> files, Optional<String> trainingDataset) {
        public Loaded {
            files = List.copyOf(files);
        }
    }

    private VaeFiles() {
    }

    /** True if {@code file}'s extension is one of {@link #EXTENSIONS}. */
    public static boolean isAnalysable(Path file) {
        return EXTENSIONS.contains(extension(file));
    }

    /** True if a model in this file needs a separate decoder file (it may also be a whole VAE). */
    public static boolean acceptsDecoder(Path file) {
        return !extension(file).equals(ModelFile.EXTENSION) && isAnalysable(file);
    }

    /**
     * Opens {@code file} as a VAE, with its decoder when the model was saved as two files: an imported
     * encoder whose name contains "encoder" (or "enc") has its decoder beside it, named with "decoder"
     * (or "dec") in its place, e.g. {@code vae_encoder.onnx} and {@code vae_decoder.onnx}.
     *
     * @throws ModelFileException naming the file and the problem
     */
    public static Loaded open(Path file) throws ModelFileException {
        return open(file, companionDecoder(file).orElse(null));
    }

    /** The decoder file beside an imported encoder file, found by name as {@link #open(Path)} says. */
    public static Optional<Path> companionDecoder(Path encoder) {
        if (!acceptsDecoder(encoder) || encoder.getFileName() == null) {
            return Optional.empty();
        }
        String name = encoder.getFileName().toString();
        for (String[] swap : new String[][] {{"encoder", "decoder"}, {"Encoder", "Decoder"}, {"ENCODER", "DECODER"},
            {"enc", "dec"}, {"Enc", "Dec"}, {"ENC", "DEC"}}) {
            int at = name.lastIndexOf(swap[0]);
            if (at >= 0) {
                Path decoder = encoder.resolveSibling(name.substring(0, at) + swap[1]
                        + name.substring(at + swap[0].length()));
                return java.nio.file.Files.isRegularFile(decoder) ? Optional.of(decoder) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Opens {@code file} as a VAE; {@code decoder} is the decoder's file when the model was saved as two,
     * else null.
     *
     * @throws ModelFileException naming the file and the problem
     */
    public static Loaded open(Path file, Path decoder) throws ModelFileException {
        String extension = extension(file);
        if (decoder != null && !extension(decoder).equals(extension)) {
            throw new ModelFileException(decoder, "the decoder file must have the encoder's format ("
                    + extension + ")");
        }
        if (extension.equals(ModelFile.EXTENSION)) {
            if (decoder != null) {
                throw new ModelFileException(decoder, "a " + ModelFile.EXTENSION
                        + " file holds the whole VAE; a separate decoder file is only for imported models");
            }
            SavedModel saved = ModelFile.load(file);
            return new Loaded(saved.model(), List.of(file), Optional.of(saved.metadata().datasetName()));
        }
        if (acceptsDecoder(file)) {
            try {
                ImportedVae vae = openImported(file, decoder);
                return new Loaded(vae, vae.files(), Optional.empty());
            } catch (ModelLoadException e) {
                throw new ModelFileException(e.file(), e.problem(), e);
            }
        }
        throw new ModelFileException(file, "is not a model file VAEScope can analyse; it reads "
                + String.join(", ", EXTENSIONS) + " files");
    }

    private static ImportedVae openImported(Path file, Path decoder) throws ModelLoadException {
        if (extension(file).equals(".onnx")) {
            return decoder == null ? OnnxImport.open(file) : OnnxImport.open(file, decoder);
        }
        if (extension(file).equals(".h5")) {
            return decoder == null ? KerasImport.open(file) : KerasImport.open(file, decoder);
        }
        if (extension(file).equals(".fb")) {
            return decoder == null ? SameDiffImport.open(file) : SameDiffImport.open(file, decoder);
        }
        return decoder == null ? Dl4jImport.open(file) : Dl4jImport.open(file, decoder);
    }

    /**
     * The structure "describe" shows: of the whole imported VAE when {@code file} is an encoder with its
     * decoder beside it (hooks named as in analyses), else of the file alone ({@link ModelInspector}).
     */
    public static ModelStructure describe(Path file) throws ModelLoadException {
        Optional<Path> decoder = companionDecoder(file);
        return decoder.isPresent() ? openImported(file, decoder.get()).structure() : ModelInspector.describe(file);
    }

    private static String extension(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot);
    }
}
