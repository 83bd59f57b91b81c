package org.vaescope.core.internal.analysis;

/** Quoting for Graphviz DOT identifiers and labels. */
public final class DotText {

    private DotText() {
    }

    /**
     * {@code text} as a double-quoted DOT string: backslashes and quotes are escaped, line breaks
     * become the DOT centred line break {@code \n}, other control characters become spaces.
     */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> { }
                default -> out.append(c < 0x20 ? ' ' : c);
            }
        }
        return out.append('"').toString();
    }
}
