package org.vaescope.core.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaescope.core.numpy.NdArray;
import org.vaescope.core.numpy.Npz;

/**
 * The ONNX fixtures made by {@code releng/fixtures/export_onnx.py} and PyTorch's own outputs on
 * the probe images ({@code probes.npz}).
 */
final class OnnxFixtures {

    private OnnxFixtures() {
    }

    static Path file(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : new Path[] {dir.resolve("fixtures/onnx"),
                    dir.resolve("tests/org.vaescope.core.tests/fixtures/onnx")}) {
                if (Files.isRegularFile(candidate.resolve("probes.npz"))) {
                    return candidate.resolve(name);
                }
            }
        }
        throw new IllegalStateException("no fixtures/onnx folder above " + Path.of("").toAbsolutePath());
    }

    /** An array of probes.npz as float32: images, mu, logvar, logits, probabilities, encoder_conv2. */
    static INDArray probe(String key) throws IOException {
        NdArray array = Npz.read(file("probes.npz"), key);
        float[] values = (float[]) array.rawData();
        long[] shape = java.util.Arrays.stream(array.shape()).asLongStream().toArray();
        return Nd4j.create(values, shape, DataType.FLOAT);
    }
}
