package org.vaescope.script.internal;

import java.util.Collection;
import java.util.Optional;

/** Edit distance and "did you mean" suggestions. */
public final class EditDistance {

    private EditDistance() {
    }

    /**
     * The edit distance between two strings: insertions, deletions, substitutions and swaps of two
     * adjacent characters each count 1 (optimal string alignment distance).
     */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /**
     * The candidate closest to {@code name}, if it is close enough to be a likely typo: at most a
     * third of the name's length (at least 1, at most 3 edits), comparing without case.
     */
    public static Optional<String> suggest(String name, Collection<String> candidates) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        int limit = Math.max(1, Math.min(3, name.length() / 3));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(lower, candidate.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    /** " did you mean 'x'?" or an empty string. */
    public static String didYouMean(String name, Collection<String> candidates) {
        return suggest(name, candidates).map(s -> "; did you mean '" + s + "'?").orElse("");
    }
}
