package org.vaescope.core.internal.imports;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vaescope.core.internal.imports.OnnxGraph.Attribute;
import org.vaescope.core.internal.imports.OnnxGraph.Node;
import org.vaescope.core.internal.imports.OnnxGraph.Tensor;
import org.vaescope.core.internal.imports.OnnxGraph.ValueInfo;

/**
 * Decodes an ONNX model file with protobuf's wire-level reader, following the field numbers of
 * the published ONNX schema ({@code onnx.proto}); unknown fields are skipped. Tensors with
 * external data are read from the file the model names, relative to the model's folder.
 */
public final class OnnxReader {

    private static final int FLOAT = 1;
    private static final int UINT8 = 2;
    private static final int INT8 = 3;
    private static final int INT32 = 6;
    private static final int INT64 = 7;
    private static final int BOOL = 9;
    private static final int DOUBLE = 11;

    private final Path folder;

    private OnnxReader(Path folder) {
        this.folder = folder;
    }

    /** Reads the main graph of the ONNX model in {@code file}. */
    public static OnnxGraph read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Path folder = file.toAbsolutePath().getParent();
        try {
            return new OnnxReader(folder).model(CodedInputStream.newInstance(bytes));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new GraphException("is not a complete ONNX model (" + e.getMessage()
                    + "); the file may be truncated or not ONNX at all", e);
        }
    }

    private OnnxGraph model(CodedInputStream in) throws IOException {
        long opset = -1;
        OnnxGraph graph = null;
        boolean sawIrVersion = false;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> {
                    in.readInt64();
                    sawIrVersion = true;
                }
                case 7 -> graph = graph(in.readBytes().newCodedInput());
                case 8 -> {
                    long[] domainAndVersion = opsetImport(in.readBytes().newCodedInput());
                    if (domainAndVersion[0] == 0) {
                        opset = domainAndVersion[1];
                    }
                }
                default -> in.skipField(tag);
            }
        }
        if (graph == null || !sawIrVersion) {
            throw new GraphException("holds no ONNX graph (no ir_version or graph field); "
                    + "it is not an ONNX model or it is truncated");
        }
        return new OnnxGraph(opset, graph.nodes(), graph.initializers(), graph.inputs(), graph.outputs());
    }

    /** [0 if the default domain else 1, version]. */
    private static long[] opsetImport(CodedInputStream in) throws IOException {
        String domain = "";
        long version = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> domain = in.readStringRequireUtf8();
                case 2 -> version = in.readInt64();
                default -> in.skipField(tag);
            }
        }
        boolean standard = domain.isEmpty() || domain.equals("ai.onnx");
        return new long[] {standard ? 0 : 1, version};
    }

    private OnnxGraph graph(CodedInputStream in) throws IOException {
        List<Node> nodes = new ArrayList<>();
        Map<String, Tensor> initializers = new LinkedHashMap<>();
        List<ValueInfo> inputs = new ArrayList<>();
        List<ValueInfo> outputs = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> nodes.add(node(in.readBytes().newCodedInput()));
                case 5 -> {
                    Tensor t = tensor(in.readBytes().newCodedInput());
                    initializers.put(t.name(), t);
                }
                case 11 -> inputs.add(valueInfo(in.readBytes().newCodedInput()));
                case 12 -> outputs.add(valueInfo(in.readBytes().newCodedInput()));
                default -> in.skipField(tag);
            }
        }
        inputs.removeIf(v -> initializers.containsKey(v.name()));
        return new OnnxGraph(-1, nodes, initializers, inputs, outputs);
    }

    private Node node(CodedInputStream in) throws IOException {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String name = "";
        String opType = "";
        String domain = "";
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> inputs.add(in.readStringRequireUtf8());
                case 2 -> outputs.add(in.readStringRequireUtf8());
                case 3 -> name = in.readStringRequireUtf8();
                case 4 -> opType = in.readStringRequireUtf8();
                case 5 -> {
                    Attribute a = attribute(in.readBytes().newCodedInput());
                    attributes.put(a.name(), a);
                }
                case 7 -> domain = in.readStringRequireUtf8();
                default -> in.skipField(tag);
            }
        }
        return new Node(name, opType, domain, inputs, outputs, attributes);
    }

    private Attribute attribute(CodedInputStream in) throws IOException {
        String name = "";
        int type = 0;
        float f = 0;
        long i = 0;
        String s = null;
        Tensor t = null;
        List<Float> floats = new ArrayList<>();
        List<Long> ints = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            boolean packed = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
            switch (field) {
                case 1 -> name = in.readStringRequireUtf8();
                case 2 -> f = in.readFloat();
                case 3 -> i = in.readInt64();
                case 4 -> s = in.readBytes().toStringUtf8();
                case 5 -> t = tensor(in.readBytes().newCodedInput());
                case 7 -> readFloats(in, packed, floats);
                case 8 -> readLongs(in, packed, ints);
                case 20 -> type = in.readInt32();
                default -> in.skipField(tag);
            }
        }
        float[] floatArray = new float[floats.size()];
        for (int k = 0; k < floatArray.length; k++) {
            floatArray[k] = floats.get(k);
        }
        return new Attribute(name, type, f, i, s, t, floatArray, ints.stream().mapToLong(Long::longValue).toArray());
    }

    private Tensor tensor(CodedInputStream in) throws IOException {
        List<Long> dims = new ArrayList<>();
        int dataType = 0;
        String name = "";
        List<Float> floatData = new ArrayList<>();
        List<Long> intData = new ArrayList<>();
        List<Double> doubleData = new ArrayList<>();
        ByteString raw = null;
        Map<String, String> external = new LinkedHashMap<>();
        boolean externalLocation = false;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            boolean packed = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> readLongs(in, packed, dims);
                case 2 -> dataType = in.readInt32();
                case 4 -> readFloats(in, packed, floatData);
                case 5, 7 -> readLongs(in, packed, intData);
                case 8 -> name = in.readStringRequireUtf8();
                case 9 -> raw = in.readBytes();
                case 10 -> readDoubles(in, packed, doubleData);
                case 13 -> stringEntry(in.readBytes().newCodedInput(), external);
                case 14 -> externalLocation = in.readEnum() == 1;
                default -> in.skipField(tag);
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        if (externalLocation) {
            raw = externalData(name, external);
        }
        double[] values = raw != null ? decodeRaw(name, dataType, raw)
                : !floatData.isEmpty() ? floatData.stream().mapToDouble(Float::doubleValue).toArray()
                : !doubleData.isEmpty() ? doubleData.stream().mapToDouble(Double::doubleValue).toArray()
                : intData.stream().mapToDouble(Long::doubleValue).toArray();
        Tensor tensor = new Tensor(name, shape, dataType, values);
        if (values.length != tensor.length()) {
            throw new GraphException("tensor '" + name + "' declares " + tensor.length() + " values but holds "
                    + values.length + "; the file may be truncated");
        }
        return tensor;
    }

    private ByteString externalData(String tensor, Map<String, String> entries) throws IOException {
        String location = entries.get("location");
        if (location == null) {
            throw new GraphException("tensor '" + tensor + "' has external data without a location");
        }
        Path file = folder.resolve(location).normalize();
        if (!Files.isRegularFile(file)) {
            throw new GraphException("tensor '" + tensor + "' keeps its data in '" + location
                    + "', which is missing (looked for " + file + "); copy it next to the model");
        }
        long offset = Long.parseLong(entries.getOrDefault("offset", "0"));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = entries.containsKey("length") ? Long.parseLong(entries.get("length"))
                    : channel.size() - offset;
            if (offset + length > channel.size()) {
                throw new GraphException("tensor '" + tensor + "' wants bytes " + offset + ".." + (offset + length)
                        + " of '" + location + "', which has only " + channel.size());
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) length);
            channel.read(buffer, offset);
            buffer.flip();
            return ByteString.copyFrom(buffer);
        }
    }

    private static double[] decodeRaw(String tensor, int dataType, ByteString raw) {
        ByteBuffer bytes = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        int width = switch (dataType) {
            case FLOAT, INT32 -> 4;
            case INT64, DOUBLE -> 8;
            case UINT8, INT8, BOOL -> 1;
            default -> throw new GraphException("tensor '" + tensor + "' has ONNX data type " + dataType
                    + ", which VAEScope does not read (float, double, int8/32/64, uint8, bool)");
        };
        double[] values = new double[raw.size() / width];
        for (int k = 0; k < values.length; k++) {
            values[k] = switch (dataType) {
                case FLOAT -> bytes.getFloat();
                case INT32 -> bytes.getInt();
                case INT64 -> bytes.getLong();
                case DOUBLE -> bytes.getDouble();
                case UINT8, BOOL -> bytes.get() & 0xff;
                default -> bytes.get();
            };
        }
        return values;
    }

    private static void stringEntry(CodedInputStream in, Map<String, String> into) throws IOException {
        String key = "";
        String value = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> key = in.readStringRequireUtf8();
                case 2 -> value = in.readStringRequireUtf8();
                default -> in.skipField(tag);
            }
        }
        into.put(key, value);
    }

    private static ValueInfo valueInfo(CodedInputStream in) throws IOException {
        String name = "";
        List<Long> dims = new ArrayList<>();
        List<String> dimNames = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> name = in.readStringRequireUtf8();
                case 2 -> tensorType(in.readBytes().newCodedInput(), dims, dimNames);
                default -> in.skipField(tag);
            }
        }
        return new ValueInfo(name, dims.stream().mapToLong(Long::longValue).toArray(), dimNames);
    }

    /** TypeProto.tensor_type (1) → Tensor.shape (2) → TensorShapeProto.dim (1). */
    private static void tensorType(CodedInputStream in, List<Long> dims, List<String> dimNames) throws IOException {
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) != 1) {
                in.skipField(tag);
                continue;
            }
            CodedInputStream tensor = in.readBytes().newCodedInput();
            for (int t = tensor.readTag(); t != 0; t = tensor.readTag()) {
                if (WireFormat.getTagFieldNumber(t) != 2) {
                    tensor.skipField(t);
                    continue;
                }
                CodedInputStream shape = tensor.readBytes().newCodedInput();
                for (int s = shape.readTag(); s != 0; s = shape.readTag()) {
                    if (WireFormat.getTagFieldNumber(s) == 1) {
                        dimension(shape.readBytes().newCodedInput(), dims, dimNames);
                    } else {
                        shape.skipField(s);
                    }
                }
            }
        }
    }

    private static void dimension(CodedInputStream in, List<Long> dims, List<String> dimNames) throws IOException {
        long value = -1;
        String param = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> value = in.readInt64();
                case 2 -> param = in.readStringRequireUtf8();
                default -> in.skipField(tag);
            }
        }
        dims.add(value);
        dimNames.add(param);
    }

    private interface Element<T> {
        T read(CodedInputStream in) throws IOException;
    }

    /** One element of a repeated scalar field, or all of them when the field is packed. */
    private static <T> void readRepeated(CodedInputStream in, boolean packed, List<T> into, Element<T> element)
            throws IOException {
        if (!packed) {
            into.add(element.read(in));
            return;
        }
        int limit = in.pushLimit(in.readRawVarint32());
        while (in.getBytesUntilLimit() > 0) {
            into.add(element.read(in));
        }
        in.popLimit(limit);
    }

    private static void readLongs(CodedInputStream in, boolean packed, List<Long> into) throws IOException {
        readRepeated(in, packed, into, CodedInputStream::readInt64);
    }

    private static void readFloats(CodedInputStream in, boolean packed, List<Float> into) throws IOException {
        readRepeated(in, packed, into, CodedInputStream::readFloat);
    }

    private static void readDoubles(CodedInputStream in, boolean packed, List<Double> into) throws IOException {
        readRepeated(in, packed, into, CodedInputStream::readDouble);
    }
}
