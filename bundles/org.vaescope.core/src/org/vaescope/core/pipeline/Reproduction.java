package org.vaescope.core.pipeline;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.vaescope.core.analysis.Estimate;
import org.vaescope.core.analysis.UnitClassification;
import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.progress.ProgressMonitor;
import org.vaescope.metrics.Dci;
import org.vaescope.core.training.Trainer;
import org.vaescope.core.training.TrainingConfig;
import org.vaescope.core.training.TrainingListener;
import org.vaescope.core.training.TrainingResult;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.Variant;

/**
 * The paper's comparison (arXiv 2505.03530 v1, dSprites): standard VAE, beta-VAE and FactorVAE,
 * several seeds each, trained and analysed with the same settings, summarised as the paper's table
 * (disentanglement score, mean CES) plus specificity, modularity and unit classes.
 */
public final class Reproduction {

    /** The variants the paper compares, in its table's order. */
    public static final List<Variant> VARIANTS = List.of(Variant.VAE, Variant.BETA_VAE, Variant.FACTOR_VAE);

    /** The paper's v1 table: disentanglement score and mean CES per variant. */
    public static final Map<Variant, double[]> PAPER = Map.of(Variant.VAE, new double[] {0.064, 3.99},
            Variant.BETA_VAE, new double[] {0.051, 3.43}, Variant.FACTOR_VAE, new double[] {0.084, 4.59});

