package org.vaescope.core.store;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;
import org.vaescope.core.hooks.Parameter;
import org.vaescope.core.runtime.Floats;
import org.vaescope.core.runtime.InputFiles;
import org.vaescope.core.runtime.MemoryBudget;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.Likelihood;
import org.vaescope.core.vae.VaeModel;
import org.vaescope.core.vae.Variant;
import org.vaescope.core.vae.VariantConfig;

/**
 * Reads and writes saved models ({@code .vsm}): a zip archive holding
 * <ul>
 * <li>{@code metadata.json}: {@code format} ("vaescope-model"), {@code formatVersion},
 * {@code variant} {id, hyperparameters}, {@code architecture} {kind, channels, height, width,
 * latentSize, widths}, {@code imageShape}, {@code latentSize}, {@code likelihood},
 * {@code dataset} {name, factors}, {@code training} {steps, seed, batchSize, learningRate,
 * finalLosses}, and {@code parameters} [{name, shape, entry}];</li>
 * <li>one entry {@code weights/<parameter name>.f32} per parameter: float32 little-endian, C
 * order.</li>
 * </ul>
 * Loading checks everything and throws {@link ModelFileException} with the file and the problem:
 * not a zip archive, truncated or corrupt archive, missing entry, invalid JSON, missing key,
 * unsupported format version, shape mismatch, NaN or infinite weights.
 */
public final class ModelFile {

    /** The format version this code writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** Value of the {@code format} key. */
    public static final String FORMAT_NAME = "vaescope-model";
    /** The conventional file extension. */
    public static final String EXTENSION = ".vsm";

    static final String METADATA_ENTRY = "metadata.json";
    private static final String WEIGHTS_PREFIX = "weights/";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelFile() {
    }

    // ---- writing ---------------------------------------------------------------------------

