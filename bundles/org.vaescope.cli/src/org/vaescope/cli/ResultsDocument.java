package org.vaescope.cli;

import java.util.DoubleSummaryStatistics;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.vaescope.core.analysis.Estimate;
import org.vaescope.core.analysis.ImpliedEffectEvidence;
import org.vaescope.core.pipeline.Reproduction;
import org.vaescope.core.vae.Variant;

/** The Markdown page the reproduction writes: command, scaled-down settings, table, controls, curves. */
final class ResultsDocument {

    /**
     * Where the hand-written part of a results document begins: {@code reproduce} keeps the marker
     * and everything after it when it rewrites the file.
     */
    static final String HAND_WRITTEN = "<!-- written by hand from here on: reproduce keeps it when it rewrites the file -->";

    private ResultsDocument() {
    }

    /** The generated document followed by the hand-written part of the one it replaces, if that has one. */
    static String keepingHandWritten(String generated, String previous) {
        int at = previous == null ? -1 : previous.indexOf(HAND_WRITTEN);
        return at < 0 ? generated : generated + "\n" + previous.substring(at);
    }

    static String render(String command, Reproduction.Settings settings, List<Reproduction.Run> runs, double minutes) {
        int size = settings.imageSize();
        StringBuilder md = new StringBuilder();
        md.append("# Reproduction of the paper's dSprites comparison\n\n");
        md.append("Produced by:\n\n```sh\n").append(command).append("\n```\n\n");
        double analysisMinutes = runs.stream().mapToDouble(Reproduction.Run::seconds).sum() / 60;
        md.append(String.format(Locale.ROOT, "The analyses of the %d runs took %.1f minutes of wall time on this "
                + "machine (2 CPU cores shared with other work; training is not counted); this invocation %.1f "
                + "minutes. Each run's JSON (every interval, "
                + "the MIG curve, read-out accuracies, losses, hyperparameters) is in `%s/`.%n%n", runs.size(),
                analysisMinutes, minutes, settings.runDirectory()));
        md.append("## What was scaled down\n\n");
        md.append(String.format(Locale.ROOT, """
                - Images: procedural dSprites and the causal dataset rendered at %d×%d (the paper: 64×64).
                - Network: %s, latent size %d; reconstruction term the Bernoulli log-likelihood of the pixels on \
                both datasets (disentanglement_lib's `bernoulli_loss`).
                - Training: Adam, batch %d, learning rate %s, %s per model (disentanglement_lib: \
                300,000 steps at 1e-4); FactorVAE's discriminator learns at the same rate.
                - Seeds planned: %s, %s; the table holds what finished. Hyperparameters: beta-VAE beta = 4, \
                FactorVAE gamma = 10, beta-TC-VAE beta = 6, DIP-VAE-II lambda_od = lambda_d = 10, VQ-VAE 64 codes \
                of dimension 2 with commitment 0.25.
                - Analysis: %d input pairs per factor, %d inputs for latent perturbation (deltas -2, -1, 1, 2), \
                disentanglement metrics on %d training / %d test samples (MIG on at least 10,000); MIG curve every %d steps on %d samples.
                %n""", size, size, network(settings.architecture(), size), settings.architecture().latentSize(),
                settings.batchSize(), settings.learningRate(), trainingLength(settings), settings.seeds(),
                plannedJobs(settings),
                settings.analysis().pairsPerFactor(), settings.analysis().latentSamples(),
                settings.analysis().metricTrain(), settings.analysis().metricTest(), settings.curveEvery(),
                settings.curveSamples()));
        md.append("## Table (dSprites)\n\n");
        md.append("The paper does not say which metric its \"disentanglement score\" is; by our definition it is MIG, "
                + "with DCI disentanglement beside it. Mean CES is the output effect O averaged over active latents "
                + "(KL > 0.01 nats). Intervals are 95 % Student-t over seeds; the per-model bootstrap intervals are in "
                + "the JSON. The implied-edges column lists, per seed, the edges of the implied factor graph: dSprites' "
                + "factors are independent, so every edge is a false positive.\n\n");
        md.append(Reproduction.table(runs)).append('\n');
        md.append("CES is an L2 norm over pixels, so it grows with the image side; CES / √pixels (the root-mean-square "
                + "change per pixel) is comparable across sizes, and the paper's CES at 64×64 is divided by 64 for it.\n\n");
        appendV3(md, Reproduction.of(runs, "dsprites"), Reproduction.of(runs, "causal"));
        md.append("## Does the paper's ordering hold?\n\n");
        md.append("The paper ranks FactorVAE > VAE > beta-VAE on both columns.\n\n");
        if (Reproduction.VARIANTS.stream().anyMatch(v -> Reproduction.of(runs, "dsprites").stream()
                .noneMatch(r -> r.variant() == v))) {
            md.append("Not testable with these runs: not every variant finished.\n\n");
            appendNegativeControl(md, Reproduction.of(runs, "dsprites"));
            appendPositiveControl(md, Reproduction.of(runs, "causal"));
            appendCurves(md, runs);
            appendRuns(md, runs);
            return md.toString();
        }
        List<Reproduction.Run> dsprites = Reproduction.of(runs, "dsprites");
        Map<String, Boolean> holds = Reproduction.orderingHolds(runs);
        for (Reproduction.OrderedColumn column : Reproduction.ORDERED_COLUMNS) {
            md.append("- By ").append(column.name()).append(": ")
                    .append(holds.get(column.name()) ? "**yes**, our means rank the variants the same way."
                            : "**no**, our means rank the variants differently.")
                    .append(' ').append(ourOrder(dsprites, column.value())).append('\n');
        }
        md.append("\nOverlapping intervals mean a ranking is not established by these runs either way.\n\n");
        appendNegativeControl(md, Reproduction.of(runs, "dsprites"));
        appendPositiveControl(md, Reproduction.of(runs, "causal"));
        appendCurves(md, runs);
        appendRuns(md, runs);
        return md.toString();
    }

