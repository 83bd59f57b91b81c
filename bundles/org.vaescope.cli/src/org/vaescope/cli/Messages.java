package org.vaescope.cli;

/** Text from files and users made safe for a terminal: control characters escaped, long tokens shortened. */
final class Messages {

    static final int LONGEST_TOKEN = 120;

    private Messages() {
    }

    /** {@code text} with control characters (except new lines and tabs) escaped and long tokens shortened. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder result = new StringBuilder(Math.min(text.length(), 4096));
        for (String token : text.split("(?<=\\s)|(?=\\s)")) {
            result.append(shortened(token));
        }
        return escaped(result.toString());
    }

    private static String shortened(String token) {
        if (token.length() <= LONGEST_TOKEN) {
            return token;
        }
        return token.substring(0, 60) + "…" + token.substring(token.length() - 40) + " (" + token.length()
                + " characters)";
    }

    static String escaped(String text) {
        StringBuilder result = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n' || c == '\t' || !Character.isISOControl(c) && !isFormatControl(c)) {
                result.appendCodePoint(c);
            } else {
                result.append(c < 0x100 ? String.format("\\x%02x", c) : String.format("\\u%04x", c));
            }
        });
        return result.toString();
    }

    /** Bidirectional overrides and similar invisible characters that can make a name read differently. */
    private static boolean isFormatControl(int c) {
        return Character.getType(c) == Character.FORMAT && c != 0x200d;
    }
}
