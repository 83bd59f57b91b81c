package org.vaescope.core.internal.json;

/**
 * The pieces of JSON text every writer in the core shares (the bundle has no JSON library):
 * escaped strings and numbers, with non-finite numbers as {@code null} since JSON has no NaN.
 */
public final class JsonText {

    private JsonText() {
    }

    /** Appends {@code text} as a quoted JSON string. */
    public static void appendString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Appends a number: whole values below 10¹⁵ as {@code 12.0} (never in exponent form), others as
     * {@link Double#toString}, non-finite ones as {@code null}.
     */
    public static void appendNumber(StringBuilder out, double value) {
        if (!Double.isFinite(value)) {
            out.append("null");
        } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.append((long) value).append(".0");
        } else {
            out.append(value);
        }
    }

    /** {@code text} as a quoted JSON string, or {@code null}. */
    public static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(text.length() + 2);
        appendString(out, text);
        return out.toString();
    }

    /** {@code value} as JSON number text. */
    public static String number(double value) {
        StringBuilder out = new StringBuilder();
        appendNumber(out, value);
        return out.toString();
    }
}