    /** Two-sided 97.5 % Student-t quantiles for 1…9 degrees of freedom (95 % intervals over seeds). */
    private static final double[] T_975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262};

    /**
     * @param architecture the network every variant trains (the same for all)
     * @param steps training steps per model
     */
    public record Settings(Architecture architecture, int steps, int batchSize, double learningRate, List<Long> seeds,
            ModelAnalysis.Settings analysis) {
        public Settings {
            seeds = List.copyOf(seeds);
            if (seeds.size() < 2) {
                throw new IllegalArgumentException("intervals over seeds need at least 2 seeds, got " + seeds.size());
            }
        }
    }

    /** One trained and analysed model. */
    public record Run(Variant variant, long seed, double mig, double dciDisentanglement, Estimate ces,
            Estimate specificity, Estimate modularity, int monosemantic, int polysemantic, int dead,
            Map<String, Double> finalLosses) {
    }

    /** Mean and 95 % interval over seeds of one column of the table. */
    public record Summary(double mean, double lower, double upper) {

        static Summary of(double[] values) {
            double mean = 0;
            for (double v : values) {
                mean += v / values.length;
            }
            double variance = 0;
            for (double v : values) {
                variance += (v - mean) * (v - mean) / (values.length - 1);
            }
            double half = T_975[Math.min(values.length - 2, T_975.length - 1)] * Math.sqrt(variance / values.length);
            return new Summary(mean, mean - half, mean + half);
        }

        String format(String pattern) {
            return String.format(Locale.ROOT, pattern + " [" + pattern + ", " + pattern + "]", mean, lower, upper);
        }
    }

    private Reproduction() {
    }

    /** Trains and analyses every variant with every seed; prints a line per finished model. */
    public static List<Run> run(FactorDataset dataset, Settings settings, PrintStream log, ProgressMonitor monitor) {
        ProgressMonitor progress = ProgressMonitor.orNone(monitor);
        List<Run> runs = new ArrayList<>();
        int total = VARIANTS.size() * settings.seeds().size();
        for (Variant variant : VARIANTS) {
            for (long seed : settings.seeds()) {
                progress.checkCanceled("the reproduction");
                long start = System.nanoTime();
                TrainingResult trained = Trainer.train(TrainingConfig.builder(variant)
                        .architecture(settings.architecture()).steps(settings.steps()).batchSize(settings.batchSize())
                        .learningRate(settings.learningRate()).seed(seed).build(), dataset, TrainingListener.NONE,
                        progress);
                ModelAnalysis.Settings a = settings.analysis();
                ModelAnalysis.Result analysed = ModelAnalysis.run(trained.model(), dataset,
                        new ModelAnalysis.Settings(a.pairsPerFactor(), a.latentSamples(), a.carriersPerFactor(),
                                a.metricTrain(), a.metricTest(), a.hooks(), a.readouts(), a.thresholds(),
                                a.bootstrap(), a.batchSize(), seed),
                        progress);
                Run run = summarise(variant, seed, trained, analysed);
                runs.add(run);
                log.printf(Locale.ROOT, "[%d/%d] %-10s seed %d: MIG %.3f, DCI %.3f, CES %.3f (%.0f s)%n", runs.size(),
                        total, variant.id(), seed, run.mig(), run.dciDisentanglement(), run.ces().value(),
                        (System.nanoTime() - start) / 1e9);
            }
        }
        return runs;
    }

    private static Run summarise(Variant variant, long seed, TrainingResult trained, ModelAnalysis.Result result) {
        int mono = 0;
        int poly = 0;
        int dead = 0;
        for (UnitClassification.HookUnitCounts counts : result.report().unitCounts()) {
            mono += (int) Math.round(counts.monosemantic().value());
            poly += (int) Math.round(counts.polysemantic().value());
            dead += (int) Math.round(counts.dead().value());
        }
        Dci.Result dci = (Dci.Result) result.disentanglement().get("DCI");
        return new Run(variant, seed, result.disentanglementScore(), dci.disentanglement(), result.report().modelCes(),
                result.report().modelSpecificity(), result.report().circuitModularity(), mono, poly, dead,
                trained.metadata().finalLosses());
    }

    /** The table as Markdown: per variant, means over seeds with 95 % t-intervals. */
    public static String table(List<Run> runs) {
        StringBuilder out = new StringBuilder();
        out.append("| model | seeds | disentanglement score (MIG) | DCI disentanglement | mean CES | specificity "
                + "| circuit modularity | mono / poly / dead units | paper: score | paper: CES |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Variant variant : VARIANTS) {
            List<Run> of = runs.stream().filter(r -> r.variant() == variant).toList();
            if (of.isEmpty()) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %.0f / %.0f / %.0f | %.3f | %.2f |%n",
                    variant.displayName(), of.size(), column(of, Run::mig).format("%.3f"),
                    column(of, Run::dciDisentanglement).format("%.3f"), column(of, r -> r.ces().value()).format("%.2f"),
                    column(of, r -> r.specificity().value()).format("%.3f"),
                    column(of, r -> r.modularity().value()).format("%.3f"), mean(of, Run::monosemantic),
                    mean(of, Run::polysemantic), mean(of, Run::dead), PAPER.get(variant)[0], PAPER.get(variant)[1]));
        }
        return out.toString();
    }

    /** Whether our means rank the variants as the paper does, per column. */
    public static Map<String, Boolean> orderingHolds(List<Run> runs) {
        Map<String, Boolean> holds = new LinkedHashMap<>();
        holds.put("disentanglement score", sameOrder(runs, Run::mig, 0));
        holds.put("mean CES", sameOrder(runs, r -> r.ces().value(), 1));
        return holds;
    }

    private static boolean sameOrder(List<Run> runs, java.util.function.ToDoubleFunction<Run> value, int paperColumn) {
        List<Variant> ours = new ArrayList<>(VARIANTS);
        ours.sort(java.util.Comparator.comparingDouble(
                v -> -column(runs.stream().filter(r -> r.variant() == v).toList(), value).mean()));
        List<Variant> paper = new ArrayList<>(VARIANTS);
        paper.sort(java.util.Comparator.comparingDouble(v -> -PAPER.get(v)[paperColumn]));
        return ours.equals(paper);
    }

    private static Summary column(List<Run> runs, java.util.function.ToDoubleFunction<Run> value) {
        return Summary.of(runs.stream().mapToDouble(value).toArray());
    }

    private static double mean(List<Run> runs, java.util.function.ToIntFunction<Run> value) {
        return runs.stream().mapToInt(value).average().orElse(Double.NaN);
    }
}
