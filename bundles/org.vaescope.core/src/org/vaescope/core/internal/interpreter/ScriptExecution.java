package org.vaescope.core.internal.interpreter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;

import org.vaescope.core.data.Datasets;
import org.vaescope.core.data.FactorDataset;
import org.vaescope.script.source.LineMap;
import org.vaescope.core.interpreter.run.OutputFile;
import org.vaescope.core.interpreter.run.ScriptRunException;
import org.vaescope.core.interpreter.run.ScriptRunOptions;
import org.vaescope.core.interpreter.run.StepResult;
import org.vaescope.core.interventions.ImageGrid;
import org.vaescope.core.progress.ProgressMonitor;
import org.vaescope.script.SandboxException;
import org.vaescope.script.SandboxPaths;
import org.vaescope.script.ast.Script;
import org.vaescope.script.ast.Statement;
import org.vaescope.core.imports.VaeFiles;
import org.vaescope.core.store.ModelFileException;

/**
 * One run of a checked script: loads its models and dataset through the sandbox, executes the
 * statements in order on every model and writes the outputs. The steps and files done so far stay
 * available when a statement fails.
 */
public final class ScriptExecution {

    private static final int IMAGE_GAP = 2;

    private final String scriptName;
    private final String text;
    private final Script script;
    private final SandboxPaths sandbox;
    private final ScriptRunOptions options;
    private final ProgressMonitor monitor;
    private final ProgressMonitor engineMonitor;
    private final LineMap lines;
    private final List<StepResult> steps = new ArrayList<>();
    private final List<OutputFile> outputs = new ArrayList<>();
    private final Map<Integer, ImageGrid> stepImages = new HashMap<>();
    private final List<ModelSession> sessions = new ArrayList<>();
    private RunContext context;
    private long startNanos;

    public ScriptExecution(String scriptName, String text, Script script, SandboxPaths sandbox,
            ScriptRunOptions options, ProgressMonitor monitor) {
        this.scriptName = scriptName;
        this.text = text;
        this.script = script;
        this.sandbox = sandbox;
        this.options = options;
        this.monitor = ProgressMonitor.orNone(monitor);
        this.engineMonitor = StatementExecutor.cancelOnly(this.monitor);
        this.lines = new LineMap(text);
    }

    public List<StepResult> steps() {
        return List.copyOf(steps);
    }

    public List<OutputFile> outputs() {
        return List.copyOf(outputs);
    }

    /**
     * Runs the script.
     *
     * @throws ScriptRunException naming the line and the problem when a statement cannot run
     * @throws CancellationException when the monitor cancels
     */
    public void run() {
        startNanos = System.nanoTime();
        long seed = options.seedOf(script.seed());
        int samples = options.effectiveSamples(script.samples().orElse(options.defaultSamples()));
        List<Statement.Model> models = script.models();
        if (models.isEmpty()) {
            throw new ScriptRunException(0, "the script names no model: add 'model \"FILE.vsm\"'");
        }
        List<VaeFiles.Loaded> loaded = new ArrayList<>();
        for (Statement.Model m : models) {
            monitor.checkCanceled("loading the models");
            loaded.add(loadModel(m));
        }
        FactorDataset dataset = dataset(loaded.get(0));
        String datasetText = script.dataset().map(ScriptDatasets::describe).orElse(dataset.name() + " (default)");
        context = new RunContext(dataset, datasetText, seed, samples, options.quick(), ScriptRunOptions.QUICK_SAMPLE_CAP,
                options.batchSize(), options.analysisBase(seed));
        Set<String> names = new HashSet<>();
        for (int i = 0; i < models.size(); i++) {
            checkShape(models.get(i), loaded.get(i), dataset);
            String name = uniqueName(modelName(models.get(i)), names);
            sessions.add(new ModelSession(name, models.get(i).path().value(), loaded.get(i).model(), context));
        }
        List<Statement> statements = script.statements();
        int total = 0;
        for (Statement s : statements) {
            total += StatementExecutor.kind(s) != null ? sessions.size() : s instanceof Statement.Output ? 1 : 0;
        }
        int done = 0;
        for (Statement statement : statements) {
            String kind = StatementExecutor.kind(statement);
            if (kind != null) {
                for (ModelSession session : sessions) {
                    monitor.checkCanceled("line " + line(statement));
                    monitor.worked(done++, total, "line " + line(statement) + ": " + kind
                            + (sessions.size() > 1 ? " [" + session.name() + "]" : ""));
                    execute(statement, kind, session);
                }
            } else if (statement instanceof Statement.Output output) {
                monitor.checkCanceled("line " + line(statement));
                monitor.worked(done++, total, "line " + line(statement) + ": " + output.kind().syntax());
                write(output);
            }
        }
        monitor.worked(total, total, "done");
    }

