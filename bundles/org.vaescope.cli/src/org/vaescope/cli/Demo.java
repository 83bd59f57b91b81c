package org.vaescope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.vaescope.core.data.DSpritesDataset;
import org.vaescope.core.model.DemoModels;
import org.vaescope.core.model.ModelInspector;
import org.vaescope.core.model.ModelLoadException;
import org.vaescope.core.pipeline.ModelAnalysis;
import org.vaescope.core.progress.ProgressMonitor;
import org.vaescope.core.store.ModelFile;
import org.vaescope.core.training.Trainer;
import org.vaescope.core.training.TrainingConfig;
import org.vaescope.core.training.TrainingListener;
import org.vaescope.core.training.TrainingResult;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.Variant;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The demo the README runs, on built-in defaults and nothing downloaded: opens a DL4J model
 * (structure dump), trains a small beta-VAE on procedural 32×32 dSprites, analyses it causally
 * and writes the analysis file beside the model (the IDE opens it), the circuit graph and a
 * reconstruction grid into the demo folder.
 */
@Command(name = "demo", description = "the tour on built-in data: DL4J structure, beta-VAE on dSprites 32×32, causal analysis")
final class Demo implements Callable<Integer> {

    private static final long SEED = 42;

    @ParentCommand
    VaescopeCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", defaultValue = "vaescope-demo", paramLabel = "DIR", description = "where the files go")
    Path dir;

    @Option(names = "--steps", defaultValue = "600", paramLabel = "N", description = "training steps (default 600)")
    long stepsOption;

    @Override
    public Integer call() throws ModelLoadException, IOException {
        PrintStream out = cli.out();
        int steps = Counts.positive(spec, "--steps", stepsOption, Counts.MAX_STEPS);
        Files.createDirectories(dir);

        out.println("== 1. Structure of a DL4J model (the spec's 64×64 convolutional encoder)");
        Path dl4j = DemoModels.writeConvEncoder(dir.resolve("demo-encoder.zip"), 10, SEED);
        out.print(ModelInspector.describe(dl4j).toText());

        out.println();
        out.printf(Locale.ROOT, "== 2. Training a beta-VAE on procedural dSprites 32×32 (%d steps, seed %d)%n", steps,
                SEED);
        DSpritesDataset dsprites = new DSpritesDataset(32);
        TrainingResult trained = Trainer.train(TrainingConfig.builder(Variant.BETA_VAE)
                .architecture(Architecture.mlp(1, 32, 32, 10, 256, 256)).steps(steps).batchSize(64)
                .learningRate(1e-3).seed(SEED).build(), dsprites, TrainingListener.NONE, ProgressMonitor.NONE);
        Path model = dir.resolve("demo-betavae.vsm");
        ModelFile.save(model, trained.model(), trained.metadata());
        out.println("final losses " + trained.metadata().finalLosses() + ", saved to " + model);
        VaescopeCli.run(new String[] {"reconstruct", model.toString(), "--dataset", "dsprites:size=32", "--out",
            dir.resolve("reconstructions.png").toString(), "--seed", "1"}, out, cli.err());

        out.println();
        out.println("== 3. Causal analysis (input manipulation, latent perturbation, factor interventions, metrics)");
        ModelAnalysis.Result analysis = ModelAnalysis.run(trained.model(), dsprites, ModelAnalysis.Settings.quick(SEED),
                AnalyseCommand.printing(out));
        out.print(analysis.reportText());
        out.printf(Locale.ROOT, "disentanglement score (MIG) %.3f%n", analysis.disentanglementScore());
        Path analysisFile = AnalyseCommand.write(analysis, model, "dsprites:size=32");
        Files.writeString(dir.resolve("circuits.dot"), analysis.circuitGraph().toDot());
        out.println("analysis " + analysisFile + " (opens in the IDE's analysis editor), circuit graph "
                + dir.resolve("circuits.dot"));
        return VaescopeCli.OK;
    }
}
