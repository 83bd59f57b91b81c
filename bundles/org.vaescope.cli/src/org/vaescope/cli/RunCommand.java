package org.vaescope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.vaescope.core.interpreter.run.OutputFile;
import org.vaescope.core.interpreter.run.ScriptRunOptions;
import org.vaescope.core.interpreter.ScriptRunResult;
import org.vaescope.core.interpreter.ScriptRunner;
import org.vaescope.core.interpreter.run.StepResult;
import org.vaescope.core.progress.ProgressMonitor;
import org.vaescope.core.settings.EngineSettings;
import org.vaescope.core.runtime.InputFiles;
import org.vaescope.script.source.Diagnostic;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code run SCRIPT.vis [--out DIR] [--quick]}: checks and runs an intervention script, printing a
 * progress line per statement, the diagnostics and a summary of every step. Exit code 0 when the run
 * completed, 1 when the script has errors or a statement failed, 2 when the script cannot be read.
 */
@Command(name = "run", description = "check and run an intervention script; outputs in DIR (default SCRIPT-out beside it)")
final class RunCommand implements Callable<Integer> {

    @ParentCommand
    VaescopeCli cli;

    @Parameters(paramLabel = "SCRIPT.vis", description = "the intervention script")
    Path script;

    @Option(names = "--out", paramLabel = "DIR", description = "the output folder (default: SCRIPT-out beside the script)")
    Path outOption;

    @Option(names = "--quick", description = "cap every sample and step count at "
            + ScriptRunOptions.QUICK_SAMPLE_CAP)
    boolean quick;

    @Override
    public Integer call() throws IOException {
        InputFiles.requireRegularFile(script);
        Path output = outOption == null ? ScriptRunner.defaultOutputFolder(script) : outOption;
        ScriptRunOptions options = withProjectSettings(script, ScriptRunOptions.defaults().withQuick(quick), cli.out());
        ScriptRunResult result = runScript(script, output, options, cli.out());
        return report(result, cli.out(), cli.err());
    }

    /**
     * The options of a script in a project with VAEScope settings ({@code .settings/org.vaescope.prefs}, as the
     * IDE's preference page writes them for a project): its script sample count and, unless quick, its metric
     * sample counts; its thread count and memory budget apply to the engine. Other scripts run with {@code options}.
     */
    static ScriptRunOptions withProjectSettings(Path script, ScriptRunOptions options, PrintStream out)
            throws IOException {
        Optional<Path> file = EngineSettings.findProjectFile(script.toAbsolutePath().getParent());
        if (file.isEmpty()) {
            return options;
        }
        EngineSettings settings;
        try {
            settings = EngineSettings.read(file.get(), EngineSettings.scriptDefaults());
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
        settings.applyToRuntime();
        out.println("settings " + file.get() + ": " + settings.scriptRunSummary());
        return settings.scriptRunOptions(options);
    }

    /** Runs one script, printing progress lines to {@code out}. */
    static ScriptRunResult runScript(Path script, Path output, ScriptRunOptions options, PrintStream out) {
        long start = System.nanoTime();
        return ScriptRunner.run(script, output, new ProgressMonitor() {
            @Override
            public void worked(int done, int total, String what) {
                if (done < total) {
                    out.printf(Locale.ROOT, "[%d/%d %6.1fs] %s%n", done + 1, total, (System.nanoTime() - start) / 1e9,
                            what);
                }
            }

            @Override
            public boolean isCanceled() {
                return false;
            }
        }, options);
    }

    /** Prints diagnostics, steps, files and the outcome; returns the exit code. */
    static int report(ScriptRunResult result, PrintStream out, PrintStream err) {
        String name = result.script().toString();
        for (Diagnostic d : result.diagnostics()) {
            (d.isError() ? err : out).println(d.format(name));
        }
        boolean severalModels = result.steps().stream().map(StepResult::model).filter(m -> m != null).distinct()
                .count() > 1;
        for (StepResult step : result.steps()) {
            if (step.numbers().isEmpty() && !step.files().isEmpty()) {
                continue;
            }
            out.println();
            out.println("line " + step.line() + ": " + step.source() + (severalModels ? "   [" + step.model() + "]" : ""));
            step.summary().lines().forEach(l -> out.println("  " + l));
        }
        if (!result.outputs().isEmpty()) {
            out.println();
            out.println("outputs in " + result.outputFolder() + ":");
            for (OutputFile file : result.outputs()) {
                out.printf(Locale.ROOT, "  %-32s %10d bytes  (%s, line %d)%n", file.writtenPath(), file.size(),
                        file.kind().syntax(), file.line());
            }
        }
        switch (result.status()) {
            case COMPLETED -> out.println("completed: " + result.steps().size() + " step(s)");
            case CHECK_FAILED -> err.println(name + ": not run: the script has " + result.errors().size() + " error(s)");
            case FAILED, UNREADABLE -> err.println(result.error());
        }
        return result.exitCode();
    }
}
