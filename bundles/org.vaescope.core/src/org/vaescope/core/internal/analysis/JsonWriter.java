package org.vaescope.core.internal.analysis;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * A fluent streaming JSON writer over Jackson's generator, producing compact JSON. Non-finite
 * doubles are written as {@code null} because JSON has no NaN or infinity. Misuse (a value where a
 * name is required, unbalanced ends) throws {@link IllegalStateException}.
 */
public final class JsonWriter {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final StringWriter text = new StringWriter();
    private final JsonGenerator out;

    public JsonWriter() {
        try {
            out = FACTORY.createGenerator(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One step of the generator; its structural errors become {@link IllegalStateException}. */
    private interface Step {
        void write() throws IOException;
    }

    private JsonWriter emit(Step step) {
        try {
            step.write();
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return this;
    }

    /** Opens an object. */
    public JsonWriter beginObject() {
        return emit(out::writeStartObject);
    }

    /** Closes the innermost object. */
    public JsonWriter endObject() {
        return emit(out::writeEndObject);
    }

    /** Opens an array. */
    public JsonWriter beginArray() {
        return emit(out::writeStartArray);
    }

    /** Closes the innermost array. */
    public JsonWriter endArray() {
        return emit(out::writeEndArray);
    }

    /** Writes a member name inside an object; a value must follow. */
    public JsonWriter name(String name) {
        return emit(() -> out.writeFieldName(name));
    }

    /** Writes a string, or {@code null}. */
    public JsonWriter value(String value) {
        return emit(() -> out.writeString(value));
    }

    /** Writes a number ({@code null} if not finite). */
    public JsonWriter value(double value) {
        return Double.isFinite(value) ? emit(() -> out.writeNumber(value)) : nullValue();
    }

    /** Writes an integer. */
    public JsonWriter value(long value) {
        return emit(() -> out.writeNumber(value));
    }

    /** Writes a boolean. */
    public JsonWriter value(boolean value) {
        return emit(() -> out.writeBoolean(value));
    }

    /** Writes {@code null}. */
    public JsonWriter nullValue() {
        return emit(out::writeNull);
    }

    /** Writes a complete JSON document produced elsewhere as this value, unchanged. */
    public JsonWriter rawValue(String json) {
        return emit(() -> out.writeRawValue(json));
    }

    /** Shorthand for {@code name(name).value(value)}. */
    public JsonWriter member(String name, String value) {
        return name(name).value(value);
    }

    /** Shorthand for {@code name(name).value(value)}. */
    public JsonWriter member(String name, double value) {
        return name(name).value(value);
    }

    /** Shorthand for {@code name(name).value(value)}. */
    public JsonWriter member(String name, long value) {
        return name(name).value(value);
    }

    /** Shorthand for {@code name(name).value(value)}. */
    public JsonWriter member(String name, boolean value) {
        return name(name).value(value);
    }

    /** The JSON text; every object and array must be closed. */
    public String toJson() {
        if (!out.getOutputContext().inRoot()) {
            throw new IllegalStateException("unclosed JSON object or array");
        }
        emit(out::flush);
        return text.toString();
    }
}