    /** Writes the model and metadata to {@code file} (through a temporary file, replaced atomically). */
    public static void save(Path file, VaeModel model, ModelMetadata metadata) throws ModelFileException {
        if (!metadata.architecture().equals(model.architecture())
                || !metadata.variant().equals(model.variant())) {
            throw new ModelFileException(file, "metadata describes " + metadata.architecture() + " / "
                    + metadata.variant() + " but the model is " + model.architecture() + " / " + model.variant());
        }
        Path absolute = file.toAbsolutePath();
        Path temp = null;
        try {
            Path dir = absolute.getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            temp = Files.createTempFile(dir, absolute.getFileName().toString(), ".tmp");
            try (OutputStream out = Files.newOutputStream(temp); ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.setLevel(Deflater.BEST_SPEED);
                zip.putNextEntry(new ZipEntry(METADATA_ENTRY));
                zip.write(JSON.writeValueAsBytes(toJson(model, metadata)));
                zip.closeEntry();
                for (Parameter p : model.graph().parameters()) {
                    zip.putNextEntry(new ZipEntry(entryName(p.name())));
                    zip.write(toBytes(Floats.of(p.value())));
                    zip.closeEntry();
                }
            }
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot write: " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the move succeeded or the write already failed with its own message
                }
            }
        }
    }

    private static String entryName(String parameter) {
        return WEIGHTS_PREFIX + parameter + ".f32";
    }

    private static byte[] toBytes(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }

    static ObjectNode toJson(VaeModel model, ModelMetadata m) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT_NAME);
        root.put("formatVersion", m.formatVersion());
        ObjectNode variant = root.putObject("variant");
        variant.put("id", m.variant().variant().id());
        ObjectNode hyper = variant.putObject("hyperparameters");
        m.variant().hyperparameters().forEach(hyper::put);
        ObjectNode arch = root.putObject("architecture");
        Architecture a = m.architecture();
        arch.put("kind", a.kind().id());
        arch.put("channels", a.channels());
        arch.put("height", a.height());
        arch.put("width", a.width());
        arch.put("latentSize", a.latentSize());
        ArrayNode widths = arch.putArray("widths");
        for (int w : a.widths()) {
            widths.add(w);
        }
        ArrayNode image = root.putArray("imageShape");
        for (int s : a.imageShape()) {
            image.add(s);
        }
        root.put("latentSize", a.latentSize());
        root.put("likelihood", m.likelihood().id());
        ObjectNode dataset = root.putObject("dataset");
        dataset.put("name", m.datasetName());
        ArrayNode factors = dataset.putArray("factors");
        m.factorNames().forEach(factors::add);
        ObjectNode training = root.putObject("training");
        training.put("steps", m.trainingSteps());
        training.put("seed", m.seed());
        training.put("batchSize", m.batchSize());
        training.put("learningRate", m.learningRate());
        ObjectNode losses = training.putObject("finalLosses");
        m.finalLosses().forEach((k, v) -> {
            if (Double.isFinite(v)) {
                losses.put(k, v);
            }
        });
        ArrayNode params = root.putArray("parameters");
        for (Parameter p : model.graph().parameters()) {
            ObjectNode entry = params.addObject();
            entry.put("name", p.name());
            ArrayNode shape = entry.putArray("shape");
            for (long s : p.shape()) {
                shape.add(s);
            }
            entry.put("entry", entryName(p.name()));
        }
        return root;
    }

    // ---- reading ---------------------------------------------------------------------------

    /** Reads only the metadata (checked like {@link #load}, weights not read). */
    public static ModelMetadata readMetadata(Path file) throws ModelFileException {
        try (ZipFile zip = open(file)) {
            return parseMetadata(file, readMetadataTree(file, zip));
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Loads and checks a saved model. */
    public static SavedModel load(Path file) throws ModelFileException {
        try (ZipFile zip = open(file)) {
            JsonNode tree = readMetadataTree(file, zip);
            ModelMetadata metadata = parseMetadata(file, tree);
            Map<String, long[]> listed = listedParameters(file, tree);
            requireAffordable(file, metadata.architecture(), listed);
            VaeModel model;
            try {
                model = VaeModel.createUninitialized(metadata.architecture(), metadata.variant(),
                        metadata.likelihood());
            } catch (IllegalArgumentException e) {
                throw new ModelFileException(file, "metadata.json describes a model that cannot be built: "
                        + e.getMessage(), e);
            }
            for (Parameter p : model.graph().parameters()) {
                long[] shape = listed.get(p.name());
                if (shape == null) {
                    throw new ModelFileException(file, "metadata.json lists no parameter '" + p.name()
                            + "' needed by the architecture");
                }
                if (!Arrays.equals(shape, p.shape())) {
                    throw new ModelFileException(file, "shape mismatch: parameter '" + p.name() + "' has shape "
                            + Arrays.toString(shape) + " in the file but the architecture needs "
                            + Arrays.toString(p.shape()));
                }
                p.set(readWeights(file, zip, p));
            }
            for (String name : listed.keySet()) {
                if (model.graph().parameters().stream().noneMatch(p -> p.name().equals(name))) {
                    throw new ModelFileException(file, "metadata.json lists parameter '" + name
                            + "', which the architecture does not have");
                }
            }
            return new SavedModel(file, metadata, model);
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Deflate cannot shrink data by more than about 1032:1; a file declaring more than this is lying. */
    private static final long MAX_DEFLATE_RATIO = 1100;

    /**
     * Refuses, before the model is built, a file whose declared weights (the listed shapes, and a lower
     * bound of what the architecture needs) exceed the memory budget or could not fit in the file.
     */
    private static void requireAffordable(Path file, Architecture architecture, Map<String, long[]> listed)
            throws IOException {
        long listedValues = 0;
        for (long[] shape : listed.values()) {
            listedValues = saturatedAdd(listedValues, MemoryBudget.product(shape));
        }
        long values = Math.max(listedValues, lowerBoundOfParameters(architecture));
        long bytes = MemoryBudget.product(values, Float.BYTES);
        long fileSize = Files.size(file);
        if (listedValues > 0 && MemoryBudget.product(listedValues, Float.BYTES) / MAX_DEFLATE_RATIO > fileSize) {
            throw new ModelFileException(file, "declares " + listedValues + " weights but holds only " + fileSize
                    + " bytes, which cannot contain them — the file is damaged or not a trained model; retrain it");
        }
        try {
            MemoryBudget.require(MemoryBudget.product(bytes, 2), "a model of " + values + " weights");
        } catch (IllegalStateException e) {
            throw new ModelFileException(file, e.getMessage(), e);
        }
    }

    /** Weights of the dense/convolution connections between consecutive widths: fewer than the model has. */
    private static long lowerBoundOfParameters(Architecture a) {
        List<Long> units = new ArrayList<>();
        units.add(a.kind() == Architecture.Kind.MLP
                ? MemoryBudget.product(a.channels(), a.height(), a.width()) : a.channels());
        for (int w : a.widths()) {
            units.add((long) w);
        }
        units.add((long) a.latentSize());
        long total = 0;
        for (int i = 0; i + 1 < units.size(); i++) {
            total = saturatedAdd(total, MemoryBudget.product(units.get(i), units.get(i + 1), 2));
        }
        return total;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static ZipFile open(Path file) throws IOException {
        Optional<String> problem = InputFiles.problem(file);
        if (problem.isPresent()) {
            throw new ModelFileException(file, problem.get());
        }
        byte[] head = new byte[4];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, 4);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "file not found", e);
        }
        if (read < 4 || head[0] != 'P' || head[1] != 'K' || head[2] != 3 || head[3] != 4) {
            throw new ModelFileException(file, "not a VAEScope model file (not a zip archive)");
        }
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new ModelFileException(file, "truncated or corrupt zip archive (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] readEntry(Path file, ZipFile zip, String name) throws ModelFileException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new ModelFileException(file, "missing entry '" + name + "'");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (ZipException | EOFException e) {
            throw new ModelFileException(file, "corrupt entry '" + name + "' (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot read entry '" + name + "': " + e.getMessage(), e);
        }
    }

    private static JsonNode readMetadataTree(Path file, ZipFile zip) throws ModelFileException {
        byte[] bytes = readEntry(file, zip, METADATA_ENTRY);
        JsonNode tree;
        try {
            tree = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ModelFileException(file, METADATA_ENTRY + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot read " + METADATA_ENTRY + ": " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new ModelFileException(file, METADATA_ENTRY + " is not a JSON object");
        }
        String format = text(file, tree, "format");
        if (!FORMAT_NAME.equals(format)) {
            throw new ModelFileException(file, "not a VAEScope model (format '" + format + "', expected '"
                    + FORMAT_NAME + "')");
        }
        int version = integer(file, tree, "formatVersion");
        if (version != FORMAT_VERSION) {
            throw new ModelFileException(file, "unsupported format version " + version
                    + " (this version of VAEScope reads version " + FORMAT_VERSION + ")");
        }
        return tree;
    }

    private static ModelMetadata parseMetadata(Path file, JsonNode tree) throws ModelFileException {
        try {
            JsonNode variantNode = node(file, tree, "variant");
            Variant variant = Variant.parse(text(file, variantNode, "variant.id", "id"));
            Map<String, Double> hyper = new LinkedHashMap<>();
            JsonNode hyperNode = node(file, variantNode, "variant.hyperparameters", "hyperparameters");
            for (var it = hyperNode.fields(); it.hasNext();) {
                var e = it.next();
                hyper.put(e.getKey(), e.getValue().asDouble());
            }
            VariantConfig config = new VariantConfig(variant, hyper);
            JsonNode a = node(file, tree, "architecture");
            JsonNode widthsNode = node(file, a, "architecture.widths", "widths");
            int[] widths = new int[widthsNode.size()];
            for (int i = 0; i < widths.length; i++) {
                widths[i] = widthsNode.get(i).asInt();
            }
            Architecture architecture = new Architecture(Architecture.Kind.parse(text(file, a, "architecture.kind",
                    "kind")), integer(file, a, "architecture.channels", "channels"),
                    integer(file, a, "architecture.height", "height"), integer(file, a, "architecture.width", "width"),
                    integer(file, a, "architecture.latentSize", "latentSize"), widths);
            JsonNode imageShape = node(file, tree, "imageShape");
            int[] image = new int[imageShape.size()];
            for (int i = 0; i < image.length; i++) {
                image[i] = imageShape.get(i).asInt();
            }
            if (!Arrays.equals(image, architecture.imageShape())) {
                throw new ModelFileException(file, "shape mismatch: imageShape " + Arrays.toString(image)
                        + " disagrees with the architecture's " + Arrays.toString(architecture.imageShape()));
            }
            if (integer(file, tree, "latentSize") != architecture.latentSize()) {
                throw new ModelFileException(file, "shape mismatch: latentSize " + integer(file, tree, "latentSize")
                        + " disagrees with the architecture's " + architecture.latentSize());
            }
            Likelihood likelihood = Likelihood.parse(text(file, tree, "likelihood"));
            JsonNode dataset = node(file, tree, "dataset");
            List<String> factors = new ArrayList<>();
            for (JsonNode f : node(file, dataset, "dataset.factors", "factors")) {
                factors.add(f.asText());
            }
            JsonNode training = node(file, tree, "training");
            Map<String, Double> losses = new LinkedHashMap<>();
            for (var it = node(file, training, "training.finalLosses", "finalLosses").fields(); it.hasNext();) {
                var e = it.next();
                losses.put(e.getKey(), e.getValue().asDouble());
            }
            return new ModelMetadata(integer(file, tree, "formatVersion"), config, architecture, likelihood,
                    text(file, dataset, "dataset.name", "name"), factors,
                    number(file, training, "training.steps", "steps").longValue(),
                    number(file, training, "training.seed", "seed").longValue(),
                    integer(file, training, "training.batchSize", "batchSize"),
                    number(file, training, "training.learningRate", "learningRate").doubleValue(), losses);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, "invalid " + METADATA_ENTRY + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, long[]> listedParameters(Path file, JsonNode tree) throws ModelFileException {
        Map<String, long[]> listed = new LinkedHashMap<>();
        JsonNode params = node(file, tree, "parameters");
        for (int i = 0; i < params.size(); i++) {
            JsonNode p = params.get(i);
            String where = "parameters[" + i + "]";
            String name = text(file, p, where + ".name", "name");
            JsonNode shapeNode = node(file, p, where + ".shape", "shape");
            long[] shape = new long[shapeNode.size()];
            for (int k = 0; k < shape.length; k++) {
                shape[k] = shapeNode.get(k).asLong();
            }
            listed.put(name, shape);
        }
        return listed;
    }

    private static float[] readWeights(Path file, ZipFile zip, Parameter p) throws ModelFileException {
        String name = entryName(p.name());
        byte[] bytes = readEntry(file, zip, name);
        long expected = p.length() * 4;
        if (bytes.length != expected) {
            throw new ModelFileException(file, "shape mismatch: entry '" + name + "' holds " + bytes.length
                    + " bytes, expected " + expected + " for shape " + Arrays.toString(p.shape()));
        }
        float[] values = new float[(int) p.length()];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new ModelFileException(file, "parameter '" + p.name() + "' contains NaN or infinite weights"
                        + " (first at index " + i + ")");
            }
        }
        return values;
    }

    // ---- JSON access with clear messages ---------------------------------------------------

    private static JsonNode node(Path file, JsonNode parent, String key) throws ModelFileException {
        return node(file, parent, key, key);
    }

    private static JsonNode node(Path file, JsonNode parent, String path, String key) throws ModelFileException {
        JsonNode value = parent.get(key);
        if (value == null || value.isNull()) {
            throw new ModelFileException(file, METADATA_ENTRY + ": missing key '" + path + "'");
        }
        return value;
    }

    private static String text(Path file, JsonNode parent, String key) throws ModelFileException {
        return text(file, parent, key, key);
    }

    private static String text(Path file, JsonNode parent, String path, String key) throws ModelFileException {
        JsonNode value = node(file, parent, path, key);
        if (!value.isTextual()) {
            throw new ModelFileException(file, METADATA_ENTRY + ": key '" + path + "' must be a string");
        }
        return value.asText();
    }

    private static Number number(Path file, JsonNode parent, String path, String key) throws ModelFileException {
        JsonNode value = node(file, parent, path, key);
        if (!value.isNumber()) {
            throw new ModelFileException(file, METADATA_ENTRY + ": key '" + path + "' must be a number");
        }
        return value.numberValue();
    }

    private static int integer(Path file, JsonNode parent, String key) throws ModelFileException {
        return integer(file, parent, key, key);
    }

    private static int integer(Path file, JsonNode parent, String path, String key) throws ModelFileException {
        JsonNode value = node(file, parent, path, key);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new ModelFileException(file, METADATA_ENTRY + ": key '" + path + "' must be an integer");
        }
        return value.asInt();
    }
}
