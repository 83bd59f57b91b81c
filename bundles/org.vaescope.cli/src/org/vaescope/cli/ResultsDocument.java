package org.vaescope.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.vaescope.core.pipeline.Reproduction;

/** The Markdown page the reproduction writes: command, scaled-down settings, table, verdict. */
final class ResultsDocument {

    private ResultsDocument() {
    }

    static String render(String command, Reproduction.Settings settings, int size, List<Reproduction.Run> runs,
            double minutes) {
        StringBuilder md = new StringBuilder();
        md.append("# Reproduction of the paper's dSprites comparison\n\n");
        md.append("Produced by:\n\n```sh\n").append(command).append("\n```\n\n");
        md.append(String.format(Locale.ROOT, "It took %.1f minutes on this machine (2 CPU cores).%n%n", minutes));
        md.append("## What was scaled down\n\n");
        md.append(String.format(Locale.ROOT, """
                - Images: procedural dSprites rendered at %d×%d (the paper: 64×64).
                - Network: an MLP encoder/decoder (256-256, latent size 10) instead of the convolutional one.
                - Training: %d Adam steps of batch %d at learning rate %s per model (disentanglement_lib: 300,000 \
                steps at 1e-4).
                - Seeds: %s per variant. Hyperparameters: beta-VAE beta = 4, FactorVAE gamma = 10.
                - Analysis: %d input pairs per factor, %d inputs for latent perturbation (deltas -2, -1, 1, 2), \
                disentanglement metrics on %d training / %d test samples; bootstrap intervals inside each model \
                are in the JSON reports, the intervals below are over seeds (Student t, 95 %%).
                %n""", size, size, settings.steps(), settings.batchSize(), settings.learningRate(), settings.seeds(),
                settings.analysis().pairsPerFactor(), settings.analysis().latentSamples(),
                settings.analysis().metricTrain(), settings.analysis().metricTest()));
        md.append("## Table\n\n");
        md.append("The paper does not say which metric its \"disentanglement score\" is; by our definition it is MIG, "
                + "with DCI disentanglement beside it. Mean CES is the output effect O averaged over active latents "
                + "(KL > 0.01 nats). Intervals are 95 % over seeds.\n\n");
        md.append(Reproduction.table(runs)).append('\n');
        md.append("## Does the paper's ordering hold?\n\n");
        md.append("The paper ranks FactorVAE > VAE > beta-VAE on both columns.\n\n");
        for (Map.Entry<String, Boolean> holds : Reproduction.orderingHolds(runs).entrySet()) {
            md.append("- By ").append(holds.getKey()).append(": ")
                    .append(holds.getValue() ? "**yes**, our means rank the variants the same way."
                            : "**no**, our means rank the variants differently.")
                    .append('\n');
        }
        md.append("\nOverlapping intervals mean a ranking is not established by these runs either way.\n\n");
        md.append("## Every run\n\n| model | seed | MIG | DCI | CES | final losses |\n|---|---|---|---|---|---|\n");
        for (Reproduction.Run run : runs) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %s |%n", run.variant().displayName(),
                    run.seed(), run.mig(), run.dciDisentanglement(), run.ces().value(), run.finalLosses()));
        }
        return md.toString();
    }
}
