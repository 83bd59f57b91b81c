package org.vaescope.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.vaescope.cli.internal.bench.InterventionBenchmark;
import org.vaescope.cli.internal.bench.MetricsBenchmark;
import org.vaescope.cli.internal.bench.ScriptBenchmark;
import org.vaescope.cli.internal.bench.TrainingBenchmark;

/**
 * {@code benchmark NAME [ARGS...]}: runs one of the engine's benchmarks and prints its figures, each
 * with the baseline measured in the same run (machines are shared: compare ratios, not seconds).
 */
final class BenchmarkCommand {

    private static final Map<String, Consumer<String[]>> BENCHMARKS = new LinkedHashMap<>();

    static {
        BENCHMARKS.put("training", TrainingBenchmark::main);
        BENCHMARKS.put("interventions", InterventionBenchmark::main);
        BENCHMARKS.put("metrics", MetricsBenchmark::main);
        BENCHMARKS.put("script", ScriptBenchmark::main);
        BENCHMARKS.put("compare-torch", org.vaescope.cli.internal.bench.CompareTorchBenchmark::main);
    }

    private BenchmarkCommand() {
    }

    static int run(String[] args) throws Args.UsageException {
        if (args.length == 0 || !BENCHMARKS.containsKey(args[0])) {
            throw new Args.UsageException("benchmark needs one of " + BENCHMARKS.keySet());
        }
        BENCHMARKS.get(args[0]).accept(Arrays.copyOfRange(args, 1, args.length));
        return VaescopeCli.OK;
    }
}
