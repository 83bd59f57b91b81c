package org.vaescope.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;

import org.vaescope.core.interpreter.ScriptEnvironments;
import org.vaescope.script.diagnostics.ScriptCheck;

/**
 * {@code check SCRIPT.vis [--out DIR]}: prints the script's diagnostics as
 * {@code file:line:col: severity: message}; exit code 1 when there are errors. When the script's model
 * file and dataset can be loaded, hook points, unit and latent ranges and factors are checked too.
 */
final class CheckCommand {

    private static final Set<String> OPTIONS = Set.of("out");

    private CheckCommand() {
    }

    static int run(String[] argv, PrintStream out) throws Args.UsageException {
        Args args = Args.parse(argv, OPTIONS);
        if (args.positionals().size() != 1) {
            throw new Args.UsageException("check takes one script file");
        }
        Path script = Path.of(args.positionals().get(0));
        Path output = outputFolder(script, args.option("out", null));
        ScriptCheck.Result result = ScriptCheck.check(script, output, ScriptEnvironments.forScript(script, output));
        result.printTo(out);
        return result.exitCode();
    }

    /** The default output folder of a script: {@code NAME-out} beside it. */
    static Path outputFolder(Path script, String requested) {
        if (requested != null) {
            return Path.of(requested);
        }
        Path absolute = script.toAbsolutePath();
        String name = absolute.getFileName().toString().replaceFirst("\\.vis$", "");
        return absolute.resolveSibling(name + "-out");
    }
}
