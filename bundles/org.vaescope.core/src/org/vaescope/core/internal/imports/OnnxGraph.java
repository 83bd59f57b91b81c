package org.vaescope.core.internal.imports;

import java.util.List;
import java.util.Map;

/**
 * The parts of an ONNX model VAEScope reads: the main graph's nodes in file order, its
 * initializers, inputs and outputs, and the default-domain opset.
 */
public record OnnxGraph(long opset, List<Node> nodes, Map<String, Tensor> initializers, List<ValueInfo> inputs,
        List<ValueInfo> outputs) {

    public OnnxGraph {
        nodes = List.copyOf(nodes);
        initializers = Map.copyOf(initializers);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** One operator application. */
    public record Node(String name, String opType, String domain, List<String> inputs, List<String> outputs,
            Map<String, Attribute> attributes) {

        /** The node's name, or its first output when the exporter left it unnamed. */
        public String label() {
            return name.isEmpty() ? (outputs.isEmpty() ? opType : outputs.get(0)) : name;
        }

        public long intAttribute(String attribute, long fallback) {
            Attribute a = attributes.get(attribute);
            return a == null ? fallback : a.i();
        }

        public float floatAttribute(String attribute, float fallback) {
            Attribute a = attributes.get(attribute);
            return a == null ? fallback : a.f();
        }

        public long[] intsAttribute(String attribute, long[] fallback) {
            Attribute a = attributes.get(attribute);
            return a == null ? fallback : a.ints();
        }

        public String stringAttribute(String attribute, String fallback) {
            Attribute a = attributes.get(attribute);
            return a == null ? fallback : a.s();
        }
    }

    /** A node attribute; only the fields of its type are set. */
    public record Attribute(String name, int type, float f, long i, String s, Tensor t, float[] floats, long[] ints) {

        /** An INTS attribute (also read as INT when it holds one value), for graphs translated from other formats. */
        public static Attribute ints(String name, long... values) {
            return new Attribute(name, 7, 0, values.length == 1 ? values[0] : 0, "", null, null, values);
        }

        public static Attribute ints(String name, int... values) {
            return ints(name, java.util.Arrays.stream(values).asLongStream().toArray());
        }

        public static Attribute floating(String name, double value) {
            return new Attribute(name, 1, (float) value, 0, "", null, null, null);
        }

        public static Attribute string(String name, String value) {
            return new Attribute(name, 3, 0, 0, value, null, null, null);
        }
    }

    /**
     * A constant tensor. {@code values} holds the data as doubles in C order (ONNX float, double and
     * integer types); {@code externalLocation} is set when the data lives in another file.
     */
    public record Tensor(String name, long[] dims, int dataType, double[] values) {

        public long length() {
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            return n;
        }

        public float[] floats() {
            float[] out = new float[values.length];
            for (int k = 0; k < out.length; k++) {
                out[k] = (float) values[k];
            }
            return out;
        }

        public long[] longs() {
            long[] out = new long[values.length];
            for (int k = 0; k < out.length; k++) {
                out[k] = (long) values[k];
            }
            return out;
        }
    }

    /** A graph input or output: name and dimensions ({@code -1} for a symbolic or missing one). */
    public record ValueInfo(String name, long[] dims, List<String> dimNames) {

        public ValueInfo {
            dimNames = List.copyOf(dimNames);
        }
    }
}
