package org.vaescope.script.source;

import java.util.Arrays;

/** Converts 0-based offsets into 1-based lines and columns. */
public final class LineMap {

    private final int[] lineStarts;
    private final int textLength;

    public LineMap(String text) {
        int[] starts = new int[16];
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, count);
        this.textLength = text.length();
    }

    /** 1-based line of an offset (clamped to the text). */
    public int line(int offset) {
        int clamped = Math.max(0, Math.min(offset, textLength));
        int index = Arrays.binarySearch(lineStarts, clamped);
        return index >= 0 ? index + 1 : -index - 1;
    }

    /** 1-based column of an offset (clamped to the text). */
    public int column(int offset) {
        int clamped = Math.max(0, Math.min(offset, textLength));
        return clamped - lineStarts[line(clamped) - 1] + 1;
    }

    public int textLength() {
        return textLength;
    }
}
