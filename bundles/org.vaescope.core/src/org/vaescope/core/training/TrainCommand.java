package org.vaescope.core.training;

import org.vaescope.core.progress.ProgressMonitor;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.hooks.HookPoint;
import org.vaescope.core.store.ModelFile;
import org.vaescope.core.store.ModelFileException;
import org.vaescope.core.store.ModelMetadata;
import org.vaescope.core.store.SavedModel;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.Likelihood;
import org.vaescope.core.vae.Variant;
import org.vaescope.core.vae.VariantConfig;

/**
 * Command-line front end for training and inspecting saved models:
 * <pre>
 * train --variant V --dataset NAME --out FILE.vsm [--steps N] [--seed S] [--batch B] [--lr L]
 *       [--arch conv|mlp] [--latent N] [--hidden W,W,...] [--likelihood bernoulli|gaussian]
 *       [--set key=value]... [--checkpoint-every N] [--progress-every N]
 * describe FILE.vsm
 * </pre>
 * Datasets are created by the injected factory from their name. {@link #run} returns the exit
 * code: 0 success, 1 failure while working, 2 bad arguments.
 */
public final class TrainCommand {

    private final Function<String, FactorDataset> datasets;
    private final PrintStream out;
    private final PrintStream err;

    public TrainCommand(Function<String, FactorDataset> datasets, PrintStream out, PrintStream err) {
        this.datasets = datasets;
        this.out = out;
        this.err = err;
    }

    /** The usage text. */
    public static String usage() {
        return String.join("\n",
                "usage:",
                "  train --variant V --dataset NAME --out FILE.vsm [--steps N] [--seed S] [--batch B] [--lr L]",
                "        [--arch conv|mlp] [--latent N] [--hidden W,W,...] [--likelihood bernoulli|gaussian]",
                "        [--set key=value]... [--checkpoint-every N] [--progress-every N]",
                "        variants: vae, betavae, factorvae, betatcvae, dipvae2, vqvae",
                "  describe FILE.vsm");
    }

