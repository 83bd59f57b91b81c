package org.vaescope.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.progress.ProgressMonitor;
import org.vaescope.core.store.ModelFile;
import org.vaescope.core.training.Trainer;
import org.vaescope.core.training.TrainingConfig;
import org.vaescope.core.training.TrainingListener;
import org.vaescope.core.training.TrainingProgress;
import org.vaescope.core.training.TrainingResult;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.Likelihood;
import org.vaescope.core.vae.Variant;
import org.vaescope.core.vae.VariantConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code train --variant V --dataset DATA --out FILE.vsm ...}: trains a VAE with the paper's defaults and
 * saves it. Every option and the output file are checked before training starts.
 */
@Command(name = "train", description = "train a VAE (variants: vae, betavae, factorvae, betatcvae, dipvae2, vqvae)")
final class TrainCommand implements Callable<Integer> {

    @ParentCommand
    VaescopeCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--variant", required = true, paramLabel = "V", description = "the VAE variant")
    String variant;

    @Option(names = "--dataset", required = true, paramLabel = "DATA", description = "the training data")
    String dataset;

    @Option(names = "--out", required = true, paramLabel = "FILE.vsm", description = "the model file to write")
    Path out;

    @Option(names = "--steps", paramLabel = "N", description = "training steps (default: the variant's)")
    Long steps;

    @Option(names = "--seed", paramLabel = "S", description = "random seed")
    Long seed;

    @Option(names = "--batch", paramLabel = "B", description = "batch size")
    Long batch;

    @Option(names = "--lr", paramLabel = "L", description = "learning rate")
    Double learningRate;

    @Option(names = "--arch", paramLabel = "conv|mlp", description = "encoder/decoder architecture")
    String arch;

    @Option(names = "--latent", paramLabel = "N", defaultValue = "10", description = "latent size (default 10)")
    long latent;

    @Option(names = "--hidden", paramLabel = "W,W", split = ",", description = "hidden layer widths")
    List<Long> hidden;

    @Option(names = "--likelihood", paramLabel = "bernoulli|gaussian", description = "the decoder's likelihood (default bernoulli, for every dataset as in disentanglement_lib)")
    String likelihood;

    @Option(names = "--set", paramLabel = "key=value", description = "a hyperparameter of the variant, e.g. beta=8")
    Map<String, String> hyperparameters = new LinkedHashMap<>();

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "save a checkpoint every N steps")
    Long checkpointEvery;

    @Option(names = "--progress-every", paramLabel = "N", description = "print progress every N steps")
    Long progressEvery;

    @Override
    public Integer call() throws IOException {
        VariantConfig variantConfig = variantConfig();
        OutputChecks.requireWritableFile(out);
        FactorDataset data = DatasetSpecs.open(dataset);
        TrainingConfig config = config(variantConfig, data);
        var print = cli.out();
        print.printf(Locale.ROOT, "training %s on %s (%dx%dx%d) for %d steps, batch %d, lr %g, seed %d%n",
                variantConfig.variant().displayName(), data.name(), data.channels(), data.height(), data.width(),
                config.steps(), config.batchSize(), config.learningRate(), config.seed());
        TrainingResult result = Trainer.train(config, data, new TrainingListener() {
            @Override
            public void progress(TrainingProgress p) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "step %d/%d", p.step(),
                        p.totalSteps()));
                p.losses().forEach((k, v) -> line.append(String.format(Locale.ROOT, " %s %.4f", k, v)));
                line.append(String.format(Locale.ROOT, " | %.1f images/s", p.imagesPerSecond()));
                print.println(line);
            }
        }, ProgressMonitor.NONE);
        ModelFile.save(out, result.model(), result.metadata());
        print.println("saved " + out);
        return VaescopeCli.OK;
    }

    private VariantConfig variantConfig() {
        Map<String, Double> values = new LinkedHashMap<>();
        hyperparameters.forEach((key, text) -> values.put(key, finite("--set " + key, text)));
        try {
            return new VariantConfig(Variant.parse(variant), values);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private TrainingConfig config(VariantConfig variantConfig, FactorDataset data) {
        int latentSize = Counts.positive(spec, "--latent", latent, Counts.MAX_LATENTS);
        TrainingConfig.Builder b = TrainingConfig.builder(variantConfig).latentSize(latentSize);
        try {
            if (arch != null || hidden != null) {
                Architecture.Kind kind = arch == null ? Architecture.Kind.MLP : Architecture.Kind.parse(arch);
                int[] widths = hidden != null ? widths()
                        : kind == Architecture.Kind.CONV ? Architecture.CONV_WIDTHS : Architecture.MLP_WIDTHS;
                b.architecture(new Architecture(kind, data.channels(), data.height(), data.width(), latentSize, widths));
            }
            if (likelihood != null) {
                b.likelihood(Likelihood.parse(likelihood));
            }
            if (steps != null) {
                b.steps(Counts.positive(spec, "--steps", steps, Counts.MAX_STEPS));
            }
            if (seed != null) {
                b.seed(seed);
            }
            if (batch != null) {
                b.batchSize(Counts.positive(spec, "--batch", batch, Counts.MAX_BATCH));
            }
            if (learningRate != null) {
                b.learningRate(positiveFinite("--lr", learningRate));
            }
            if (progressEvery != null) {
                b.progressEvery(Counts.positive(spec, "--progress-every", progressEvery, Counts.MAX_STEPS));
            }
            if (checkpointEvery != null) {
                b.checkpoints(Counts.positive(spec, "--checkpoint-every", checkpointEvery, Counts.MAX_STEPS), out);
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private int[] widths() {
        return hidden.stream().mapToInt(w -> Counts.positive(spec, "--hidden", w, Counts.MAX_WIDTH)).toArray();
    }

    private double finite(String option, String text) {
        try {
            double value = Double.parseDouble(text.strip());
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ParameterException(spec.commandLine(), option + " needs a finite number, got '" + text + "'");
    }

    private double positiveFinite(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new ParameterException(spec.commandLine(), option + " needs a positive finite number, got " + value);
        }
        return value;
    }
}
