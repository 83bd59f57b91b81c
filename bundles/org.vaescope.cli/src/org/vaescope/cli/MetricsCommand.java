package org.vaescope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.vaescope.metrics.CodesAndFactors;
import org.vaescope.metrics.DisentanglementSuite;
import org.vaescope.metrics.FactorDiscretizer;

/**
 * {@code metrics --codes FILE --factors FILE [--seed S] [--train N --test M] [--out FILE]}: scores
 * any model's codes (N×d) against their factors (N×k) with the array-based disentanglement metrics.
 * Factor columns with more than 20 distinct values are binned into 20 classes.
 */
final class MetricsCommand {

    private static final Set<String> OPTIONS = Set.of("codes", "factors", "seed", "train", "test", "out");

    private MetricsCommand() {
    }

    static int run(String[] argv, PrintStream out) throws IOException, Args.UsageException {
        Args args = Args.parse(argv, OPTIONS);
        double[][] codes = MatrixFiles.read(args.required("codes"));
        double[][] factorValues = MatrixFiles.read(args.required("factors"));
        if (codes.length != factorValues.length) {
            throw new IOException("codes have " + codes.length + " rows but factors have " + factorValues.length);
        }
        int[][] factors = FactorDiscretizer.toClasses(factorValues, FactorDiscretizer.DEFAULT_BINS);
        DisentanglementSuite.Config config = DisentanglementSuite.Config.defaults();
        if (args.option("train", null) != null || args.option("test", null) != null) {
            config = DisentanglementSuite.Config.withSampleCounts((int) args.longOption("train", 10_000),
                    (int) args.longOption("test", 5_000));
        }
        String json = DisentanglementSuite.runOnArrays(new CodesAndFactors(codes, factors), config,
                args.longOption("seed", 0)).toJson();
        String target = args.option("out", null);
        if (target == null) {
            out.println(json);
        } else {
            Files.writeString(Path.of(target), json + System.lineSeparator());
            out.println("metrics written to " + target);
        }
        return VaescopeCli.OK;
    }
}