    /** Runs {@code train ...} or {@code describe ...}. */
    public int run(String... args) {
        if (args.length == 0) {
            err.println(usage());
            return 2;
        }
        try {
            return switch (args[0]) {
                case "train" -> train(Arrays.copyOfRange(args, 1, args.length));
                case "describe" -> describe(Arrays.copyOfRange(args, 1, args.length));
                default -> throw new UsageException("unknown command '" + args[0] + "'");
            };
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(usage());
            return 2;
        } catch (ModelFileException | TrainingException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private int train(String[] args) throws ModelFileException {
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, Double> hyper = new LinkedHashMap<>();
        List<String> known = List.of("--variant", "--dataset", "--out", "--steps", "--seed", "--batch", "--lr",
                "--arch", "--latent", "--hidden", "--likelihood", "--set", "--checkpoint-every", "--progress-every");
        for (int i = 0; i < args.length; i++) {
            String key = args[i];
            if (!known.contains(key)) {
                throw new UsageException("unknown option '" + key + "' for train");
            }
            if (i + 1 >= args.length) {
                throw new UsageException("option " + key + " needs a value");
            }
            String value = args[++i];
            if (key.equals("--set")) {
                int eq = value.indexOf('=');
                if (eq <= 0) {
                    throw new UsageException("--set expects key=value, got '" + value + "'");
                }
                hyper.put(value.substring(0, eq), parseDouble("--set " + value.substring(0, eq),
                        value.substring(eq + 1)));
            } else {
                options.put(key, value);
            }
        }
        for (String required : List.of("--variant", "--dataset", "--out")) {
            if (!options.containsKey(required)) {
                throw new UsageException("train needs " + required);
            }
        }
        VariantConfig variant;
        try {
            variant = new VariantConfig(Variant.parse(options.get("--variant")), hyper);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        FactorDataset dataset;
        try {
            dataset = datasets.apply(options.get("--dataset"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("dataset '" + options.get("--dataset") + "': " + e.getMessage());
        }
        if (dataset == null) {
            throw new UsageException("unknown dataset '" + options.get("--dataset") + "'");
        }
        Path output = Path.of(options.get("--out"));
        TrainingConfig config = config(options, variant, dataset, output);
        out.printf(Locale.ROOT, "training %s on %s (%dx%dx%d) for %d steps, batch %d, lr %g, seed %d%n",
                variant.variant().displayName(), dataset.name(), dataset.channels(), dataset.height(),
                dataset.width(), config.steps(), config.batchSize(), config.learningRate(), config.seed());
        TrainingResult result = Trainer.train(config, dataset, new TrainingListener() {
            @Override
            public void progress(TrainingProgress p) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "step %d/%d", p.step(),
                        p.totalSteps()));
                p.losses().forEach((k, v) -> line.append(String.format(Locale.ROOT, " %s %.4f", k, v)));
                line.append(String.format(Locale.ROOT, " | %.1f images/s", p.imagesPerSecond()));
                out.println(line);
            }
        }, ProgressMonitor.NONE);
        ModelFile.save(output, result.model(), result.metadata());
        out.println("saved " + output);
        return 0;
    }

    private TrainingConfig config(Map<String, String> o, VariantConfig variant, FactorDataset dataset, Path output) {
        int latent = o.containsKey("--latent") ? parseInt("--latent", o.get("--latent")) : 10;
        TrainingConfig.Builder b = TrainingConfig.builder(variant).latentSize(latent);
        try {
            if (o.containsKey("--arch")) {
                Architecture.Kind kind = Architecture.Kind.parse(o.get("--arch"));
                int[] widths = o.containsKey("--hidden") ? parseWidths(o.get("--hidden"))
                        : (kind == Architecture.Kind.CONV ? Architecture.CONV_WIDTHS : Architecture.MLP_WIDTHS);
                b.architecture(new Architecture(kind, dataset.channels(), dataset.height(), dataset.width(), latent,
                        widths));
            } else if (o.containsKey("--hidden")) {
                b.architecture(Architecture.mlp(dataset.channels(), dataset.height(), dataset.width(), latent,
                        parseWidths(o.get("--hidden"))));
            }
            if (o.containsKey("--likelihood")) {
                b.likelihood(Likelihood.parse(o.get("--likelihood")));
            }
            if (o.containsKey("--steps")) {
                b.steps(parseInt("--steps", o.get("--steps")));
            }
            if (o.containsKey("--seed")) {
                b.seed(parseLong("--seed", o.get("--seed")));
            }
            if (o.containsKey("--batch")) {
                b.batchSize(parseInt("--batch", o.get("--batch")));
            }
            if (o.containsKey("--lr")) {
                b.learningRate(parseDouble("--lr", o.get("--lr")));
            }
            if (o.containsKey("--progress-every")) {
                b.progressEvery(parseInt("--progress-every", o.get("--progress-every")));
            }
            if (o.containsKey("--checkpoint-every")) {
                b.checkpoints(parseInt("--checkpoint-every", o.get("--checkpoint-every")), output);
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private int describe(String[] args) throws ModelFileException {
        if (args.length != 1) {
            throw new UsageException("describe needs exactly one model file");
        }
        SavedModel saved = ModelFile.load(Path.of(args[0]));
        ModelMetadata m = saved.metadata();
        out.println("model " + saved.file());
        out.println("  format version  " + m.formatVersion());
        out.println("  variant         " + m.variant().variant().id() + " " + m.variant().hyperparameters());
        out.println("  architecture    " + m.architecture());
        out.println("  likelihood      " + m.likelihood().id());
        out.println("  image shape     " + m.architecture().channels() + "x" + m.architecture().height() + "x"
                + m.architecture().width());
        out.println("  latent size     " + m.latentSize());
        out.println("  dataset         " + m.datasetName() + " factors " + m.factorNames());
        out.printf(Locale.ROOT, "  training        %d steps, seed %d, batch %d, lr %g%n", m.trainingSteps(), m.seed(),
                m.batchSize(), m.learningRate());
        out.println("  final losses    " + m.finalLosses());
        out.println("hook points:");
        for (HookPoint h : saved.model().hookPoints()) {
            out.printf(Locale.ROOT, "  %-18s %-14s %s%n", h.name(), h.shapeText(), h.kind());
        }
        return 0;
    }

    private static int parseInt(String option, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " expects an integer, got '" + text + "'");
        }
    }

    private static long parseLong(String option, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " expects an integer, got '" + text + "'");
        }
    }

    private static double parseDouble(String option, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " expects a number, got '" + text + "'");
        }
    }

    private static int[] parseWidths(String text) {
        String[] parts = text.split(",");
        int[] widths = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            widths[i] = parseInt("--hidden", parts[i]);
        }
        return widths;
    }
}
