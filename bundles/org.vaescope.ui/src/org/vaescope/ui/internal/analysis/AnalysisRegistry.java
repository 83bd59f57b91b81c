package org.vaescope.ui.internal.analysis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.core.runtime.Status;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.statushandlers.StatusManager;

/**
 * The analyses open in the workbench, in the order they were opened; the last one is current. The
 * views draw the current analysis; the Metrics view shows all of them side by side. UI thread only.
 */
public final class AnalysisRegistry {

    private static final AnalysisRegistry INSTANCE = new AnalysisRegistry();

    private final List<Analysis> open = new ArrayList<>();
    private final Map<Path, Analysis> ready = new HashMap<>();
    private final Set<Path> restoring = new HashSet<>();
    private final List<Consumer<AnalysisRegistry>> listeners = new CopyOnWriteArrayList<>();
    private final Set<Path> analysing = new HashSet<>();
    private final List<Recipient> recipients = new CopyOnWriteArrayList<>();

    /** An editor waiting for fresh analyses of its file. */
    public interface Recipient {
        /** A run that will write this file started. */
        void started(Path file);

        /**
         * A run that writes this file ended: with its analysis, or with null when it was cancelled or
         * failed. Returns whether the recipient took it.
         */
        boolean delivered(Path file, Analysis analysis);
    }

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
    public void close(Path file) {
        if (open.removeIf(a -> a.file().equals(file))) {
            fire();
        }
    }

    /**
     * Keeps an analysis read off the UI thread for the editor that opens its file next, so the
     * editor need not read it again.
     */
    private void offer(Analysis analysis) {
        ready.put(analysis.file(), analysis);
    }

    /** A run that will write this file has started. */
    public void analysing(Path file) {
        analysing.add(file);
        recipients.forEach(recipient -> recipient.started(file));
        if (current() == null) { // only an empty view's message changes; drawing a shown analysis again is waste
            fire();
        }
    }

    /** Whether a run that will write an analysis is under way. */
    public boolean isAnalysing() {
        return !analysing.isEmpty();
    }

    /** Whether a run that will write this file is under way. */
    public boolean isAnalysing(Path file) {
        return analysing.contains(file);
    }

    /**
     * The run that was writing this file ended, with its analysis (read off the UI thread) or null.
     * The editors of the file get it; if none takes it, it waits for the editor that opens next.
     */
    public void deliver(Path file, Analysis analysis) {
        analysing.remove(file);
        if (analysis == null && current() == null) { // a delivered analysis is shown by its editor, which tells the views
            fire();
        }
        boolean taken = false;
        for (Recipient recipient : recipients) {
            taken |= recipient.delivered(file, analysis);
        }
        if (!taken && analysis != null) {
            offer(analysis);
        }
    }

    public void addRecipient(Recipient recipient) {
        recipients.add(recipient);
    }

    public void removeRecipient(Recipient recipient) {
        recipients.remove(recipient);
    }

    /** The analysis of this file offered and not yet taken, or null. */
    public Analysis take(Path file) {
        return ready.remove(file);
    }

    /**
     * After a restart: reads the analysis a view showed last, in a job, and makes it current unless
     * another analysis became current meanwhile. Several views asking for one file read it once.
     */
    public void restore(Path file, Display display) {
        if (current() != null || !Files.isRegularFile(file) || !restoring.add(file)) {
            return;
        }
        new ReadAnalysisJob(file, display, analysis -> {
            restoring.remove(file);
            if (current() == null) {
                show(analysis);
            }
        }, e -> {
            restoring.remove(file);
            StatusManager.getManager().handle(Status.warning("The last analysis shown cannot be restored: "
                    + e.getMessage()), StatusManager.LOG);
        }).schedule();
    }

    /** The analysis of this file among the open ones, or null. */
    public Analysis find(Path file) {
        return open.stream().filter(a -> a.file().equals(file)).findFirst().orElse(null);
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

    /**
     * Tells each listener in an event of its own, so that the views' updates are staggered and input
     * and paint events get through between them; a listener removed meanwhile is not told.
     */
    private void fire() {
        Display display = Display.getCurrent();
        if (display == null) {
            throw new IllegalStateException("the analysis registry is used on the UI thread only");
        }
        for (Consumer<AnalysisRegistry> listener : listeners) {
            display.asyncExec(() -> {
                if (listeners.contains(listener)) {
                    listener.accept(this);
                }
            });
        }
    }
}
