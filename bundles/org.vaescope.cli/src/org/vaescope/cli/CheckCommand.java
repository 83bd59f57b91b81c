package org.vaescope.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.vaescope.core.interpreter.ScriptEnvironments;
import org.vaescope.core.interpreter.ScriptPreflight;
import org.vaescope.core.interpreter.ScriptRunner;
import org.vaescope.core.runtime.InputFiles;
import org.vaescope.script.diagnostics.ScriptCheck;
import org.vaescope.script.source.Diagnostic;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code check SCRIPT.vis [--out DIR]}: prints the script's diagnostics as
 * {@code file:line:col: severity: message}; exit code 1 when there are errors. When the script's model
 * file and dataset can be loaded, hook points, unit and latent ranges and factors are checked too.
 */
@Command(name = "check", description = "print the script's diagnostics (file:line:col: severity: message)")
final class CheckCommand implements Callable<Integer> {

    @ParentCommand
    VaescopeCli cli;

    @Parameters(paramLabel = "SCRIPT.vis", description = "the intervention script")
    Path script;

    @Option(names = "--out", paramLabel = "DIR", description = "the output folder (default: SCRIPT-out beside the script)")
    Path outOption;

    @Override
    public Integer call() throws IOException {
        InputFiles.requireRegularFile(script);
        Path output = outOption == null ? ScriptRunner.defaultOutputFolder(script) : outOption;
        ScriptCheck.Result result = ScriptCheck.check(script, output, ScriptEnvironments.forScript(script, output));
        result.printTo(cli.out());
        if (result.exitCode() != VaescopeCli.OK) {
            return VaescopeCli.FAILED;
        }
        List<Diagnostic> preflight = ScriptPreflight.check(script, output);
        preflight.forEach(d -> cli.out().println(d.format(script.toString())));
        Optional<String> outputProblem = ScriptPreflight.outputFolderProblem(script, output);
        outputProblem.ifPresent(cli.err()::println);
        return preflight.isEmpty() && outputProblem.isEmpty() ? VaescopeCli.OK : VaescopeCli.FAILED;
    }
}
