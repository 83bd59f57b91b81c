package org.vaescope.script.source;

/**
 * A range of characters in a script's text: {@code length} characters starting at the 0-based
 * {@code offset}.
 */
public record Span(int offset, int length) {

    public Span {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative span offset " + offset + " or length " + length);
        }
    }

    /** The offset just after the last character. */
    public int end() {
        return offset + length;
    }

    /** The smallest span covering both spans. */
    public Span union(Span other) {
        int start = Math.min(offset, other.offset);
        return new Span(start, Math.max(end(), other.end()) - start);
    }

    /** A span from {@code start} (inclusive) to {@code end} (exclusive). */
    public static Span between(int start, int end) {
        return new Span(start, Math.max(0, end - start));
    }
}
