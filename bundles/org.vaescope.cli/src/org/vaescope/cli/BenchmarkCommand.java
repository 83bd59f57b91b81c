package org.vaescope.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import org.vaescope.cli.internal.bench.CompareTorchBenchmark;
import org.vaescope.cli.internal.bench.ImportBenchmark;
import org.vaescope.cli.internal.bench.InterventionBenchmark;
import org.vaescope.cli.internal.bench.MetricsBenchmark;
import org.vaescope.cli.internal.bench.ScriptBenchmark;
import org.vaescope.cli.internal.bench.SweepMemory;
import org.vaescope.cli.internal.bench.TrainingBenchmark;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code benchmark NAME [ARGS...]}: runs one of the engine's benchmarks and prints its figures, each
 * with the baseline measured in the same run (machines are shared: compare ratios, not seconds).
 */
@Command(name = "benchmark", description = "print the engine's performance figures (ratios against a baseline)")
final class BenchmarkCommand implements Callable<Integer> {

    private static final Map<String, Consumer<String[]>> BENCHMARKS = new LinkedHashMap<>();

    static {
        BENCHMARKS.put("training", TrainingBenchmark::main);
        BENCHMARKS.put("interventions", InterventionBenchmark::main);
        BENCHMARKS.put("metrics", MetricsBenchmark::main);
        BENCHMARKS.put("script", ScriptBenchmark::main);
        BENCHMARKS.put("compare-torch", CompareTorchBenchmark::main);
        BENCHMARKS.put("import", ImportBenchmark::main);
        BENCHMARKS.put("sweep-memory", SweepMemory::main);
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME",
            description = "one of: training, interventions, metrics, script, compare-torch, import, sweep-memory")
    String name;

    /** The benchmark's own arguments and options, passed on as written (e.g. {@code --memory 10000}). */
    @Unmatched
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() {
        Consumer<String[]> benchmark = BENCHMARKS.get(name);
        if (benchmark == null) {
            throw new ParameterException(spec.commandLine(), "benchmark needs one of " + BENCHMARKS.keySet()
                    + ", got '" + name + "'");
        }
        benchmark.accept(arguments.toArray(String[]::new));
        return VaescopeCli.OK;
    }
}
