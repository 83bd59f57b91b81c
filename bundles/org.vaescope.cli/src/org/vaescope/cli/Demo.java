package org.vaescope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import org.vaescope.core.data.DSpritesDataset;
import org.vaescope.core.progress.ProgressMonitor;
import org.vaescope.core.model.DemoModels;
import org.vaescope.core.model.ModelInspector;
import org.vaescope.core.model.ModelLoadException;
import org.vaescope.core.pipeline.ModelAnalysis;
import org.vaescope.core.store.ModelFile;
import org.vaescope.core.training.Trainer;
import org.vaescope.core.training.TrainingConfig;
import org.vaescope.core.training.TrainingListener;
import org.vaescope.core.training.TrainingResult;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.Variant;

/**
 * The demo the README runs, on built-in defaults and nothing downloaded: opens a DL4J model
 * (structure dump), trains a small beta-VAE on procedural 32×32 dSprites, analyses it causally
 * and writes the report, the circuit graph and a reconstruction grid into the demo folder.
 */
final class Demo {

    private static final long SEED = 42;
    private static final Set<String> OPTIONS = Set.of("steps");

    private Demo() {
    }

    static int run(String[] argv, PrintStream out) throws ModelLoadException, IOException, Args.UsageException {
        Args args = Args.parse(argv, OPTIONS);
        Path dir = Path.of(args.positionals().isEmpty() ? "vaescope-demo" : args.positionals().get(0));
        int steps = (int) args.longOption("steps", 600);
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
        ReconstructCommand.run(new String[] {model.toString(), "--dataset", "dsprites:size=32", "--out",
            dir.resolve("reconstructions.png").toString(), "--seed", "1"}, out);

        out.println();
        out.println("== 3. Causal analysis (input manipulation, latent perturbation, factor interventions, metrics)");
        ModelAnalysis.Result analysis = ModelAnalysis.run(trained.model(), dsprites, ModelAnalysis.Settings.quick(SEED),
                printing(out));
        out.print(analysis.report().toText());
        out.printf(Locale.ROOT, "disentanglement score (MIG) %.3f%n", analysis.disentanglementScore());
        Files.writeString(dir.resolve("analysis.json"), analysis.toJson());
        Files.writeString(dir.resolve("circuits.dot"), analysis.circuitGraph().toDot());
        out.println("report " + dir.resolve("analysis.json") + ", circuit graph " + dir.resolve("circuits.dot"));
        return VaescopeCli.OK;
    }

    private static ProgressMonitor printing(PrintStream out) {
        return new ProgressMonitor() {
            @Override
            public void worked(int done, int total, String what) {
                out.printf("  [%d/%d] %s%n", done, total, what);
            }

            @Override
            public boolean isCanceled() {
                return false;
            }
        };
    }
}
