package org.vaescope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.pipeline.AnalysisFile;
import org.vaescope.core.pipeline.ModelAnalysis;
import org.vaescope.core.progress.ProgressMonitor;
import org.vaescope.core.runtime.InputFiles;
import org.vaescope.core.store.ModelFile;
import org.vaescope.core.store.ModelMetadata;
import org.vaescope.core.store.SavedModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code analyse MODEL.vsm [--dataset DATA] [--seed S] [--full]}: the causal analysis the IDE's
 * "Analyse with VAEScope…" runs, written as the analysis file {@code MODEL.vsa} beside the model,
 * which the IDE opens by double-click. Defaults as in the IDE: the model's training dataset at its
 * image size, the quick sample counts, seed 1.
 */
@Command(name = "analyse", aliases = "analyze",
        description = "causal analysis of a .vsm model, written as MODEL.vsa beside it (the IDE's analysis file)")
final class AnalyseCommand implements Callable<Integer> {

    @ParentCommand
    VaescopeCli cli;

    @Parameters(paramLabel = "MODEL.vsm", description = "a model trained by 'train' or 'examples'")
    Path model;

    @Option(names = "--dataset", paramLabel = "DATA",
            description = "the dataset to intervene on (default: the model's training dataset at its image size)")
    String dataset;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "fixes every random choice (default 1)")
    long seed;

    @Option(names = "--full", description = "the engine's full sample counts instead of the quick ones (minutes)")
    boolean full;

    @Override
    public Integer call() throws Exception {
        InputFiles.requireRegularFile(model);
        Path target = AnalysisFile.beside(model);
        OutputChecks.requireWritableFile(target);
        SavedModel saved = ModelFile.load(model);
        String spec = dataset == null ? trainingDataset(saved.metadata()) : dataset;
        FactorDataset data = DatasetSpecs.open(spec);
        ReconstructCommand.requireMatchingImages(saved, data);
        ModelAnalysis.Settings settings = full ? ModelAnalysis.Settings.defaults(seed) : ModelAnalysis.Settings.quick(seed);
        PrintStream out = cli.out();
        ModelAnalysis.Result result = ModelAnalysis.run(saved.model(), data, settings, printing(out));
        write(result, model, spec);
        out.printf(Locale.ROOT, "model CES %.3f, MIG %.3f; analysis written to %s%n",
                result.report().modelCes().value(), result.disentanglementScore(), target);
        return VaescopeCli.OK;
    }

    /** The dataset spec the IDE proposes for a model: its training dataset at its image size. */
    static String trainingDataset(ModelMetadata metadata) {
        return metadata.datasetName() + ":size=" + metadata.architecture().height();
    }

    /** Writes the analysis file of a model beside it, as the IDE does; returns its path. */
    static Path write(ModelAnalysis.Result result, Path model, String datasetSpec) throws IOException {
        Path target = AnalysisFile.beside(model);
        AnalysisFile.write(result, new AnalysisFile.Provenance(model, datasetSpec, VaescopeCli.VERSION), target);
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
