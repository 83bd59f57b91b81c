package org.vaescope.core.internal.imports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleBinaryOperator;
import org.vaescope.core.internal.imports.OnnxGraph.Node;
import org.vaescope.core.internal.imports.OnnxGraph.Tensor;

/**
 * Evaluates the small shape computations exporters emit (Shape → Gather → Unsqueeze → Concat,
 * arithmetic on sizes) at import time. The batch size is unknown until a run, so it is carried as
 * NaN: a Reshape target whose first entry is NaN keeps the batch axis; a NaN anywhere else is a
 * dynamic shape VAEScope cannot resolve.
 */
final class ConstantFolding {

    /** Operators evaluated here when every input is a constant (Shape: when its input's shape is known). */
    static final Set<String> FOLDED = Set.of("Shape", "Gather", "Unsqueeze", "Squeeze", "Concat", "Cast", "Add",
            "Sub", "Mul", "Div", "Identity");

    private static final int INT64 = 7;

    private ConstantFolding() {
    }

    /** The shape of an activation with per-sample shape {@code shape}, the batch as NaN (ONNX Shape). */
    static Tensor shapeOf(Node node, int[] shape) {
        double[] dims = new double[shape.length + 1];
        dims[0] = Double.NaN;
        for (int k = 0; k < shape.length; k++) {
            dims[k + 1] = shape[k];
        }
        int start = (int) normalize(node.intAttribute("start", 0), dims.length);
        int end = (int) normalize(node.intAttribute("end", dims.length), dims.length);
        return tensor(node, Arrays.copyOfRange(dims, start, Math.max(start, end)), INT64,
                Math.max(0, end - start));
    }

    /** Evaluates {@code node} on constant inputs ({@code null} entries for omitted optional inputs). */
    static Tensor fold(Node node, List<Tensor> inputs) {
        Tensor first = inputs.get(0);
        return switch (node.opType()) {
            case "Identity" -> first;
            case "Cast" -> new Tensor(node.outputs().get(0), first.dims(), (int) node.intAttribute("to", first.dataType()),
                    isInteger((int) node.intAttribute("to", 1)) ? truncate(first.values()) : first.values());
            case "Gather" -> gather(node, first, inputs.get(1));
            case "Unsqueeze", "Squeeze" -> reshapeAxes(node, first, inputs.size() > 1 ? inputs.get(1) : null);
            case "Concat" -> concat(node, inputs);
            case "Add" -> elementwise(node, inputs, Double::sum);
            case "Sub" -> elementwise(node, inputs, (a, b) -> a - b);
            case "Mul" -> elementwise(node, inputs, (a, b) -> a * b);
            case "Div" -> elementwise(node, inputs, (a, b) -> a / b);
            default -> throw new GraphException("node '" + node.label() + "' (" + node.opType()
                    + ") cannot be evaluated at import time");
        };
    }

    private static Tensor gather(Node node, Tensor data, Tensor indices) {
        if (data.dims().length != 1 || node.intAttribute("axis", 0) != 0) {
            throw new GraphException("node '" + node.label() + "' (Gather) picks from a tensor of shape "
                    + Arrays.toString(data.dims()) + "; VAEScope evaluates Gather only on 1-D shape values");
        }
        double[] values = new double[indices.values().length];
        for (int k = 0; k < values.length; k++) {
            values[k] = data.values()[(int) normalize((long) indices.values()[k], data.values().length)];
        }
        return new Tensor(node.outputs().get(0), indices.dims(), data.dataType(), values);
    }

    private static Tensor reshapeAxes(Node node, Tensor data, Tensor axesInput) {
        long[] axes = axesInput != null ? axesInput.longs() : node.intsAttribute("axes", new long[0]);
        List<Long> dims = new ArrayList<>();
        for (long d : data.dims()) {
            dims.add(d);
        }
        if (node.opType().equals("Unsqueeze")) {
            int rank = dims.size() + axes.length;
            long[] sorted = Arrays.stream(axes).map(a -> normalize(a, rank)).sorted().toArray();
            for (long a : sorted) {
                dims.add((int) a, 1L);
            }
        } else if (axes.length == 0) {
            dims.removeIf(d -> d == 1);
        } else {
            int rank = dims.size();
            long[] sorted = Arrays.stream(axes).map(a -> normalize(a, rank)).sorted().toArray();
            for (int k = sorted.length - 1; k >= 0; k--) {
                dims.remove((int) sorted[k]);
            }
        }
        return new Tensor(node.outputs().get(0), dims.stream().mapToLong(Long::longValue).toArray(), data.dataType(),
                data.values());
    }

    private static Tensor concat(Node node, List<Tensor> inputs) {
        List<Double> values = new ArrayList<>();
        for (Tensor t : inputs) {
            if (t.dims().length > 1) {
                throw new GraphException("node '" + node.label() + "' (Concat) joins constants of rank "
                        + t.dims().length + "; VAEScope evaluates Concat only on 1-D shape values");
            }
            for (double v : t.values()) {
                values.add(v);
            }
        }
        return tensor(node, values.stream().mapToDouble(Double::doubleValue).toArray(), inputs.get(0).dataType(),
                values.size());
    }

    private static Tensor elementwise(Node node, List<Tensor> inputs, DoubleBinaryOperator op) {
        Tensor a = inputs.get(0);
        Tensor b = inputs.get(1);
        Tensor longer = a.values().length >= b.values().length ? a : b;
        if (a.values().length != b.values().length && Math.min(a.values().length, b.values().length) != 1) {
            throw new GraphException("node '" + node.label() + "' (" + node.opType() + ") on constants of shapes "
                    + Arrays.toString(a.dims()) + " and " + Arrays.toString(b.dims()));
        }
        double[] values = new double[longer.values().length];
        for (int k = 0; k < values.length; k++) {
            values[k] = op.applyAsDouble(a.values()[a.values().length == 1 ? 0 : k],
                    b.values()[b.values().length == 1 ? 0 : k]);
        }
        boolean integer = isInteger(a.dataType());
        return new Tensor(node.outputs().get(0), longer.dims(), a.dataType(), integer ? truncate(values) : values);
    }

    private static Tensor tensor(Node node, double[] values, int dataType, int length) {
        return new Tensor(node.outputs().get(0), new long[] {length}, dataType, values);
    }

    private static boolean isInteger(int dataType) {
        return dataType >= 2 && dataType <= 7 || dataType == 12 || dataType == 13;
    }

    private static double[] truncate(double[] values) {
        double[] out = new double[values.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = Double.isNaN(values[k]) ? values[k] : (long) values[k];
        }
        return out;
    }

    private static long normalize(long axis, int rank) {
        return axis < 0 ? axis + rank : Math.min(axis, rank);
    }
}
