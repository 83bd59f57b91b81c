package org.vaescope.metrics.internal.learn;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * Metric results as JSON (Jackson). Non-finite doubles are written as {@code null}: JSON has no
 * NaN or infinity, and an undefined metric must read back as missing, not as a string.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new SimpleModule("finite-doubles")
            .addSerializer(Double.class, new FiniteDouble())
            .addSerializer(double.class, new FiniteDouble())
            .addSerializer(double[].class, new FiniteDoubles()));

    private Json() {
    }

    /** Serialises maps, lists, arrays, strings, numbers and booleans to compact JSON text. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static void writeFinite(double value, JsonGenerator out) throws IOException {
        if (Double.isFinite(value)) {
            out.writeNumber(value);
        } else {
            out.writeNull();
        }
    }

    private static final class FiniteDouble extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator out, SerializerProvider provider) throws IOException {
            writeFinite(value, out);
        }
    }

    private static final class FiniteDoubles extends JsonSerializer<double[]> {
        @Override
        public void serialize(double[] values, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeStartArray(values, values.length);
            for (double v : values) {
                writeFinite(v, out);
            }
            out.writeEndArray();
        }
    }
}
