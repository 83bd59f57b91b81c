package org.vaescope.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import org.vaescope.cli.internal.bench.InterventionBenchmark;
import org.vaescope.cli.internal.bench.MetricsBenchmark;
import org.vaescope.cli.internal.bench.ScriptBenchmark;
import org.vaescope.cli.internal.bench.TrainingBenchmark;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code benchmark NAME [ARGS...]}: runs one of the engine's benchmarks and prints its figures, each
 * with the baseline measured in the same run (machines are shared: compare ratios, not seconds).
 */
@Command(name = "benchmark", description = "print the engine's performance figures (ratios against a baseline)")
final class BenchmarkCommand implements Callable<Integer> {

    /** The benchmarks by name. */
    enum Benchmark {
        training(TrainingBenchmark::main), interventions(InterventionBenchmark::main), metrics(MetricsBenchmark::main),
        script(ScriptBenchmark::main);

        private final Consumer<String[]> main;

        Benchmark(Consumer<String[]> main) {
            this.main = main;
        }
    }

    @Parameters(index = "0", paramLabel = "NAME", description = "one of: ${COMPLETION-CANDIDATES}")
    Benchmark benchmark;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "the benchmark's own arguments")
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() {
        benchmark.main.accept(arguments.toArray(String[]::new));
        return VaescopeCli.OK;
    }
}
