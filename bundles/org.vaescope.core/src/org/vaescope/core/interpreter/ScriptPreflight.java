package org.vaescope.core.interpreter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.internal.interpreter.ScriptDatasets;
import org.vaescope.core.imports.VaeFiles;
import org.vaescope.core.store.ModelFileException;
import org.vaescope.script.SandboxException;
import org.vaescope.script.SandboxPaths;
import org.vaescope.script.ast.NumberLiteral;
import org.vaescope.script.ast.Script;
import org.vaescope.script.ast.Statement;
import org.vaescope.script.parser.ScriptParser;
import org.vaescope.script.source.Diagnostic;
import org.vaescope.script.source.LineMap;
import org.vaescope.script.source.Span;

/**
 * The checks a run makes before it computes, made without computing: every model loads (readable,
 * within the memory budget, finite weights), the dataset opens and its images have the size and
 * colour the models expect. {@code check} reports them, and a run refuses to start when one fails,
 * so no run fails after its analysis for a reason known before it.
 */
public final class ScriptPreflight {

    private ScriptPreflight() {
    }

    /** What is wrong with the output folder itself (see {@link SandboxPaths#outputFolderProblem}). */
    public static Optional<String> outputFolderProblem(Path script, Path outputFolder) {
        Path folder = script.toAbsolutePath().getParent();
        return new SandboxPaths(folder, outputFolder == null ? ScriptRunner.defaultOutputFolder(script) : outputFolder)
                .outputFolderProblem();
    }

    /** {@link #check(Script, String, SandboxPaths)} of a script file (UTF-8) that checked without errors. */
    public static List<Diagnostic> check(Path scriptFile, Path outputFolder) throws IOException {
        String text = Files.readString(scriptFile, StandardCharsets.UTF_8);
        Path folder = scriptFile.toAbsolutePath().getParent();
        SandboxPaths sandbox = new SandboxPaths(folder,
                outputFolder == null ? ScriptRunner.defaultOutputFolder(scriptFile) : outputFolder);
        return check(ScriptParser.parse(text).script(), text, sandbox);
    }

    /** The most inputs one statement may ask for. */
    public static final long MAX_SAMPLES = 1_000_000;
    /** The most columns of a traversal. */
    public static final long MAX_STEPS = 1_000;
    /** The most points of a perturbation grid. */
    public static final long MAX_GRID_POINTS = 10_000;

    /**
     * Errors at the numbers, model and dataset statements of a script that parsed and checked without
     * errors: every number finite, every count a whole number within its bound, every grid within
     * {@link #MAX_GRID_POINTS}; then the models and the dataset as the class comment says.
     */
    public static List<Diagnostic> check(Script script, String text, SandboxPaths sandbox) {
        LineMap lines = new LineMap(text);
        List<Diagnostic> problems = new ArrayList<>();
        for (Statement statement : script.statements()) {
            numberProblems(statement, lines, problems);
            if (statement instanceof Statement.PerturbLatent perturb) {
                gridProblem(perturb, lines).ifPresent(problems::add);
            }
        }
        Map<Statement.Model, VaeFiles.Loaded> models = new LinkedHashMap<>();
        for (Statement.Model m : script.models()) {
            try {
                Path decoder = m.decoder() == null ? null : sandbox.resolveInput(m.decoder().value());
                models.put(m, VaeFiles.open(sandbox.resolveInput(m.path().value()), decoder));
            } catch (ModelFileException e) {
                problems.add(error(lines, m.path().span(), "model '" + m.path().value() + "' cannot be loaded: "
                        + e.problem()));
            } catch (SandboxException e) {
                problems.add(error(lines, m.path().span(), e.getMessage()));
            }
        }
        Optional<Statement> datasetStatement = script.dataset();
        if (datasetStatement.isEmpty()) {
            return problems;
        }
        FactorDataset dataset;
        try {
            dataset = ScriptDatasets.open(datasetStatement.get(), sandbox);
        } catch (SandboxException | IOException | RuntimeException e) {
            problems.add(error(lines, datasetStatement.get().span(), "the dataset cannot be opened: " + e.getMessage()));
            return problems;
        }
        int[] images = {dataset.channels(), dataset.height(), dataset.width()};
        models.forEach((statement, loaded) -> {
            int[] expected = loaded.model().imageShape();
            if (!Arrays.equals(expected, images)) {
                problems.add(error(lines, datasetStatement.get().span(), "the dataset's images are "
                        + imageText(images) + " but the model '" + statement.path().value() + "' expects "
                        + imageText(expected) + " — use a dataset of the model's image size"));
            }
        });
        return problems;
    }

    /** Walks a statement's parts: non-finite numbers and counts outside their bounds are errors. */
    private static void numberProblems(Object node, LineMap lines, List<Diagnostic> problems) {
        if (node instanceof NumberLiteral number && !Double.isFinite(number.value())) {
            problems.add(error(lines, number.span(), "the number '" + number.text() + "' is not finite — write a "
                    + "finite number"));
        } else if (node instanceof List<?> list) {
            list.forEach(element -> numberProblems(element, lines, problems));
        } else if (node instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                Object value = valueOf(component, record);
                long bound = switch (component.getName()) {
                    case "samples", "count", "top" -> MAX_SAMPLES;
                    case "steps" -> MAX_STEPS;
                    default -> 0;
                };
                if (bound > 0 && value instanceof NumberLiteral count && Double.isFinite(count.value())
                        && !(count.isInteger() && count.value() >= 1 && count.value() <= bound)) {
                    problems.add(error(lines, count.span(), component.getName() + " must be a whole number in 1.."
                            + bound + ", got " + count.text() + " — write a count in that range"));
                }
                numberProblems(value, lines, problems);
            }
        }
    }

    private static Object valueOf(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component + " of " + record.getClass(), e);
        }
    }

    /** A perturbation grid's points, counted without overflow: at most {@link #MAX_GRID_POINTS}. */
    private static Optional<Diagnostic> gridProblem(Statement.PerturbLatent perturb, LineMap lines) {
        double from = perturb.deltas().from().value();
        double to = perturb.deltas().to().value();
        double step = perturb.step() == null ? 1.0 : perturb.step().value();
        if (!(step > 0)) {
            return Optional.of(error(lines, perturb.step().span(), "step must be positive, got " + perturb.step().text()
                    + " — write a positive step"));
        }
        double points = Math.floor(Math.abs(to - from) / step + 1e-9) + 1;
        if (points > MAX_GRID_POINTS) {
            return Optional.of(error(lines, perturb.deltas().span(), String.format(Locale.ROOT,
                    "the grid from %s to %s in steps of %s has %.0f points, more than %d — use a larger step",
                    perturb.deltas().from().text(), perturb.deltas().to().text(), step, points, MAX_GRID_POINTS)));
        }
        return Optional.empty();
    }

    /** {@code [3, 64, 64]} → "64×64 RGB". */
    public static String imageText(int[] channelsHeightWidth) {
        int channels = channelsHeightWidth[0];
        String colour = switch (channels) {
            case 1 -> "grey";
            case 3 -> "RGB";
            default -> channels + "-channel";
        };
        return channelsHeightWidth[1] + "×" + channelsHeightWidth[2] + " " + colour;
    }

    private static Diagnostic error(LineMap lines, Span span, String message) {
        return new Diagnostic(Diagnostic.Severity.ERROR, message, lines.line(span.offset()),
                lines.column(span.offset()), span.offset(), span.length());
    }
}