    /** The variants by their mean, with the 95 % t-intervals over seeds, and the pairs whose intervals are apart. */
    static String ourOrder(List<Reproduction.Run> dsprites, ToDoubleFunction<Reproduction.Run> value) {
        List<Variant> order = Reproduction.byMean(dsprites, value);
        Map<Variant, Reproduction.Summary> summaries = new EnumMap<>(Variant.class);
        order.forEach(v -> summaries.put(v, Reproduction.column(dsprites.stream().filter(r -> r.variant() == v)
                .toList(), value)));
        List<String> apart = IntStream.range(0, order.size()).boxed().flatMap(i -> order.subList(i + 1, order.size())
                .stream().filter(lower -> summaries.get(order.get(i)).lower() > summaries.get(lower).upper())
                .map(lower -> order.get(i).displayName() + " > " + lower.displayName())).toList();
        return "Ours: " + order.stream().map(v -> v.displayName() + " " + summaries.get(v).format("%.3f"))
                .collect(Collectors.joining(" > ")) + "; " + (apart.isEmpty() ? "no two intervals are apart."
                        : "intervals apart: " + String.join(", ", apart) + ".");
    }

    /**
     * The paper's v3 comparison: on dSprites CES against DCI across models and across variant means,
     * and VQ-VAE's CES before and after its quantiser beside the Gaussian variants'; the same
     * correlations on the causal dataset.
     */
    static void appendV3(StringBuilder md, List<Reproduction.Run> dsprites, List<Reproduction.Run> causal) {
        md.append("## The paper's v3 comparison\n\n");
        md.append("v3 adds beta-TC-VAE, DIP-VAE-II and VQ-VAE (three seeds each), reports DCI disentanglement beside "
                + "CES, a negative correlation between CES and DCI within a dataset, and CES near zero for VQ-VAE's "
                + "discrete latents. Here on dSprites (the v3 variants' rows are in the table above) and on the "
                + "causal dataset (one seed per variant); 3DShapes, MPI3D, CelebA and SmallNORB are not on this "
                + "machine.\n\n");
        md.append("dSprites:\n\n");
        appendCorrelations(md, dsprites);
        List<Reproduction.Run> vq = dsprites.stream().filter(r -> r.variant() == Variant.VQ_VAE).toList();
        List<Reproduction.Run> gaussian = dsprites.stream().filter(r -> r.variant() != Variant.VQ_VAE).toList();
        if (!vq.isEmpty() && !gaussian.isEmpty()) {
            DoubleSummaryStatistics gaussianCes = gaussian.stream().mapToDouble(r -> r.ces().value()).summaryStatistics();
            md.append(String.format(Locale.ROOT, "- VQ-VAE (%d seed%s): mean CES %s with the shift made before the "
                    + "quantiser, %s fed after it; the Gaussian variants' models range from %.2f to %.2f.%n",
                    vq.size(), vq.size() == 1 ? "" : "s", Reproduction.column(vq, r -> r.ces().value()).format("%.2f"),
                    Reproduction.column(vq, Reproduction.Run::cesAfterQuantiser).format("%.2f"),
                    gaussianCes.getMin(), gaussianCes.getMax()));
        }
        if (causal.stream().map(Reproduction.Run::variant).distinct().count() > 1) {
            md.append("\nThe causal dataset:\n\n");
            appendCorrelations(md, causal);
            for (Reproduction.Run run : causal) {
                md.append(String.format(Locale.ROOT, "- %s seed %d: mean CES %.2f, DCI %.3f, MIG %.3f%n",
                        run.variant().displayName(), run.seed(), run.ces().value(), run.dciDisentanglement(), run.mig()));
            }
        }
        md.append('\n');
    }

