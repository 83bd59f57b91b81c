package org.vaescope.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The headless command line, one picocli parser for every command. Exit codes: 0 success, 1 the
 * input was bad (the message names the file and the problem), 2 usage error. A stack trace shows
 * only with {@code --debug}.
 */
@Command(name = "vaescope", mixinStandardHelpOptions = true, version = "VAEScope " + VaescopeCli.VERSION,
        description = "Mechanistic interpretability of variational autoencoders by causal intervention.",
        subcommands = {DescribeCommand.class, TrainCommand.class, AnalyseCommand.class, ReconstructCommand.class,
            MetricsCommand.class, ReproduceCommand.class, BenchmarkCommand.class, Demo.class, CheckCommand.class, RunCommand.class,
            ExamplesCommand.class, CommandLine.HelpCommand.class},
        footer = {"",
            "DATA is a built-in generator NAME[:key=value,...] (dsprites, dsprites:size=32,",
            "causal) or FORMAT@PATH (dsprites-npz, 3dshapes-h5, smallnorb, mpi3d-npz).",
            "Exit codes: 0 success, 1 bad input (the message names the file and the",
            "problem), 2 usage."})
public final class VaescopeCli {

    /** The engine's version, recorded in the provenance of the analysis files the command line writes. */
    static final String VERSION = "0.1.0";

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "show the stack trace of a failure")
    boolean debug;

    private final PrintStream out;
    private final PrintStream err;

    private VaescopeCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new EscapingOutputStream(System.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new EscapingOutputStream(System.err), true, StandardCharsets.UTF_8);
        System.setOut(out);
        System.setErr(err);
        System.exit(run(args, out, err));
    }

    /** Runs one command; never calls {@code System.exit}, so tests and the Eclipse application can call it. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        VaescopeCli root = new VaescopeCli(out, err);
        CommandLine line = new CommandLine(root);
        line.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        line.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        line.setExecutionExceptionHandler((e, failed, parsed) -> Failures.report(e, root.debug, err));
        line.setParameterExceptionHandler((e, ignored) -> {
            err.println("usage error: " + Messages.printable(e.getMessage()));
            e.getCommandLine().usage(err);
            return USAGE;
        });
        if (args.length == 0) {
            line.usage(err);
            return USAGE;
        }
        return line.execute(args);
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }
}
