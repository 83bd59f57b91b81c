package org.vaescope.script.ast;

import org.vaescope.script.source.Span;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A selection of units (channels) of a hook point or of latent dimensions: either {@code all} or a
 * comma-separated list of indices and inclusive ranges, e.g. {@code 0..7, 12}.
 */
public record IndexSelection(boolean all, List<IndexRange> ranges, Span span) implements Node {

    public IndexSelection {
        ranges = List.copyOf(ranges);
    }

    /**
     * The selected indices in the order written, without duplicates.
     *
     * @param count the number of units (or latents) available; {@code all} selects {@code 0..count-1}
     * @throws IllegalArgumentException if a written index is not below {@code count}
     */
    public int[] resolve(int count) {
        if (all) {
            int[] indices = new int[count];
            for (int i = 0; i < count; i++) {
                indices[i] = i;
            }
            return indices;
        }
        Set<Integer> selected = new LinkedHashSet<>();
        for (IndexRange range : ranges) {
            if (range.last() >= count) {
                throw new IllegalArgumentException("index " + range.last() + " at offset " + range.span().offset()
                        + " is out of range 0.." + (count - 1));
            }
            for (int i = range.first(); i <= range.last(); i++) {
                selected.add(i);
            }
        }
        return selected.stream().mapToInt(Integer::intValue).toArray();
    }
}
