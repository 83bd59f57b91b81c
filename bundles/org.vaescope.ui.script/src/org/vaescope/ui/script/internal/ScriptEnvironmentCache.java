package org.vaescope.ui.script.internal;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.vaescope.core.interpreter.ScriptEnvironments;
import org.vaescope.core.interpreter.ScriptRunner;
import org.vaescope.script.ScriptEnvironment;
import org.vaescope.script.ast.ParseResult;
import org.vaescope.script.ast.Script;
import org.vaescope.script.ast.Statement;
import org.vaescope.script.diagnostics.ScriptChecker;
import org.vaescope.script.parser.ScriptParser;
import org.vaescope.script.source.Diagnostic;

/**
 * The model-aware {@link ScriptEnvironment} of each script file, loaded by the engine in a background
 * job and cached per file. The key of an entry is what the environment depends on: the text of the
 * script's model and dataset statements and the modification times of the files they name, so an
 * edit of those lines or a new model file on disk reloads it. Until a load finishes, callers get the
 * previous environment (or the language alone) at once: the editor never waits for a model. A load also
 * runs the engine's preflight (does each model load, does the dataset's image size match), whose problems
 * {@link #check} adds to the checker's.
 */
public final class ScriptEnvironmentCache {

    /** The job family of environment loads (tests join it). */
    public static final Object LOAD_FAMILY = new Object();

    private static final ScriptEnvironmentCache INSTANCE = new ScriptEnvironmentCache();

    private final Map<Path, Entry> entries = new ConcurrentHashMap<>();
    private final List<Consumer<Path>> listeners = new CopyOnWriteArrayList<>();

    private record Entry(String key, ScriptEnvironment environment, LoadProblems loadProblems) {
    }

    public static ScriptEnvironmentCache get() {
        return INSTANCE;
    }

    /**
     * The best environment known now for this script text, without waiting; schedules a load when the
     * model or dataset the text names changed. Cheap enough for every reconcile (no parsing of models).
     */
    public ScriptEnvironment environment(Path scriptFile, String text) {
        String key = key(scriptFile, text);
        Entry entry = entries.get(scriptFile);
        if (entry == null || !entry.key().equals(key)) {
            scheduleLoad(scriptFile, text, key);
        }
        return entry == null ? ScriptEnvironment.languageOnly() : entry.environment();
    }

    /**
     * The environment last loaded for this script, or the language alone; no parsing, no I/O (for the
     * UI thread: content assist and hover). The reconciler keeps it current with {@link #environment}.
     */
    public ScriptEnvironment current(Path scriptFile) {
        Entry entry = entries.get(scriptFile);
        return entry == null ? ScriptEnvironment.languageOnly() : entry.environment();
    }

    /** The environment for this text, loading it in the calling thread when it is not cached (jobs only). */
    public ScriptEnvironment environmentNow(Path scriptFile, String text) {
        String key = key(scriptFile, text);
        Entry entry = entries.get(scriptFile);
        if (entry != null && entry.key().equals(key)) {
            return entry.environment();
        }
        return load(scriptFile, text, key);
    }

    /**
     * The checker's diagnostics of a parse with this environment and, when it finds no error, the problems
     * the engine found loading this text's models and dataset (only once loaded for exactly these model and
     * dataset statements and files: no I/O here).
     */
    public List<Diagnostic> check(Path scriptFile, ParseResult parsed, ScriptEnvironment env) {
        List<Diagnostic> diagnostics = ScriptChecker.check(parsed, env);
        Entry entry = scriptFile == null ? null : entries.get(scriptFile);
        if (entry == null || diagnostics.stream().anyMatch(Diagnostic::isError)
                || !entry.key().equals(key(scriptFile, parsed.text()))) {
            return diagnostics;
        }
        List<Diagnostic> all = new ArrayList<>(diagnostics);
        all.addAll(entry.loadProblems().in(parsed));
        return all;
    }

    /** Calls the listener with the script file whenever a load for it finished. */
    public void addListener(Consumer<Path> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<Path> listener) {
        listeners.remove(listener);
    }

    private void scheduleLoad(Path scriptFile, String text, String key) {
        Job job = new Job("Loading the model of " + scriptFile.getFileName()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                load(scriptFile, text, key);
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == LOAD_FAMILY;
            }
        };
        job.setSystem(true);
        job.setRule(new LoadRule(scriptFile));
        job.schedule();
    }

    private ScriptEnvironment load(Path scriptFile, String text, String key) {
        Entry current = entries.get(scriptFile);
        if (current != null && current.key().equals(key)) {
            return current.environment();
        }
        ScriptEnvironment loaded = ScriptEnvironments.forScript(scriptFile, text,
                ScriptRunner.defaultOutputFolder(scriptFile));
        LoadProblems problems = LoadProblems.find(scriptFile, text, ScriptParser.parse(text));
        entries.put(scriptFile, new Entry(key, loaded, problems));
        listeners.forEach(listener -> listener.accept(scriptFile));
        return loaded;
    }

    /** The model and dataset statements' text, with the modification time of each file they name. */
    static String key(Path scriptFile, String text) {
        Script script = ScriptParser.parse(text).script();
        StringBuilder key = new StringBuilder();
        Path folder = scriptFile.toAbsolutePath().getParent();
        for (Statement.Model model : script.models()) {
            appendFile(key, folder, model.path().value());
        }
        script.dataset().ifPresent(dataset -> {
            key.append(text, dataset.span().offset(), dataset.span().end()).append('\n');
            if (dataset instanceof Statement.FileDataset file) {
                appendFile(key, folder, file.path().value());
            }
        });
        return key.toString();
    }

    private static void appendFile(StringBuilder key, Path folder, String name) {
        File file = folder.resolve(name).toFile();
        key.append(name).append('@').append(file.lastModified()).append('\n');
    }

    /** One load per script at a time. */
    private record LoadRule(Path scriptFile) implements org.eclipse.core.runtime.jobs.ISchedulingRule {
        @Override
        public boolean contains(org.eclipse.core.runtime.jobs.ISchedulingRule rule) {
            return equals(rule);
        }

        @Override
        public boolean isConflicting(org.eclipse.core.runtime.jobs.ISchedulingRule rule) {
            return equals(rule);
        }
    }

    /** For tests: forget every cached environment. */
    public void clear() {
        entries.clear();
    }
}
