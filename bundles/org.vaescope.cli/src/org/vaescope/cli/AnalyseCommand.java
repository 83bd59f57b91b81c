package org.vaescope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.imports.VaeFiles;
import org.vaescope.core.pipeline.AnalysisFile;
import org.vaescope.core.pipeline.ModelAnalysis;
import org.vaescope.core.progress.ProgressMonitor;
import org.vaescope.core.runtime.InputFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code analyse MODEL [--decoder DEC] [--dataset DATA] [--out FILE.vsa] [--quick] [--seed S]
 * [--modularity-repeats R]}: the whole causal analysis of a VAEScope model or an imported VAE, written
 * as the analysis file the IDE opens (by default {@code MODEL.vsa} beside the model).
 */
@Command(name = "analyse", aliases = "analyze", description = "the causal analysis of a model (.vsm, or .onnx, a "
        + "DL4J .zip, a Keras .h5 or a SameDiff .fb, with --decoder when saved as two files), written as a .vsa analysis file (the IDE's)")
final class AnalyseCommand implements Callable<Integer> {

    @ParentCommand
    VaescopeCli cli;

    @Parameters(paramLabel = "MODEL", description = "a .vsm model, or an ONNX, DL4J, Keras or SameDiff VAE (one file, or its encoder)")
    Path model;

    @Option(names = "--decoder", paramLabel = "DEC", description = "the decoder file (.onnx, .zip, .h5, .fb) of a VAE exported as two "
            + "files (default: the file named like MODEL with 'decoder' for 'encoder', when there is one)")
    Path decoder;

    @Option(names = "--dataset", paramLabel = "DATA", description = "the dataset (default: the model's training "
            + "dataset at its image size; required for an imported model)")
    String dataset;

    @Option(names = "--out", paramLabel = "FILE.vsa", description = "the analysis file (default: beside the model)")
    Path target;

    @Option(names = "--quick", description = "small sample counts (seconds instead of minutes)")
    boolean quick;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "the seed of every random choice "
            + "(default 1)")
    long seed;

    @Option(names = "--modularity-repeats", defaultValue = "0", paramLabel = "R", description = "repeat the circuit "
            + "search R more times (at least 2) on independent pairs to give circuit modularity an interval; each "
            + "repeat costs as much as the first search (default 0: no interval)")
    long modularityRepeats;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        int repeats = Counts.modularityRepeats(spec, modularityRepeats);
        ModelAnalysis.Settings settings = (quick ? ModelAnalysis.Settings.quick(seed)
                : ModelAnalysis.Settings.defaults(seed)).withModularityRepeats(repeats);
        InputFiles.requireRegularFile(model);
        if (decoder != null) {
            InputFiles.requireRegularFile(decoder);
        }
        Path out = target != null ? target : AnalysisFile.beside(model);
        OutputChecks.requireWritableFile(out);
        VaeFiles.Loaded loaded = decoder != null ? VaeFiles.open(model, decoder) : VaeFiles.open(model);
        String spec = dataset != null ? dataset : defaultDataset(loaded);
        FactorDataset data = DatasetSpecs.open(spec);
        ReconstructCommand.requireMatchingImages(model, loaded.model(), data);
        ModelAnalysis.Result result = ModelAnalysis.run(loaded.model(), data, settings, printing(cli.out()));
        write(result, model, spec, out);
        cli.out().print(result.reportText());
        cli.out().printf(Locale.ROOT, "disentanglement score (MIG) %.3f%nanalysis of %s on %s written to %s%n",
                result.disentanglementScore(), loaded.files(), spec, out);
        return VaescopeCli.OK;
    }

    private String defaultDataset(VaeFiles.Loaded loaded) {
        String trained = loaded.trainingDataset().orElseThrow(() -> new InputException(model
                + ": an imported model does not say which dataset it was trained on — give --dataset"));
        return trained + ":size=" + loaded.model().imageShape()[1];
    }

    /** Writes the analysis file of a model beside it, as the IDE does; returns its path. */
    static Path write(ModelAnalysis.Result result, Path model, String datasetSpec) throws IOException {
        return write(result, model, datasetSpec, AnalysisFile.beside(model));
    }

    private static Path write(ModelAnalysis.Result result, Path model, String datasetSpec, Path target)
            throws IOException {
        AnalysisFile.write(result, new AnalysisFile.Provenance(model.toAbsolutePath(), datasetSpec, VaescopeCli.VERSION),
                target);
        return target;
    }

    /** Prints each step of the engine's progress on its own line. */
    static ProgressMonitor printing(PrintStream out) {
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
