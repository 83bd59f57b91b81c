package org.vaescope.core.internal.learn;

import java.util.Iterator;
import java.util.Map;

import org.vaescope.core.internal.json.JsonText;

/**
 * A minimal JSON writer for metric results (no JSON library is available in the core bundle).
 * Supports {@code null}, {@link String}, {@link Boolean}, {@link Number}, {@link Map} (keys written
 * with {@code toString()}), {@link Iterable}, primitive {@code double[]}, {@code int[]},
 * {@code long[]}, {@code boolean[]} and {@code Object[]} (hence nested arrays such as
 * {@code double[][]}). Non-finite doubles are written as {@code null} because JSON has no
 * NaN or infinity.
 */
public final class Json {

    private Json() {
    }

    /** Serialises {@code value} to compact JSON text. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    private static void append(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            appendString(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Double || value instanceof Float) {
            appendDouble(out, ((Number) value).doubleValue());
        } else if (value instanceof Number n) {
            out.append(n.toString());
        } else if (value instanceof Map<?, ?> map) {
            appendMap(out, map);
        } else if (value instanceof Iterable<?> items) {
            appendIterator(out, items.iterator());
        } else if (value instanceof double[] a) {
            out.append('[');
            for (int i = 0; i < a.length; i++) {
                if (i > 0) out.append(',');
                appendDouble(out, a[i]);
            }
            out.append(']');
        } else if (value instanceof int[] a) {
            out.append('[');
            for (int i = 0; i < a.length; i++) {
                if (i > 0) out.append(',');
                out.append(a[i]);
            }
            out.append(']');
        } else if (value instanceof long[] a) {
            out.append('[');
            for (int i = 0; i < a.length; i++) {
                if (i > 0) out.append(',');
                out.append(a[i]);
            }
            out.append(']');
        } else if (value instanceof boolean[] a) {
            out.append('[');
            for (int i = 0; i < a.length; i++) {
                if (i > 0) out.append(',');
                out.append(a[i]);
            }
            out.append(']');
        } else if (value instanceof Object[] a) {
            appendIterator(out, java.util.Arrays.asList(a).iterator());
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private static void appendMap(StringBuilder out, Map<?, ?> map) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!first) out.append(',');
            first = false;
            appendString(out, String.valueOf(entry.getKey()));
            out.append(':');
            append(out, entry.getValue());
        }
        out.append('}');
    }

    private static void appendIterator(StringBuilder out, Iterator<?> items) {
        out.append('[');
        boolean first = true;
        while (items.hasNext()) {
            if (!first) out.append(',');
            first = false;
            append(out, items.next());
        }
        out.append(']');
    }

    private static void appendDouble(StringBuilder out, double d) {
        JsonText.appendNumber(out, d);
    }

    private static void appendString(StringBuilder out, String s) {
        JsonText.appendString(out, s);
    }
}
