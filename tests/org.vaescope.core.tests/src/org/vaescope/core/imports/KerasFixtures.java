package org.vaescope.core.imports;

import com.fasterxml.jackson.databind.JsonNode;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaescope.core.internal.imports.KerasFile;
import org.vaescope.core.internal.imports.KerasFile.Weight;
import org.vaescope.core.numpy.NdArray;
import org.vaescope.core.numpy.Npz;

/**
 * The Keras fixtures made by {@code releng/fixtures/keras} (numbers from TensorFlow.js Layers, files in
 * Keras 2's HDF5 layout written by h5py), and a writer of further Keras files in the same layout for the
 * tests (with jhdf).
 */
final class KerasFixtures {

    private KerasFixtures() {
    }

    static Path file(String name) {
        return OnnxFixtures.file("probes.npz").getParent().resolveSibling("keras").resolve(name);
    }

    /**
     * An array of keras_probes.npz (images, mu, logvar, logits, encoder_act2) as float32, with images and
     * feature maps moved from Keras' channels_last to VAEScope's channels first.
     */
    static INDArray probe(String key) throws IOException {
        NdArray array = Npz.read(file("keras_probes.npz"), key);
        long[] shape = java.util.Arrays.stream(array.shape()).asLongStream().toArray();
        INDArray values = Nd4j.create((float[]) array.rawData(), shape, DataType.FLOAT);
        return shape.length == 4 ? values.permute(0, 3, 1, 2).dup('c') : values;
    }

    /** Writes a Keras 2 HDF5 model file: {@code model_config} (unless null) and the weights by layer. */
    static Path write(Path path, JsonNode config, Map<String, Map<String, Weight>> weights) throws IOException {
        Files.deleteIfExists(path);
        try (WritableHdfFile out = HdfFile.write(path)) {
            if (config != null) {
                out.putAttribute("model_config", config.toString());
            }
            WritableGroup modelWeights = out.putGroup("model_weights");
            modelWeights.putAttribute("layer_names", weights.keySet().toArray(String[]::new));
            for (Map.Entry<String, Map<String, Weight>> layer : weights.entrySet()) {
                WritableGroup group = modelWeights.putGroup(layer.getKey());
                List<String> names = layer.getValue().keySet().stream().map(n -> layer.getKey() + "/" + n + ":0")
                        .toList();
                if (!names.isEmpty()) { // jhdf writes no empty string arrays; the reader takes none as no weights
                    group.putAttribute("weight_names", names.toArray(String[]::new));
                }
                WritableGroup inner = group.putGroup(layer.getKey());
                for (Map.Entry<String, Weight> w : layer.getValue().entrySet()) {
                    inner.putDataset(w.getKey() + ":0", nested(w.getValue()));
                }
            }
        }
        return path;
    }

    /** The committed fixture's topology and weights, to write variants of it. */
    static KerasFile read(String name) throws IOException {
        return KerasFile.read(file(name));
    }

    /** A weight of the given Keras-layout values. */
    static Weight weight(INDArray values) {
        return new Weight(values.shape(), values.castTo(DataType.DOUBLE).dup('c').data().asDouble());
    }

    private static Object nested(Weight w) {
        int[] dims = java.util.Arrays.stream(w.shape()).mapToInt(d -> (int) d).toArray();
        Object array = Array.newInstance(float.class, dims);
        fill(array, w.values(), 0);
        return array;
    }

    private static int fill(Object array, double[] values, int at) {
        int length = Array.getLength(array);
        if (array instanceof float[] floats) {
            for (int k = 0; k < length; k++) {
                floats[k] = (float) values[at + k];
            }
            return at + length;
        }
        int next = at;
        for (int k = 0; k < length; k++) {
            next = fill(Array.get(array, k), values, next);
        }
        return next;
    }
}
