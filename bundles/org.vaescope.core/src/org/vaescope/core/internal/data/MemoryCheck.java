package org.vaescope.core.internal.data;

/** Refuses, with a clear message, to load more image data than the Java heap can hold. */
public final class MemoryCheck {

    private MemoryCheck() {
    }

    /**
     * @throws IllegalStateException if {@code bytes} exceeds 80% of the maximum heap
     */
    public static void require(long bytes, String what) {
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max / 10 * 8) {
            throw new IllegalStateException(what + " need " + (bytes >> 20) + " MiB in memory but the Java heap is limited to "
                    + (max >> 20) + " MiB; raise -Xmx or use a smaller file");
        }
    }
}
