package org.vaescope.core.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * How many bytes one input may take in memory, checked before a reader allocates what a file declares.
 * ND4J allocates off the Java heap, so {@code -Xmx} alone does not bound it: the default budget is half
 * of the machine's physical memory, and no more than the Java heap for arrays read onto the heap. Set
 * {@code -Dvaescope.memoryBudget=SIZE} (bytes, or with a suffix k, m, g) to choose another.
 */
public final class MemoryBudget {

    public static final String PROPERTY = "vaescope.memoryBudget";

    private MemoryBudget() {
    }

    /** The budget in bytes. */
    public static long bytes() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return parse(configured.strip());
        }
        return Math.min(physicalMemory() / 2, Runtime.getRuntime().maxMemory() / 10 * 8);
    }

    /**
     * @param bytes what the input would need, from its declared sizes (Long.MAX_VALUE when that overflows)
     * @param what  what would be loaded, naming the file, e.g. "data.npy: an array of shape [2000000000, 4]"
     * @throws IllegalStateException saying how much is needed and how much is allowed
     */
    public static void require(long bytes, String what) {
        long budget = bytes();
        if (bytes > budget) {
            throw new IllegalStateException(what + " would need " + size(bytes) + " in memory but the budget is "
                    + size(budget) + " — use a smaller input, or raise the budget with -D" + PROPERTY + "=SIZE");
        }
    }

    /** {@code a * b * ...}, or Long.MAX_VALUE when the product overflows or a factor is negative. */
    public static long product(long... factors) {
        long result = 1;
        for (long f : factors) {
            if (f < 0) {
                return Long.MAX_VALUE;
            }
            try {
                result = Math.multiplyExact(result, f);
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE;
            }
        }
        return result;
    }

    static String size(long bytes) {
        if (bytes == Long.MAX_VALUE) {
            return "more than 8 EiB";
        }
        if (bytes < 1 << 20) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        if (bytes < 1L << 30) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
        }
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    /** A size as {@code -D}{@value #PROPERTY} takes it, in bytes; IllegalArgumentException when it is none. */
    public static long parse(String text) {
        char suffix = Character.toLowerCase(text.charAt(text.length() - 1));
        int shift = switch (suffix) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        String digits = shift == 0 ? text : text.substring(0, text.length() - 1);
        try {
            return Math.multiplyExact(Long.parseLong(digits.strip()), 1L << shift);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + text + " is not a size — write bytes or a "
                    + "number with k, m or g, e.g. 4g");
        }
    }

    /** MemTotal of {@code /proc/meminfo} (the platform VAEScope's natives run on), else the Java heap limit. */
    private static long physicalMemory() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
            return lines.filter(l -> l.startsWith("MemTotal:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024)
                    .orElse(Runtime.getRuntime().maxMemory());
        } catch (IOException | NumberFormatException e) {
            return Runtime.getRuntime().maxMemory();
        }
    }
}
