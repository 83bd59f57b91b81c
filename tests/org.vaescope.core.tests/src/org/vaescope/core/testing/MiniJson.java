package org.vaescope.core.testing;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads exported JSON in tests with Jackson: objects → Map, arrays → List, every number → Double,
 * so that assertions compare numbers alike whether the writer printed {@code 1} or {@code 1.0}.
 * Trailing content is an error, as it would be for any strict reader.
 */
public final class MiniJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private MiniJson() {
    }

    public static Object parse(String text) {
        try {
            return doubles(MAPPER.readValue(text, Object.class));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> array(Object value) {
        return (List<Object>) value;
    }

    private static Object doubles(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Map<?, ?> map) {
            object(map).replaceAll((key, v) -> doubles(v));
        } else if (value instanceof List<?> list) {
            array(list).replaceAll(MiniJson::doubles);
        }
        return value;
    }
}