    // ---- set-up ---------------------------------------------------------------------------------

    private VaeFiles.Loaded loadModel(Statement.Model m) {
        int line = line(m);
        Path file = modelFile(m.path().value(), line);
        Path decoder = m.decoder() == null ? null : modelFile(m.decoder().value(), line);
        try {
            return VaeFiles.open(file, decoder);
        } catch (ModelFileException | RuntimeException e) {
            throw new ScriptRunException(line, "cannot load model '" + m.path().value() + "': " + e.getMessage(), e);
        }
    }

    private Path modelFile(String written, int line) {
        Path file;
        try {
            file = sandbox.resolveInput(written);
        } catch (SandboxException e) {
            throw new ScriptRunException(line, e.getMessage());
        }
        if (!Files.isRegularFile(file)) {
            throw new ScriptRunException(line, "model file '" + written + "' does not exist in the script folder "
                    + sandbox.scriptFolder());
        }
        return file;
    }

    private FactorDataset dataset(VaeFiles.Loaded first) {
        if (script.dataset().isPresent()) {
            Statement statement = script.dataset().get();
            try {
                return ScriptDatasets.open(statement, sandbox);
            } catch (SandboxException e) {
                throw new ScriptRunException(line(statement), e.getMessage());
            } catch (IOException | RuntimeException e) {
                throw new ScriptRunException(line(statement), "cannot open dataset " + ScriptDatasets.describe(statement)
                        + ": " + e.getMessage(), e);
            }
        }
        if (options.defaultDataset() != null) {
            return options.defaultDataset();
        }
        if (first.trainingDataset().isEmpty()) {
            throw new ScriptRunException(0, "the script has no 'dataset' statement and the imported model "
                    + first.files().get(0).getFileName() + " does not say what it was trained on: add a 'dataset' statement");
        }
        String trained = first.trainingDataset().get();
        if (Datasets.GENERATORS.contains(trained)) {
            return Datasets.create(trained, Map.of("size", Integer.toString(first.model().imageShape()[1])));
        }
        throw new ScriptRunException(0, "the script has no 'dataset' statement and the model's training dataset '"
                + trained + "' is not a built-in generator: add a 'dataset' statement");
    }

    private void checkShape(Statement.Model m, VaeFiles.Loaded loaded, FactorDataset dataset) {
        int[] model = loaded.model().imageShape();
        int[] data = {dataset.channels(), dataset.height(), dataset.width()};
        if (!Arrays.equals(model, data)) {
            throw new ScriptRunException(line(m), "model '" + m.path().value() + "' takes " + shape(model)
                    + " images but the dataset " + context.datasetText() + " has " + shape(data)
                    + " images: change the dataset's size");
        }
    }

    private static String shape(int[] s) {
        return s[0] + "x" + s[1] + "x" + s[2];
    }

