package org.vaescope.core.interpreter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.internal.interpreter.ScriptDatasets;
import org.vaescope.core.imports.VaeFiles;
import org.vaescope.core.store.ModelFileException;
import org.vaescope.script.SandboxException;
import org.vaescope.script.SandboxPaths;
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

    /**
     * Errors at the model and dataset statements of a script that parsed and checked without errors
     * (the checker also bounds its numbers, counts and grids: {@code ScriptLimits}), as the class
     * comment says.
     */
    public static List<Diagnostic> check(Script script, String text, SandboxPaths sandbox) {
        LineMap lines = new LineMap(text);
        List<Diagnostic> problems = new ArrayList<>();
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
