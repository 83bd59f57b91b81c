package org.vaescope.script.internal;

/**
 * One lexical token. For strings, {@code value} is the content with escapes resolved and
 * {@code terminated} tells whether the closing quote was found; for other tokens value == text.
 */
public record Token(TokenKind kind, String text, String value, int offset, int length, boolean terminated) {

    public int end() {
        return offset + length;
    }

    /** Token text as shown in messages. */
    public String describe() {
        return switch (kind) {
            case NEWLINE -> "end of line";
            case EOF, CARET -> "end of text";
            default -> "'" + text + "'";
        };
    }
}