    private static void appendCorrelations(StringBuilder md, List<Reproduction.Run> runs) {
        md.append(String.format(Locale.ROOT, "- CES against DCI disentanglement across the %d models: Pearson r = %s.%n",
                runs.size(), correlation(Reproduction.cesDciCorrelation(runs))));
        Map<Variant, List<Reproduction.Run>> byVariant = runs.stream().collect(Collectors
                .groupingBy(Reproduction.Run::variant, () -> new EnumMap<>(Variant.class), Collectors.toList()));
        md.append(String.format(Locale.ROOT, "- Across the means of the %d variants: r = %s.%n", byVariant.size(),
                correlation(Reproduction.correlation(variantMeans(byVariant, r -> r.ces().value()),
                        variantMeans(byVariant, Reproduction.Run::dciDisentanglement)))));
    }

    private static String correlation(Reproduction.Summary r) {
        return String.format(Locale.ROOT, "%.2f", r.mean()) + (Double.isNaN(r.lower()) ? " (no interval below 4)"
                : String.format(Locale.ROOT, " [%.2f, %.2f] (95 %% Fisher-z interval)", r.lower(), r.upper()));
    }

    private static double[] variantMeans(Map<Variant, List<Reproduction.Run>> byVariant,
            ToDoubleFunction<Reproduction.Run> value) {
        return byVariant.values().stream().mapToDouble(of -> Reproduction.column(of, value).mean()).toArray();
    }

