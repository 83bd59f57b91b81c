package org.vaescope.core.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vaescope.core.internal.imports.GraphException;
import org.vaescope.core.internal.imports.Roles;
import org.vaescope.core.model.ModelLoadException;

/**
 * The roles file beside an imported model, {@code MODEL.roles.json} for {@code MODEL.onnx} or
 * {@code MODEL.zip} (for a model saved as two files, beside the encoder). It says what VAEScope cannot
 * find out from the graph alone; every key is optional:
 * <pre>
 * {
 *   "image": "input_1",            the encoder input holding the image
 *   "imageShape": [1, 64, 64],     channels, height, width (DL4J does not save them for a conv encoder)
 *   "mu": "dense_3",               the output holding μ
 *   "logvar": "dense_4",           the output holding log σ²
 *   "decoderInput": "z",           the decoder input reading z
 *   "reconstruction": "conv2d_t",  the output holding the reconstruction
 *   "output": "logits"             or "probabilities" (the reconstruction after a final sigmoid)
 * }
 * </pre>
 */
public final class ModelRoles {

    /** The keys a roles file may hold. */
    public static final List<String> KEYS = List.of("image", "imageShape", "mu", "logvar", "decoderInput",
            "reconstruction", "output");

    private static final String SUFFIX = ".roles.json";

    private ModelRoles() {
    }

    /** The roles file of {@code model} (whether or not it exists). */
    public static Path fileOf(Path model) {
        String name = model.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return model.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + SUFFIX);
    }

    /**
     * The names a user chooses the roles from, when {@code failure} (thrown by opening an imported model,
     * or wrapping such an exception) is about roles the graph does not settle; empty for other problems.
     */
    public static Optional<Choices> choicesAfter(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof GraphException g && g.roleNames() != null && !g.roleNames().encoderInputs().isEmpty()) {
                GraphException.RoleNames n = g.roleNames();
                boolean oneGraph = n.decoderInputs().isEmpty() && n.decoderOutputs().isEmpty();
                return Optional.of(new Choices(n.encoderInputs(), n.encoderOutputs(), n.decoderInputs(),
                        oneGraph ? n.encoderOutputs() : n.decoderOutputs()));
            }
        }
        return Optional.empty();
    }

    /**
     * The names to choose each role from: the image among {@code images}, μ and log σ² among
     * {@code latents}, the decoder's input among {@code decoderInputs} (empty for a model in one graph) and
     * the reconstruction among {@code reconstructions}.
     */
    public record Choices(List<String> images, List<String> latents, List<String> decoderInputs,
            List<String> reconstructions) {
    }

    /**
     * The text of a roles file giving {@code roles} (key → graph name, or for "output" {@code logits} or
     * {@code probabilities}), keeping the other keys of {@code existing} (a roles file's text, or null).
     */
    public static String json(String existing, Map<String, String> roles) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode json = mapper.createObjectNode();
        try {
            JsonNode old = existing == null ? null : mapper.readTree(existing);
            if (old != null && old.isObject()) {
                json.setAll((ObjectNode) old);
            }
        } catch (JsonProcessingException unreadable) {
            // the dialog's answer replaces a file that cannot be read
        }
        for (String key : KEYS) {
            if (roles.containsKey(key)) {
                json.put(key, roles.get(key));
            }
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The roles given beside {@code model}; none when there is no roles file.
     *
     * @throws ModelLoadException naming the roles file and the key when it cannot be read or a value is wrong
     */
    static Roles read(Path model) throws ModelLoadException {
        Path file = fileOf(model);
        String source = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            return new Roles(source, null, null, null, null, null, null, null);
        }
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ModelLoadException(file, "is not valid JSON at line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot be read: " + e.getMessage(), e);
        }
        if (json == null || !json.isObject()) {
            throw new ModelLoadException(file, "must hold one JSON object with the keys " + KEYS);
        }
        for (Iterator<String> keys = json.fieldNames(); keys.hasNext();) {
            String key = keys.next();
            if (!KEYS.contains(key)) {
                throw new ModelLoadException(file, "has the unknown key \"" + key + "\"; the keys are " + KEYS);
            }
        }
        return new Roles(source, text(file, json, "image"), imageShape(file, json), text(file, json, "mu"),
                text(file, json, "logvar"), text(file, json, "decoderInput"), text(file, json, "reconstruction"),
                probabilities(file, json));
    }

    private static String text(Path file, JsonNode json, String key) throws ModelLoadException {
        JsonNode value = json.get(key);
        if (value == null) {
            return null;
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new ModelLoadException(file, "key \"" + key + "\" must be the name of a graph input or output (a"
                    + " string), not " + value);
        }
        return value.asText();
    }

    private static int[] imageShape(Path file, JsonNode json) throws ModelLoadException {
        JsonNode value = json.get("imageShape");
        if (value == null) {
            return null;
        }
        boolean valid = value.isArray() && value.size() == 3;
        for (int k = 0; valid && k < 3; k++) {
            valid = value.get(k).canConvertToInt() && value.get(k).isIntegralNumber() && value.get(k).asInt() > 0;
        }
        if (!valid) {
            throw new ModelLoadException(file, "key \"imageShape\" must be [channels, height, width], three positive"
                    + " whole numbers, not " + value);
        }
        return new int[] {value.get(0).asInt(), value.get(1).asInt(), value.get(2).asInt()};
    }

    private static Boolean probabilities(Path file, JsonNode json) throws ModelLoadException {
        String output = text(file, json, "output");
        if (output == null) {
            return null;
        }
        if (!output.equals("logits") && !output.equals("probabilities")) {
            throw new ModelLoadException(file, "key \"output\" must be \"logits\" or \"probabilities\", not \"" + output
                    + "\"");
        }
        return output.equals("probabilities");
    }
}
