package org.vaescope.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.vaescope.core.interpreter.run.OutputFile;
import org.vaescope.core.interpreter.run.ScriptRunOptions;
import org.vaescope.core.interpreter.ScriptRunResult;
import org.vaescope.core.interpreter.ScriptRunner;
import org.vaescope.core.interpreter.run.StepResult;
import org.vaescope.core.progress.ProgressMonitor;
import org.vaescope.script.source.Diagnostic;

/**
 * {@code run SCRIPT.vis [--out DIR] [--quick]}: checks and runs an intervention script, printing a
 * progress line per statement, the diagnostics and a summary of every step. Exit code 0 when the run
 * completed, 1 when the script has errors or a statement failed, 2 when the script cannot be read.
 */
final class RunCommand {

    private static final Set<String> OPTIONS = Set.of("out");
    private static final String QUICK = "--quick";

    private RunCommand() {
    }

    static int run(String[] argv, PrintStream out, PrintStream err) throws Args.UsageException {
        List<String> rest = new ArrayList<>(List.of(argv));
        boolean quick = rest.remove(QUICK);
        Args args = Args.parse(rest.toArray(String[]::new), OPTIONS);
        if (args.positionals().size() != 1) {
            throw new Args.UsageException("run takes one script file");
        }
        Path script = Path.of(args.positionals().get(0));
        String outOption = args.option("out", null);
        Path output = outOption == null ? ScriptRunner.defaultOutputFolder(script) : Path.of(outOption);
        ScriptRunResult result = runScript(script, output, ScriptRunOptions.defaults().withQuick(quick), out);
        return report(result, out, err);
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
            case FAILED, UNREADABLE -> err.println("error: " + result.error());
        }
        return result.exitCode();
    }
}