    /**
     * Per dSprites model: the implied edges (all false positives), how many of the K(K − 1) entries
     * of M were tested at all (an empty graph that set everything aside is not a pass), and the
     * largest tested entry net of the read-outs' crosstalk, the margin to the threshold.
     */
    static void appendNegativeControl(StringBuilder md, List<Reproduction.Run> dsprites) {
        md.append("## Negative control: dSprites\n\n");
        md.append("dSprites' factors are independent, so the implied graph should be empty. An entry M[k,l] is "
                + "tested unless it is set aside: l is unreadable in the reconstructions, the pair is confounded "
                + "(k's carrier also carries l), or k has no intervention of its own (k is unreadable, its carrier does "
                + "not move k's read-out by the threshold, or is a readable factor's carrier and moves that one more; "
                + "`docs/analysis.md`). A tested "
                + "entry is read net of the read-outs' crosstalk (M[k,l] - rho[k,l] M[k,k], rho measured on "
                + "reconstructions of dataset pairs that differ only in k) and is an edge when the lower end of its "
                + "95 % interval is above 0.1 (runs analysed before that rule: when its value is; column \"edge "
                + "rule\"). A graph that is empty only because every entry was set aside is vacuous.\n\n");
        md.append("| model | seed | implied edges | entries tested | set aside: unreadable | set aside: confounded "
                + "| set aside: no own intervention | largest tested entry, net of crosstalk | edge rule | verdict |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
        for (Reproduction.Run run : dsprites) {
            if (run.testedEvidence() == null) {
                continue;
            }
            int[] counts = setAside(run);
            String verdict = !run.impliedEdges().isEmpty() ? "fails" : counts[0] == 0 ? "vacuous" : "passes";
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %d of %d | %d | %d | %d | %s | %s | %s |%n",
                    run.variant().displayName(), run.seed(), run.impliedEdges(), counts[0],
                    IntStream.of(counts).sum(), counts[1], counts[2], counts[3], largestTested(run),
                    run.edgesByLowerBound() ? "95 % lower bound" : "value", verdict));
        }
        md.append('\n');
    }

    /**
     * The largest tested entry net of the crosstalk (with the lower end of its interval when the run
     * has it), and the largest tested entry as measured (before the crosstalk is taken off).
     */
    static String largestTested(Reproduction.Run run) {
        String net = run.testedEvidence().entrySet().stream().max(Map.Entry.comparingByValue())
                .map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue())
                        + (run.testedEvidenceLower().containsKey(e.getKey())
                                ? String.format(Locale.ROOT, " [lower %.3f]", run.testedEvidenceLower().get(e.getKey()))
                                : ""))
                .orElse("–");
        if (run.testedEffect() == null) {
            return net;
        }
        return net + run.testedEffect().entrySet().stream().max(Map.Entry.comparingByValue())
                .map(e -> String.format(Locale.ROOT, " (largest measured M: %s %.3f)", e.getKey(), e.getValue()))
                .orElse("");
    }

    /**
     * Off-diagonal entries of a run's M: tested, set aside as into an unreadable factor, as
     * confounded, as out of a factor without an intervention of its own (the first reason that applies).
     */
    static int[] setAside(Reproduction.Run run) {
        List<String> factors = List.copyOf(run.readoutAccuracy().keySet());
        int[] counts = new int[4];
        for (String cause : factors) {
            for (String effect : factors) {
                if (cause.equals(effect)) {
                    continue;
                }
                counts[ImpliedEffectEvidence.Entry.of(run.unreadableFactors().contains(effect),
                        run.confoundedPairs().contains(cause + " -> " + effect),
                        run.withoutOwnIntervention().contains(cause)).ordinal()]++;
            }
        }
        return counts;
    }

    private static void appendPositiveControl(StringBuilder md, List<Reproduction.Run> causal) {
        md.append("## Positive control: the causal dataset\n\n");
        if (causal.isEmpty()) {
            md.append("No run finished.\n\n");
            return;
        }
        md.append("Each model trained on the synthetic causal dataset (`docs/datasets.md`): beta-VAE for the control "
                + "seeds, every other variant for the first seed. The implied factor graph is scored against the "
                + "planted graph (bootstrap 95 % intervals inside each model).\n\n");
        md.append("| model | seed | MIG | implied edges | precision | recall |\n|---|---|---|---|---|---|\n");
        for (Reproduction.Run run : causal) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %s | %s | %s |%n", run.variant().displayName(),
                    run.seed(), run.mig(), run.impliedEdges(), interval(run.precision()), interval(run.recall())));
        }
        md.append(String.format(Locale.ROOT, "| mean over models (95 %% t-interval) | | %s | | %s | %s |%n",
                Reproduction.column(causal, Reproduction.Run::mig).format("%.3f"),
                definedMean(causal, r -> r.precision()), definedMean(causal, r -> r.recall())));
        md.append("\nPrecision is undefined for a model that implies no edge; the mean is over the seeds where it is "
                + "defined.\n\n");
    }

    private static String definedMean(List<Reproduction.Run> runs, java.util.function.Function<Reproduction.Run, Estimate> value) {
        List<Reproduction.Run> defined = runs.stream()
                .filter(r -> value.apply(r) != null && !Double.isNaN(value.apply(r).value())).toList();
        if (defined.isEmpty()) {
            return "undefined";
        }
        String mean = Reproduction.column(defined, r -> value.apply(r).value()).format("%.2f");
        return defined.size() == runs.size() ? mean
                : mean + " (defined on " + defined.size() + " of " + runs.size() + " seeds)";
    }

    /** How long each model trains: its least steps and, if more are allowed, the settling rule that uses them. */
    static String trainingLength(Reproduction.Settings settings) {
        String least = String.format(Locale.ROOT, "%d steps", settings.steps());
        return settings.maxSteps() == settings.steps() ? least
                : String.format(Locale.ROOT, "%s, and on up to %d while the MIG curve has not settled (moved %.2f or more "
                        + "over the last %,d steps; checked at each curve point)", least, settings.maxSteps(),
                        Reproduction.SETTLED_CHANGE, Reproduction.SETTLING_STEPS);
    }

    private static void appendCurves(StringBuilder md, List<Reproduction.Run> runs) {
        md.append(String.format(Locale.ROOT, "## MIG against training steps%n%nEach point on 2,000 samples. A curve has "
                + "settled when MIG moved less than %.2f over the last %,d steps (the change is given).%n%n"
                + "| dataset | model | seed | MIG at step | settled |%n|---|---|---|---|---|%n", Reproduction.SETTLED_CHANGE,
                Reproduction.SETTLING_STEPS));
        for (Reproduction.Run run : runs) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s |%n", run.dataset(),
                    run.variant().displayName(), run.seed(), run.migCurve().stream()
                            .map(p -> String.format(Locale.ROOT, "%d: %.3f", p.step(), p.mig()))
                            .collect(Collectors.joining(", ")), settled(run.migCurve())));
        }
        md.append('\n');
    }

    /** Whether the curve has settled, with MIG's change over its last steps. */
    static String settled(List<Reproduction.CurvePoint> curve) {
        OptionalDouble change = Reproduction.settlingChange(curve);
        return change.isEmpty() ? "too short to tell"
                : String.format(Locale.ROOT, "%s (%+.3f)", Reproduction.settled(curve) ? "yes" : "no",
                        change.getAsDouble());
    }

    private static void appendRuns(StringBuilder md, List<Reproduction.Run> runs) {
        md.append("## Every run\n\nRead-out accuracy per factor: on dataset images / on the model's reconstructions "
                + "/ chance (1 / classes). Confounded pairs (k -> l: the latent shifted for k also carries l) are no evidence either way; "
                + "unreadable factors are those whose read-out does not see them in the reconstructions (accuracy "
                + "above chance below 0.1), so no edge into them is testable.\n\n"
                + "| dataset | model | seed | MIG | DCI | CES | active latents | read-out accuracy "
                + "| implied edges | confounded pairs | unreadable factors | final losses |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Reproduction.Run run : runs) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.3f | %.3f | %s | %d | %s | %s | %s | %s | %s |%n",
                    run.dataset(), run.variant().displayName(), run.seed(), run.mig(), run.dciDisentanglement(),
                    interval(run.ces()), run.activeLatents(), accuracies(run), run.impliedEdges(),
                    run.confoundedPairs() == null ? "–" : run.confoundedPairs(),
                    run.unreadableFactors() == null ? "–" : run.unreadableFactors(), losses(run)));
        }
    }

    /** The final losses; for FactorVAE with the discriminator's learning rate (its loss is ln 2 ≈ 0.693 at chance). */
    private static String losses(Reproduction.Run run) {
        Double discriminatorRate = run.hyperparameters().get("discriminatorLearningRate");
        return rounded(run.finalLosses()) + (discriminatorRate == null ? ""
                : String.format(Locale.ROOT, " (discriminator lr %s)", discriminatorRate));
    }

    private static String accuracies(Reproduction.Run run) {
        if (run.reconstructionAccuracy() == null) {
            return rounded(run.readoutAccuracy());
        }
        return run.readoutAccuracy().keySet().stream().map(f -> String.format(Locale.ROOT, "%s %.2f / %.2f / %.2f", f,
                run.readoutAccuracy().get(f), run.reconstructionAccuracy().get(f), run.chanceAccuracy().get(f)))
                .collect(Collectors.joining(", "));
    }

    private static String interval(Estimate estimate) {
        return estimate == null ? "–" : estimate.formatted();
    }

    private static String rounded(Map<String, Double> values) {
        return values.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    static String network(org.vaescope.core.vae.Architecture architecture, int size) {
        String widths = java.util.Arrays.stream(architecture.widths()).mapToObj(String::valueOf)
                .collect(Collectors.joining("-"));
        String images = size < Reproduction.PAPER_IMAGE_SIDE ? " on the smaller images" : "";
        return architecture.kind() == org.vaescope.core.vae.Architecture.Kind.CONV
                ? "the spec's convolutional encoder/decoder (widths " + widths + ")" + images
                : "an MLP encoder/decoder (" + widths + ") instead of the convolutional one";
    }

    /** Which jobs the invocation planned, and in what order: all of them, or only those named by --only. */
    static String plannedJobs(Reproduction.Settings settings) {
        if (!settings.only().isEmpty()) {
            return "only the jobs " + settings.only().stream().sorted().collect(Collectors.joining(", "));
        }
        return "the controls first (beta-VAE on dSprites and on the causal dataset, three seeds), then the other "
                + "variants seed by seed, then the v3 variants (beta-TC-VAE, DIP-VAE-II, VQ-VAE) for the first three "
                + "seeds, then every other variant on the causal dataset for the first seed";
    }
}
