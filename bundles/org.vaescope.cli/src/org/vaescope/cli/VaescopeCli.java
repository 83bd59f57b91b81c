package org.vaescope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;

import org.vaescope.core.model.ModelInspector;
import org.vaescope.core.model.ModelLoadException;
import org.vaescope.core.store.ModelFile;
import org.vaescope.core.training.TrainCommand;

/**
 * The headless command line: {@code describe MODEL} and {@code demo [DIR]}.
 * Exit codes: 0 success, 1 the command failed on its input, 2 usage error.
 */
public final class VaescopeCli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private VaescopeCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; never calls {@code System.exit}, so tests can call it. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(usage());
            return USAGE;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "describe" -> describe(rest, out, err);
                case "train" -> new TrainCommand(DatasetSpecs::open, out, err).run(args);
                case "reconstruct" -> ReconstructCommand.run(rest, out);
                case "reproduce" -> ReproduceCommand.run(rest, out);
                case "benchmark" -> BenchmarkCommand.run(rest);
                case "demo" -> Demo.run(rest, out);
                case "check" -> CheckCommand.run(rest, out);
                case "run" -> RunCommand.run(rest, out, err);
                case "examples" -> ExamplesCommand.run(rest, out, err);
                case "metrics" -> MetricsCommand.run(rest, out);
                case "help", "--help", "-h" -> {
                    out.print(usage());
                    yield OK;
                }
                default -> {
                    err.println("unknown command '" + args[0] + "'");
                    err.print(usage());
                    yield USAGE;
                }
            };
        } catch (Args.UsageException e) {
            err.println("usage error: " + e.getMessage());
            return USAGE;
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getCause().getMessage());
            return FAILED;
        } catch (ModelLoadException | IOException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        }
    }

    private static int describe(String[] args, PrintStream out, PrintStream err) throws ModelLoadException {
        if (args.length != 1) {
            err.println("describe takes one model file");
            return USAGE;
        }
        if (args[0].endsWith(ModelFile.EXTENSION)) {
            return new TrainCommand(DatasetSpecs::open, out, err).run("describe", args[0]);
        }
        out.print(ModelInspector.describe(Path.of(args[0])).toText());
        return OK;
    }

    static String usage() {
        return """
                usage: vaescope COMMAND [ARGS]
                  describe MODEL     print the structure of a saved model (DL4J zip, SameDiff .fb, VAEScope .vsm)
                  train --variant V --dataset DATA --out FILE.vsm [--steps N] [--seed S] [--batch B] [--lr L]
                        [--arch conv|mlp] [--latent N] [--hidden W,W] [--set key=value]...
                                     train a VAE (variants: vae, betavae, factorvae, betatcvae, dipvae2, vqvae)
                  reproduce [--steps N] [--seeds 1,2,3] [--size 32] [--samples N] [--out docs/results.md]
                                     train and analyse VAE, beta-VAE and FactorVAE on dSprites; write the table
                  benchmark training|interventions|metrics|script|import [ARGS]
                                     print the engine's performance figures (ratios against a baseline)
                  reconstruct MODEL.vsm --dataset DATA --out GRID.png [--n 8] [--seed S]
                                     inputs over their reconstructions, as a PNG grid
                  demo [DIR] [--steps N]
                                     the tour on built-in data: a DL4J structure dump, a beta-VAE trained on
                                     dSprites 32×32, its causal analysis; files in DIR (default vaescope-demo)
                  check SCRIPT.vis [--out DIR]
                                     print the script's diagnostics (file:line:col: severity: message)
                  run SCRIPT.vis [--out DIR] [--quick]
                                     check and run an intervention script; outputs go to DIR
                                     (default: SCRIPT-out beside the script)
                  examples [--steps N] [--out DIR] [--dir EXAMPLES] [--quick]
                                     train the missing example models (examples/models/) and run every example
                  metrics --codes FILE --factors FILE [--seed S] [--train N --test M] [--out FILE.json]
                                     disentanglement metrics of codes (N×d) against factors (N×k);
                                     FILE is .npy, .npz (or .npz:KEY) or .csv
                DATA is a built-in generator NAME[:key=value,...] (dsprites:size=32, causal) or FORMAT@PATH
                (dsprites-npz, 3dshapes-h5, smallnorb, mpi3d-npz)
                """;
    }
}
