package org.vaescope.ui.internal.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The analyses open in the workbench, in the order they were opened; the last one is current. The
 * views draw the current analysis; the Metrics view shows all of them side by side. UI thread only.
 */
public final class AnalysisRegistry {

    private static final AnalysisRegistry INSTANCE = new AnalysisRegistry();

    private final List<Analysis> open = new ArrayList<>();
    private final List<Consumer<AnalysisRegistry>> listeners = new CopyOnWriteArrayList<>();

    public static AnalysisRegistry get() {
        return INSTANCE;
    }

    /** Makes the analysis current, replacing an older reading of the same file. */
    public void show(Analysis analysis) {
        if (analysis == current()) {
            return;
        }
        open.removeIf(a -> a.file().equals(analysis.file()));
        open.add(analysis);
        fire();
    }

    /** Forgets the analysis of this file (its editor closed). */
    public void close(java.nio.file.Path file) {
        if (open.removeIf(a -> a.file().equals(file))) {
            fire();
        }
    }

    /** The current analysis, or null. */
    public Analysis current() {
        return open.isEmpty() ? null : open.get(open.size() - 1);
    }

    /** All open analyses, oldest first. */
    public List<Analysis> all() {
        return List.copyOf(open);
    }

    public void addListener(Consumer<AnalysisRegistry> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<AnalysisRegistry> listener) {
        listeners.remove(listener);
    }

    private void fire() {
        listeners.forEach(l -> l.accept(this));
    }
}
