package org.vaescope.core.internal.imports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.internal.imports.OnnxGraph.Attribute;
import org.vaescope.core.internal.imports.OnnxGraph.Node;
import org.vaescope.core.internal.imports.OnnxGraph.Tensor;
import org.vaescope.core.internal.imports.OnnxGraph.ValueInfo;

/** Builds the graph an ONNX file would hold, for translators of other formats (DL4J, SameDiff). */
final class GraphWriter {

    private static final int FLOAT = 1;
    private static final int INT64 = 7;

    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Tensor> initializers = new LinkedHashMap<>();

    /** Adds a float initializer holding {@code value}; returns its name. */
    String tensor(String name, INDArray value) {
        initializers.put(name, new Tensor(name, value.shape(), FLOAT, value.dup('c').data().asDouble()));
        return name;
    }

    /** Adds a float vector initializer of {@code length} copies of {@code value}. */
    String filled(String name, long length, double value) {
        double[] values = new double[(int) length];
        Arrays.fill(values, value);
        initializers.put(name, new Tensor(name, new long[] {length}, FLOAT, values));
        return name;
    }

    /** Adds a constant: a float scalar when {@code dims} is empty, else integers (shapes, axes). */
    String constant(String name, long[] dims, double... values) {
        initializers.put(name, new Tensor(name, dims, dims.length == 0 ? FLOAT : INT64, values));
        return name;
    }

    Tensor initializer(String name) {
        return initializers.get(name);
    }

    /** Adds a node computing {@code output}; returns {@code output}. */
    String node(String nodeName, String op, List<String> inputs, String output, Map<String, Attribute> attributes) {
        nodes.add(new Node("/" + nodeName, op, "", inputs, List.of(output), attributes));
        return output;
    }

    OnnxGraph graph(List<ValueInfo> inputs, List<ValueInfo> outputs) {
        return new OnnxGraph(13, nodes, initializers, inputs, outputs);
    }
}
