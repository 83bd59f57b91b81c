package org.vaescope.core.internal.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What VAEScope reads of a Keras 2 HDF5 model file ({@code model.save("m.h5")}): the topology, the root
 * attribute {@code model_config}, and the weights, {@code model_weights/LAYER/LAYER/NAME:0} as listed by
 * each layer group's attribute {@code weight_names}. Read with jhdf (pure Java, no HDF5 natives).
 *
 * @param config  the parsed {@code model_config}: {@code {"class_name": ..., "config": ...}}
 * @param weights per layer name, its weights by their short names ({@code kernel}, {@code bias},
 *                {@code gamma}, {@code moving_mean}, ...)
 */
public record KerasFile(JsonNode config, Map<String, Map<String, Weight>> weights) {

    /** A weight as Keras stores it (its own layout, e.g. a convolution kernel height × width × in × out). */
    public record Weight(long[] shape, double[] values) {
    }

    /** Reads {@code file}; a file that is not a whole saved Keras model is an error saying what it is. */
    public static KerasFile read(Path file) throws IOException {
        try (HdfFile hdf = new HdfFile(file)) {
            Attribute config = hdf.getAttribute("model_config");
            if (config == null) {
                throw new GraphException("has no 'model_config' attribute, so it is not a whole saved Keras model"
                        + " (a file written by save_weights, or an HDF5 dataset): save the model with"
                        + " model.save(\"NAME.h5\")");
            }
            JsonNode parsed = new ObjectMapper().readTree(string(config.getData()));
            Node weights = hdf.getChild("model_weights");
            return new KerasFile(parsed, weights instanceof Group g ? weights(g) : Map.of());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new GraphException("has a 'model_config' attribute that is not JSON: " + e.getOriginalMessage(), e);
        } catch (GraphException e) {
            throw e;
        } catch (RuntimeException e) {
            // jhdf fails on damaged files with whatever exception its parser meets
            throw new GraphException("cannot be read as an HDF5 file (" + e.getMessage() + "); it may be truncated"
                    + " or not a Keras .h5 file — save the model again", e);
        }
    }

    private static Map<String, Map<String, Weight>> weights(Group modelWeights) {
        Map<String, Map<String, Weight>> byLayer = new HashMap<>();
        for (Node child : modelWeights) {
            if (child instanceof Group layer) {
                byLayer.put(layer.getName(), layerWeights(layer));
            }
        }
        return byLayer;
    }

    private static Map<String, Weight> layerWeights(Group layer) {
        Attribute names = layer.getAttribute("weight_names");
        Map<String, Weight> weights = new HashMap<>();
        for (String name : names == null || names.isEmpty() ? List.<String>of() : strings(names.getData())) {
            Node node = layer.getByPath(name);
            if (!(node instanceof Dataset dataset)) {
                throw new GraphException("layer '" + layer.getName() + "': weight '" + name + "' is listed but not"
                        + " stored (model_weights/" + layer.getName() + "/" + name + "); the file may be truncated");
            }
            weights.put(shortName(name), new Weight(java.util.Arrays.stream(dataset.getDimensions()).asLongStream()
                    .toArray(), doubles(dataset.getDataFlat(), layer.getName(), name)));
        }
        return weights;
    }

    /** {@code conv1/kernel:0} → {@code kernel}. */
    private static String shortName(String weightName) {
        String last = weightName.substring(weightName.lastIndexOf('/') + 1);
        int colon = last.indexOf(':');
        return colon < 0 ? last : last.substring(0, colon);
    }

    private static double[] doubles(Object flat, String layer, String name) {
        if (flat instanceof float[] f) {
            double[] out = new double[f.length];
            for (int k = 0; k < f.length; k++) {
                out[k] = f[k];
            }
            return out;
        }
        if (flat instanceof double[] d) {
            return d;
        }
        throw new GraphException("layer '" + layer + "': weight '" + name + "' holds "
                + flat.getClass().getComponentType() + " values; VAEScope reads float32 and float64 weights");
    }

    /** A string attribute: h5py writes {@code str} as variable-length, {@code bytes} as fixed-length strings. */
    private static String string(Object data) {
        if (data instanceof String s) {
            return s;
        }
        if (data != null && data.getClass().isArray() && Array.getLength(data) == 1) {
            return string(Array.get(data, 0));
        }
        if (data instanceof byte[] bytes) {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        throw new GraphException("has a 'model_config' attribute that is not a string");
    }

    private static List<String> strings(Object data) {
        if (data == null) {
            return List.of();
        }
        if (data instanceof String s) {
            return List.of(s);
        }
        List<String> out = new java.util.ArrayList<>();
        for (int k = 0; k < Array.getLength(data); k++) {
            out.add(String.valueOf(Array.get(data, k)));
        }
        return out;
    }
}
