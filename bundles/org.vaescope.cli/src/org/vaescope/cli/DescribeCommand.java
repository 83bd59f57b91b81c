package org.vaescope.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.vaescope.core.hooks.HookPoint;
import org.vaescope.core.imports.VaeFiles;
import org.vaescope.core.runtime.InputFiles;
import org.vaescope.core.store.ModelFile;
import org.vaescope.core.store.ModelMetadata;
import org.vaescope.core.store.SavedModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code describe MODEL}: the layers of a DL4J or SameDiff model, or a {@code .vsm}'s metadata and hook points. */
@Command(name = "describe", description = "print the structure of a saved model (DL4J zip, SameDiff .fb, VAEScope .vsm, ONNX, "
        + "Keras .h5; an ONNX, DL4J or Keras encoder with its *decoder* file beside it as the whole VAE)")
final class DescribeCommand implements Callable<Integer> {

    @ParentCommand
    VaescopeCli cli;

    @Parameters(paramLabel = "MODEL", description = "the model file")
    Path model;

    @Override
    public Integer call() throws Exception {
        InputFiles.requireRegularFile(model);
        if (model.toString().endsWith(ModelFile.EXTENSION)) {
            describeSaved(ModelFile.load(model));
        } else {
            cli.out().print(VaeFiles.describe(model).toText());
        }
        return VaescopeCli.OK;
    }

    private void describeSaved(SavedModel saved) {
        ModelMetadata m = saved.metadata();
        var out = cli.out();
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
    }
}