    private static String modelName(Statement.Model m) {
        if (m.alias() != null) {
            return m.alias().text();
        }
        String file = Path.of(m.path().value().replace('\\', '/')).getFileName().toString();
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    private static String uniqueName(String name, Set<String> taken) {
        String unique = name;
        for (int i = 2; !taken.add(unique); i++) {
            unique = name + "-" + i;
        }
        return unique;
    }

    // ---- statements -----------------------------------------------------------------------------

    private void execute(Statement statement, String kind, ModelSession session) {
        int line = line(statement);
        int gridsBefore = session.grids().size();
        StepResult step;
        try {
            step = new StatementExecutor(session, monitor).execute(statement, line, source(statement));
        } catch (CancellationException | ScriptRunException e) {
            throw e;
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new ScriptRunException(line, kind + (sessions.size() > 1 ? " on model " + session.name() : "")
                    + ": " + message, e);
        }
        if (session.grids().size() > gridsBefore) {
            stepImages.put(steps.size(), session.grids().get(session.grids().size() - 1));
        }
        steps.add(step);
    }

    private void write(Statement.Output output) {
        int line = line(output);
        String written = output.path().value();
        List<String> files = new ArrayList<>();
        try {
            switch (output.kind()) {
                case REPORT_HTML -> files.add(writeText(output, written,
                        HtmlRunReport.write(document(), (System.nanoTime() - startNanos) / 1_000_000)));
                case REPORT_JSON -> files.add(writeText(output, written, JsonRunReport.write(document())));
                case TABLE_CSV -> files.add(writeText(output, written, script.statementsOf(Statement.Compare.class)
                        .isEmpty() ? CsvTables.unitTable(sessions.get(0), engineMonitor)
                                : CsvTables.comparison(document().comparison())));
                case GRAPH_JSON, GRAPH_DOT, IMAGES -> {
                    for (ModelSession session : sessions) {
                        files.add(writePerModel(output, perModelName(written, session), session));
                    }
                }
            }
        } catch (CancellationException | ScriptRunException e) {
            throw e;
        } catch (IOException e) {
            throw new ScriptRunException(line, "cannot write '" + written + "': " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ScriptRunException(line, output.kind().syntax() + ": " + e.getMessage(), e);
        }
        steps.add(new StepResult(output.kind().syntax(), line, source(output), null, "wrote " + String.join(", ", files),
                Map.of(), files));
    }

    private String writePerModel(Statement.Output output, String name, ModelSession session) throws IOException {
        return switch (output.kind()) {
            case GRAPH_JSON -> writeText(output, name, session.analysis(engineMonitor).circuitGraph().toJson());
            case GRAPH_DOT -> writeText(output, name, session.analysis(engineMonitor).circuitGraph().toDot());
            default -> {
                if (session.grids().isEmpty()) {
                    throw new ScriptRunException(line(output), "'images' has no image grid to write: put a "
                            + "'traverse latent' statement before it");
                }
                Path file = resolve(output, name);
                ImageGrid grid = session.grids().get(session.grids().size() - 1);
                sandbox.writeOutput(file, temporary -> grid.writePng(temporary, IMAGE_GAP));
                yield record(output, name, file);
            }
        };
    }

    private String writeText(Statement.Output output, String name, String content) throws IOException {
        Path file = resolve(output, name);
        sandbox.writeOutput(file, temporary -> Files.writeString(temporary, content, StandardCharsets.UTF_8));
        return record(output, name, file);
    }

    private Path resolve(Statement.Output output, String name) throws IOException {
        Path file;
        try {
            file = sandbox.resolveOutput(name);
        } catch (SandboxException e) {
            throw new ScriptRunException(line(output), e.getMessage());
        }
        Files.createDirectories(file.getParent());
        return file;
    }

    private String record(Statement.Output output, String name, Path file) throws IOException {
        outputs.add(new OutputFile(output.kind(), line(output), name, file, Files.size(file)));
        return name;
    }

    /** {@code g.dot} → {@code g-MODEL.dot} when several models are compared, else unchanged. */
    private String perModelName(String written, ModelSession session) {
        if (sessions.size() < 2) {
            return written;
        }
        int slash = Math.max(written.lastIndexOf('/'), written.lastIndexOf('\\'));
        int dot = written.lastIndexOf('.');
        return dot > slash + 1 ? written.substring(0, dot) + "-" + session.name() + written.substring(dot)
                : written + "-" + session.name();
    }

    private RunDocument document() {
        return new RunDocument(scriptName, context.datasetText(), context.seed(), context.samples(), context.quick(),
                !script.statementsOf(Statement.Compare.class).isEmpty(), sessions, steps, stepImages);
    }

    private int line(Statement statement) {
        return lines.line(statement.span().offset());
    }

    private String source(Statement statement) {
        int from = Math.max(0, Math.min(text.length(), statement.span().offset()));
        int to = Math.max(from, Math.min(text.length(), from + statement.span().length()));
        return text.substring(from, to).strip();
    }
}
