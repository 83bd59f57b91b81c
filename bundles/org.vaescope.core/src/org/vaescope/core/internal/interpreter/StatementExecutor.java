package org.vaescope.core.internal.interpreter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.analysis.CircuitSet;
import org.vaescope.core.analysis.Estimate;
import org.vaescope.core.analysis.FactorCircuits;
import org.vaescope.core.analysis.FactorGraphComparison;
import org.vaescope.core.analysis.ImpliedEffectEvidence;
import org.vaescope.core.analysis.ModelReport;
import org.vaescope.core.analysis.UnitClassification;
import org.vaescope.core.data.FactorGraph;
import org.vaescope.core.interventions.Ablation;
import org.vaescope.core.interventions.ActivationPatching;
import org.vaescope.core.interventions.AttributionPatching;
import org.vaescope.core.interventions.AttributionResult;
import org.vaescope.core.interventions.CausalMediation;
import org.vaescope.core.interventions.ImageGrid;
import org.vaescope.core.interventions.InputManipulation;
import org.vaescope.core.analysis.LatentEffects;
import org.vaescope.core.interventions.LatentPerturbation;
import org.vaescope.core.interventions.LatentSetResult;
import org.vaescope.core.interventions.Measure;
import org.vaescope.core.interventions.MediationResult;
import org.vaescope.core.interventions.Mediator;
import org.vaescope.core.interventions.Pairs;
import org.vaescope.core.interventions.PatchResult;
import org.vaescope.core.progress.ProgressMonitor;
import org.vaescope.core.interventions.UnitResponses;
import org.vaescope.core.interpreter.run.StepResult;
import org.vaescope.metrics.DisentanglementSuite;
import org.vaescope.metrics.MetricDescriptor;
import org.vaescope.metrics.MetricResult;
import org.vaescope.metrics.Metrics;
import org.vaescope.core.pipeline.ModelAnalysis;
import org.vaescope.core.internal.pipeline.ModelRepresentation;
import org.vaescope.core.readout.FactorReadouts;
import org.vaescope.script.ast.IndexSelection;
import org.vaescope.script.ast.Outcome;
import org.vaescope.script.ast.Statement;
import org.vaescope.script.ast.StatementKind;
import org.vaescope.script.ast.StatementVisitor;
import org.vaescope.core.vae.HookedVae;

/**
 * Executes one statement of a script on one model and describes what it computed as a
 * {@link StepResult}. Every random draw uses the script's seed; every sample count is the statement's
 * {@code samples} option or the script's default. Output statements are not handled here.
 */
public final class StatementExecutor {

    /** Attribution estimates listed per statement when no {@code top} is given. */
    static final int LISTED_ESTIMATES = 10;
    /** Images encoded per pass for the disentanglement metrics. */
    private static final int METRIC_BATCH = 1024;

    private final ModelSession session;
    private final RunContext context;
    private final HookedVae model;
    private final ProgressMonitor monitor;

    public StatementExecutor(ModelSession session, ProgressMonitor monitor) {
        this.session = session;
        this.context = session.context();
        this.model = session.model();
        this.monitor = cancelOnly(ProgressMonitor.orNone(monitor));
    }

    /** The run counts whole statements; the engine's sub-steps only need to be cancellable. */
    static ProgressMonitor cancelOnly(ProgressMonitor outer) {
        return new ProgressMonitor() {
            @Override
            public void worked(int done, int total, String what) {
                // sub-steps are not reported
            }

            @Override
            public boolean isCanceled() {
                return outer.isCanceled();
            }
        };
    }

    /** The statement keyword(s) used as a step's kind, or null for statements that compute nothing. */
    public static String kind(Statement statement) {
        StatementKind kind = statement.descriptor();
        return kind.role() == StatementKind.Role.ANALYSIS ? kind.phrase() : null;
    }

    /** Runs the statement; engine errors propagate as runtime exceptions. */
    public StepResult execute(Statement statement, int line, String source) {
        Numbers numbers = new Numbers();
        String summary = statement.accept(new Computation(numbers));
        if (summary == null) {
            throw new IllegalArgumentException("statement at line " + line + " computes nothing");
        }
        return new StepResult(kind(statement), line, source, session.name(), summary, numbers.map, List.of());
    }

    /**
     * The computation of each kind of statement, returning its summary; null for the statements that
     * compute nothing (setup and outputs, which {@link ScriptExecution} handles).
     */
    private final class Computation implements StatementVisitor<String> {
        private final Numbers numbers;

        Computation(Numbers numbers) {
            this.numbers = numbers;
        }

        public String visitVersion(Statement.Version s) {
            return null;
        }

        public String visitModel(Statement.Model s) {
            return null;
        }

        public String visitCompare(Statement.Compare s) {
            return null;
        }

        public String visitGeneratedDataset(Statement.GeneratedDataset s) {
            return null;
        }

        public String visitFileDataset(Statement.FileDataset s) {
            return null;
        }

        public String visitSamples(Statement.Samples s) {
            return null;
        }

        public String visitSeed(Statement.Seed s) {
            return null;
        }

        public String visitVaryFactor(Statement.VaryFactor s) {
            return vary(s, numbers);
        }

        public String visitPerturbLatent(Statement.PerturbLatent s) {
            return perturb(s, numbers);
        }

        public String visitSetLatent(Statement.SetLatent s) {
            return set(s, numbers);
        }

        public String visitTraverseLatent(Statement.TraverseLatent s) {
            return traverse(s, numbers);
        }

        public String visitPatch(Statement.Patch s) {
            return patch(s, numbers);
        }

        public String visitAblate(Statement.Ablate s) {
            return ablate(s, numbers);
        }

        public String visitAttribute(Statement.Attribute s) {
            return attribute(s, numbers);
        }

        public String visitMediate(Statement.Mediate s) {
            return mediate(s, numbers);
        }

        public String visitClassifyUnits(Statement.ClassifyUnits s) {
            return classifyUnits(numbers);
        }

        public String visitDiscoverCircuits(Statement.DiscoverCircuits s) {
            return discoverCircuits(numbers);
        }

        public String visitInferFactorGraph(Statement.InferFactorGraph s) {
            return factorGraph(numbers);
        }

        public String visitMetric(Statement.Metric s) {
            return metric(s.name().text(), numbers);
        }

        public String visitOutput(Statement.Output s) {
            return null;
        }

        public String visitInvalid(Statement.Invalid s) {
            return null;
        }
    }

    // ---- level 1: input manipulation ----------------------------------------------------------

    private String vary(Statement.VaryFactor s, Numbers numbers) {
        int n = context.samples(s.samples());
        UnitResponses responses;
        if (s.allFactors()) {
            responses = InputManipulation.respond(model, context.dataset(), null, n, context.seed(),
                    context.batchSize(), monitor);
        } else {
            String name = s.factor().text();
            int k = FactorValues.factorIndex(context.dataset(), name);
            Pairs pairs = s.from() == null ? Pairs.differingIn(context.dataset(), k, n, context.seed())
                    : Pairs.factorChange(context.dataset(), k, FactorValues.classIndex(context.dataset(), name, s.from()),
                            FactorValues.classIndex(context.dataset(), name, s.to()), n, context.seed());
            responses = InputManipulation.respond(model, List.of(pairs), List.of(name), null, context.seed(),
                    context.batchSize(), monitor);
        }
        List<String> factors = responses.factors();
        double[] output = responses.outputEffect();
        double[][] latents = responses.latentResponses();
        StringBuilder summary = new StringBuilder();
        for (int k = 0; k < factors.size(); k++) {
            String f = factors.get(k);
            numbers.put("output_effect[" + f + "]", output[k]);
            String strongestHook = null;
            double strongest = -1;
            for (String hook : responses.hooks()) {
                // the median: a unit almost constant on the data has a huge normalised response
                double mean = columnMedian(responses.responses(hook), k);
                numbers.put("median_response[" + hook + "," + f + "]", mean);
                if (!hook.equals(model.outputHook()) && mean > strongest) {
                    strongest = mean;
                    strongestHook = hook;
                }
            }
            int topLatent = -1;
            if (latents != null) {
                for (int i = 0; i < latents.length; i++) {
                    numbers.put("latent_response[z" + i + "," + f + "]", latents[i][k]);
                    if (topLatent < 0 || latents[i][k] > latents[topLatent][k]) {
                        topLatent = i;
                    }
                }
            }
            summary.append(String.format(Locale.ROOT, "%s: output moves %.4g; strongest hook %s (median A %.3g)%s%n", f,
                    output[k], strongestHook, strongest,
                    topLatent < 0 ? "" : String.format(Locale.ROOT, "; most responsive latent z%d (A %.3g)", topLatent,
                            latents[topLatent][k])));
        }
        numbers.put("pairs_per_factor", n);
        return summary.toString().strip();
    }

    // ---- level 2: latent perturbation ----------------------------------------------------------

    private String perturb(Statement.PerturbLatent s, Numbers numbers) {
        double[] deltas = s.deltaGrid();
        int[] latents = s.latents().resolve(model.latentSize());
        if (deltas.length == 0) {
            return "every delta is 0: nothing changes";
        }
        int n = context.samples(s.samples());
        FactorReadouts readouts = context.readouts(monitor);
        LatentPerturbation perturbation = LatentPerturbation.forVae(model);
        INDArray inputs = LatentPerturbation.sample(context.dataset(), n, context.seed());
        LatentEffects effects = perturbation.effects(inputs, deltas, readouts, context.seed(), monitor);
        double[] o = effects.outputEffect();
        double[][] e = effects.factorEffect();
        StringBuilder summary = new StringBuilder(String.format(Locale.ROOT, "deltas %s on %d inputs%n",
                Arrays.toString(deltas), n));
        boolean[] unreadable = unreadableOnReconstructions(perturbation, readouts, numbers);
        for (int i : latents) {
            numbers.put("O[z" + i + "]", o[i]);
            int main = -1;
            for (int k = 0; k < effects.factors().size(); k++) {
                numbers.put("E[z" + i + "," + effects.factors().get(k) + "]", e[i][k]);
                main = !unreadable[k] && (main < 0 || e[i][k] > e[i][main]) ? k : main;
            }
            summary.append(String.format(Locale.ROOT, "z%d: O %.4g, %s%n", i, o[i], mainFactor(effects.factors(), main,
                    main < 0 ? 0 : e[i][main])));
        }
        summary.append(unreadableNote(readouts.factorNames(), unreadable));
        numbers.put("samples", n);
        return summary.toString().strip();
    }

    /** Which factor a latent moves most, when it moves a readable one by the implied graph's threshold. */
    private String mainFactor(List<String> factors, int main, double effect) {
        double threshold = context.analysisSettings().thresholds().factorEdgeThreshold();
        if (main < 0) {
            return "no readable factor";
        }
        return effect >= threshold ? String.format(Locale.ROOT, "mainly %s (E %.3g)", factors.get(main), effect)
                : String.format(Locale.ROOT, "moves no readable factor by %.2g of its range (most: %s, E %.3g)",
                        threshold, factors.get(main), effect);
    }

    /**
     * Per read-out, whether it is blind to its factor in this model's reconstructions (above chance
     * below the implied graph's floor): it moves by noise, so no summary names its factor.
     */
    private boolean[] unreadableOnReconstructions(LatentPerturbation perturbation, FactorReadouts readouts,
            Numbers numbers) {
        double[] accuracy = perturbation.readoutAccuracyOnReconstructions(context.dataset(), readouts,
                context.analysisSettings().readouts().testSamples(), context.seed());
        double[] chance = new double[accuracy.length];
        for (int k = 0; k < accuracy.length; k++) {
            chance[k] = readouts.chanceAccuracy(k);
            numbers.put("readout_accuracy_on_reconstructions[" + readouts.factorNames().get(k) + "]", accuracy[k]);
        }
        return ImpliedEffectEvidence.unreadable(accuracy, chance);
    }

    private static String unreadableNote(List<String> factors, boolean[] unreadable) {
        List<String> named = ImpliedEffectEvidence.named(factors, unreadable);
        return named.isEmpty() ? ""
                : "not readable on this model's reconstructions (their read-outs move by noise): "
                        + String.join(", ", named);
    }

    private String set(Statement.SetLatent s, Numbers numbers) {
        int[] latents = s.latents().resolve(model.latentSize());
        int n = context.samples(s.samples());
        double value = s.value().value();
        FactorReadouts readouts = context.readouts(monitor);
        LatentPerturbation perturbation = LatentPerturbation.forVae(model);
        INDArray inputs = LatentPerturbation.sample(context.dataset(), n, context.seed());
        boolean[] unreadable = unreadableOnReconstructions(perturbation, readouts, numbers);
        StringBuilder summary = new StringBuilder();
        for (int i : latents) {
            monitor.checkCanceled("set latent");
            LatentSetResult result = perturbation.setValue(inputs, i, value, readouts, context.seed());
            numbers.put("output_change[z" + i + "]", result.outputChange());
            int main = -1;
            for (int k = 0; k < result.factors().size(); k++) {
                numbers.put("readout_change[z" + i + "," + result.factors().get(k) + "]", result.readoutChange()[k]);
                double change = Math.abs(result.readoutChange()[k]);
                main = !unreadable[k] && (main < 0 || change > Math.abs(result.readoutChange()[main])) ? k : main;
            }
            summary.append(String.format(Locale.ROOT, "z%d <- %s: output moves %.4g; %s%n", i, s.value().text(),
                    result.outputChange(), main < 0 ? "no readable factor"
                            : String.format(Locale.ROOT, "largest read-out change %s %+.3g classes",
                                    result.factors().get(main), result.readoutChange()[main])));
        }
        summary.append(unreadableNote(readouts.factorNames(), unreadable));
        numbers.put("samples", n);
        return summary.toString().strip();
    }

    private String traverse(Statement.TraverseLatent s, Numbers numbers) {
        int[] latents = s.latents().resolve(model.latentSize());
        LatentPerturbation perturbation = LatentPerturbation.forVae(model);
        INDArray input = LatentPerturbation.sample(context.dataset(), 1, context.seed());
        int steps = context.traversalSteps(s.steps());
        ImageGrid grid = perturbation.traverse(input, latents, s.values().from().value(), s.values().to().value(),
                steps);
        numbers.put("steps", steps);
        session.grids().add(grid);
        int best = 0;
        double bestChange = -1;
        for (int r = 0; r < latents.length; r++) {
            double change = distance(grid.image(r, 0), grid.image(r, grid.columns() - 1));
            numbers.put("change[z" + latents[r] + "]", change);
            if (change > bestChange) {
                bestChange = change;
                best = latents[r];
            }
        }
        return String.format(Locale.ROOT, "%d latent(s) x %d steps from %s to %s; most visible change: z%d "
                + "(distance first-last image %.3g)", latents.length, grid.columns(), s.values().from().text(),
                s.values().to().text(), best, bestChange);
    }

    // ---- level 3: activation patching ----------------------------------------------------------

    private String patch(Statement.Patch s, Numbers numbers) {
        String hook = s.hook().text();
        int[] units = units(hook, s.units());
        Measure measure = measure(s.measure());
        Pairs pairs = Pairs.conditioned(context.dataset(), FactorValues.condition(context.dataset(), s.target()),
                FactorValues.condition(context.dataset(), s.source()), context.samples(s.samples()), context.seed());
        monitor.checkCanceled("patch");
        PatchResult result = ActivationPatching.patch(model, pairs, hook, units, measure, context.batchSize());
        numbers.put("fraction_restored", result.fractionRestored());
        numbers.put("effect", result.meanEffect());
        numbers.put("source_change", result.meanSourceChange());
        numbers.put("undefined_pairs", result.undefinedPairs());
        numbers.put("pairs", result.sampleCount());
        return String.format(Locale.ROOT, "%d unit(s) of %s from %s into %s on %s: fraction restored %s "
                + "(effect %.4g of source change %.4g, %d pairs)", units.length, hook,
                FactorValues.text(s.source()), FactorValues.text(s.target()), measure.describe(),
                result.fractionUndefined() ? "undefined" : String.format(Locale.ROOT, "%.4f", result.fractionRestored()),
                result.meanEffect(), result.meanSourceChange(), result.sampleCount());
    }

    private String ablate(Statement.Ablate s, Numbers numbers) {
        String hook = s.hook().text();
        int[] units = units(hook, s.units());
        Measure measure = measure(s.measure());
        Ablation mode = s.mode() == null ? Ablation.ZERO : Ablation.valueOf(s.mode().name());
        int n = context.samples(s.samples());
        INDArray inputs = LatentPerturbation.sample(context.dataset(), n, context.seed());
        monitor.checkCanceled("ablate");
        PatchResult result = ActivationPatching.ablate(model, inputs, null, hook, units, mode, measure, context.seed());
        double clean = mean(result.targetValues());
        double ablated = mean(result.patchedValues());
        numbers.put("effect", result.meanEffect());
        numbers.put("clean", clean);
        numbers.put("ablated", ablated);
        numbers.put("samples", n);
        return String.format(Locale.ROOT, "%s ablation of %d unit(s) of %s on %s: mean change %.4g (clean %.4g, "
                + "ablated %.4g, %d inputs)", mode.name().toLowerCase(Locale.ROOT), units.length, hook,
                measure.describe(), result.meanEffect(), clean, ablated, n);
    }

    private String attribute(Statement.Attribute s, Numbers numbers) {
        String hook = s.hook().text();
        int[] units = units(hook, s.units());
        Measure measure = measure(s.measure());
        Pairs pairs = Pairs.conditioned(context.dataset(), FactorValues.condition(context.dataset(), s.target()),
                FactorValues.condition(context.dataset(), s.source()), context.samples(s.samples()), context.seed());
        AttributionResult result = AttributionPatching.attribute(model, pairs, List.of(hook), measure, 0, false,
                context.batchSize(), ActivationPatching.DEFAULT_MEMORY_BUDGET, monitor);
        double[] estimates = result.estimates(hook);
        double total = 0;
        for (int u : units) {
            total += estimates[u];
        }
        Integer[] order = Arrays.stream(units).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer u) -> -Math.abs(estimates[u])).thenComparing(u -> u));
        int top = s.top() == null ? 0 : Math.min(s.top().intValue(), order.length);
        int listed = s.top() == null ? Math.min(LISTED_ESTIMATES, order.length) : top;
        double[] topEstimates = new double[top];
        double[] topExact = new double[top];
        StringBuilder summary = new StringBuilder(String.format(Locale.ROOT,
                "%d unit(s) of %s from %s into %s on %s: summed estimate %.4g (%d pairs)%n", units.length, hook,
                FactorValues.text(s.source()), FactorValues.text(s.target()), measure.describe(), total, pairs.size()));
        numbers.put("sum_estimate", total);
        for (int j = 0; j < listed; j++) {
            int u = order[j];
            numbers.put("estimate[" + u + "]", estimates[u]);
            if (j < top) {
                monitor.checkCanceled("attribute");
                double exact = ActivationPatching.patch(model, pairs, hook, new int[] {u}, measure, context.batchSize())
                        .meanEffect();
                numbers.put("exact[" + u + "]", exact);
                topEstimates[j] = estimates[u];
                topExact[j] = exact;
                summary.append(String.format(Locale.ROOT, "unit %d: estimate %.4g, exact %.4g%n", u, estimates[u], exact));
            } else {
                summary.append(String.format(Locale.ROOT, "unit %d: estimate %.4g%n", u, estimates[u]));
            }
        }
        if (top >= 2) {
            double agreement = AttributionPatching.rankAgreement(topEstimates, topExact);
            numbers.put("rank_agreement", agreement);
            summary.append(String.format(Locale.ROOT, "Spearman agreement of estimate and exact effect on the top %d: "
                    + "%.3f", top, agreement));
        }
        numbers.put("pairs", pairs.size());
        return summary.toString().strip();
    }

    // ---- level 4: causal mediation --------------------------------------------------------------

    private String mediate(Statement.Mediate s, Numbers numbers) {
        String factor = s.factor().text();
        int k = FactorValues.factorIndex(context.dataset(), factor);
        int from = FactorValues.classIndex(context.dataset(), factor, s.from());
        int to = FactorValues.classIndex(context.dataset(), factor, s.to());
        String hook = s.mediator().text();
        Mediator mediator = new Mediator(hook, units(hook, s.units()));
        Measure measure = measure(s.measure());
        monitor.checkCanceled("mediate");
        MediationResult result = CausalMediation.mediate(model, context.dataset(), k, from, to,
                context.samples(s.samples()), context.seed(), mediator, measure, context.batchSize());
        double te = result.totalEffect();
        double nie = result.indirectEffect();
        double share = Math.abs(te) < 1e-12 ? Double.NaN : nie / te;
        numbers.put("total_effect", te);
        numbers.put("indirect_effect", nie);
        numbers.put("direct_effect", result.directEffect());
        numbers.put("share_mediated", share);
        numbers.put("pairs", result.sampleCount());
        return String.format(Locale.ROOT, "%s %s -> %s through %d unit(s) of %s on %s: TE %.4g, NIE %.4g, NDE %.4g"
                + "%s (%d pairs)", factor, s.from().text(), s.to().text(), mediator.units().length, hook,
                measure.describe(), te, nie, result.directEffect(),
                Double.isNaN(share) ? "" : String.format(Locale.ROOT, ", share mediated %.3f", share),
                result.sampleCount());
    }

    // ---- analysis statements --------------------------------------------------------------------

    private String classifyUnits(Numbers numbers) {
        ModelReport report = session.analysis(monitor).report();
        StringBuilder summary = new StringBuilder();
        for (UnitClassification.HookUnitCounts counts : report.unitCounts()) {
            numbers.put("dead[" + counts.hook() + "]", counts.dead().value());
            numbers.put("monosemantic[" + counts.hook() + "]", counts.monosemantic().value());
            numbers.put("polysemantic[" + counts.hook() + "]", counts.polysemantic().value());
            numbers.put("undecided[" + counts.hook() + "]", counts.undecidedCount());
            summary.append(String.format(Locale.ROOT,
                    "%s: %d units, %.0f dead, %.0f monosemantic, %.0f polysemantic, %d undecided%n", counts.hook(),
                    counts.units(), counts.dead().value(), counts.monosemantic().value(),
                    counts.polysemantic().value(), counts.undecidedCount()));
        }
        return summary.toString().strip();
    }

    private String discoverCircuits(Numbers numbers) {
        ModelAnalysis.Result analysis = session.analysis(monitor);
        FactorCircuits found = analysis.report().circuits();
        CircuitSet circuits = found.circuits();
        for (int k = 0; k < circuits.factors().size(); k++) {
            String f = circuits.factors().get(k);
            numbers.put("circuit_size[" + f + "]", circuits.size(k));
            numbers.put("circuit_fraction[" + f + "]", found.sizeFraction(k));
            numbers.put("necessary[" + f + "]", found.hookCircuits().get(k).stream()
                    .filter(c -> c.verdict() == FactorCircuits.Verdict.NECESSARY).count());
        }
        StringBuilder summary = new StringBuilder(found.toText());
        Estimate modularity = analysis.report().circuitModularity();
        estimate(numbers, "modularity", modularity);
        summary.append("circuit modularity ").append(modularity.formatted());
        return summary.toString().strip();
    }

    private String factorGraph(Numbers numbers) {
        ModelReport report = session.analysis(monitor).report();
        FactorGraph implied = report.impliedFactorGraph();
        List<String> edges = new ArrayList<>();
        for (FactorGraph.Edge e : implied.edges()) {
            edges.add(e.cause() + " -> " + e.effect());
        }
        numbers.put("edges", edges.size());
        String summary = "implied edges: " + (edges.isEmpty() ? "none" : String.join(", ", edges));
        FactorGraphComparison comparison = report.factorGraphComparison();
        if (comparison != null) {
            estimate(numbers, "precision", comparison.precision());
            estimate(numbers, "recall", comparison.recall());
            estimate(numbers, "f1", comparison.f1());
            summary += String.format(Locale.ROOT, "%nagainst the true graph: precision %s, recall %s, F1 %s",
                    comparison.precision().formatted(), comparison.recall().formatted(), comparison.f1().formatted());
        } else {
            summary += "\n(the dataset has no known true graph)";
        }
        return summary;
    }

    private String metric(String name, Numbers numbers) {
        switch (name) {
            case "ces" -> {
                ModelReport report = session.analysis(monitor).report();
                estimate(numbers, "ces", report.modelCes());
                StringBuilder perFactor = new StringBuilder();
                for (int k = 0; k < report.factors().size(); k++) {
                    numbers.put("ces[" + report.factors().get(k) + "]", report.factorCes().get(k).value());
                    perFactor.append(String.format(Locale.ROOT, "%s%s %.4g", k == 0 ? "" : ", ", report.factors().get(k),
                            report.factorCes().get(k).value()));
                }
                return "model CES " + report.modelCes().formatted() + "; per factor: " + perFactor;
            }
            case "specificity" -> {
                Estimate e = session.analysis(monitor).report().modelSpecificity();
                estimate(numbers, "specificity", e);
                return "intervention specificity " + e.formatted();
            }
            case "modularity" -> {
                Estimate e = session.analysis(monitor).report().circuitModularity();
                estimate(numbers, "modularity", e);
                return "circuit modularity " + e.formatted();
            }
            default -> {
                MetricResult result = disentanglementMetric(name);
                for (Map.Entry<String, Object> entry : result.toMap().entrySet()) {
                    if (entry.getValue() instanceof Double || entry.getValue() instanceof Float) {
                        numbers.put(entry.getKey(), ((Number) entry.getValue()).doubleValue());
                    }
                }
                numbers.put("score", result.score());
                return String.format(Locale.ROOT, "%s score %.4f", result.metricName(), result.score());
            }
        }
    }

    /**
     * A standard metric, computed alone with the analysis' sample counts and seed; when the analysis
     * has run, its value is taken from there (same configuration and seed, hence the same value).
     */
    private MetricResult disentanglementMetric(String name) {
        MetricDescriptor metric = Metrics.require(name);
        String reported = metric.name();
        if (session.hasAnalysis()) {
            MetricResult fromAnalysis = session.analysisOrNull().disentanglement().get(reported);
            if (fromAnalysis != null) {
                return fromAnalysis;
            }
        }
        MetricResult cached = session.metrics().get(reported);
        if (cached != null) {
            return cached;
        }
        monitor.checkCanceled("metric " + name);
        ModelAnalysis.Settings settings = context.analysisSettings();
        DisentanglementSuite.Config config = DisentanglementSuite.Config.withSampleCounts(settings.metricTrain(),
                settings.metricTest());
        ModelRepresentation representation = new ModelRepresentation(model, context.dataset(), METRIC_BATCH);
        long seed = context.seed();
        MetricResult result = metric.compute(representation, config, seed);
        session.metrics().put(reported, result);
        return result;
    }

    // ---- parts ----------------------------------------------------------------------------------

    private int[] units(String hook, IndexSelection selection) {
        return selection.resolve(model.hookPoint(hook).units());
    }

    private Measure measure(Outcome outcome) {
        if (outcome instanceof Outcome.Latent latent) {
            int index = latent.index().intValue();
            if (index < 0 || index >= model.latentSize()) {
                throw new IllegalArgumentException("latent " + latent.index().text() + " is out of range 0.."
                        + (model.latentSize() - 1));
            }
            return Measure.latent(index);
        }
        if (outcome instanceof Outcome.Readout readout) {
            return Measure.readout(context.readouts(monitor), readout.factor().text());
        }
        return Measure.reconstruction();
    }

    private static void estimate(Numbers numbers, String name, Estimate estimate) {
        numbers.put(name, estimate.value());
        if (estimate.hasInterval()) {
            numbers.put(name + "_lower", estimate.lower());
            numbers.put(name + "_upper", estimate.upper());
        }
    }

    private static double columnMedian(double[][] matrix, int column) {
        if (matrix.length == 0) {
            return Double.NaN;
        }
        double[] values = new double[matrix.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = matrix[i][column];
        }
        Arrays.sort(values);
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? Double.NaN : sum / values.length;
    }

    private static double distance(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    /** Named numbers in insertion order. */
    private static final class Numbers {
        final Map<String, Double> map = new LinkedHashMap<>();

        void put(String name, double value) {
            map.put(name, value);
        }
    }
}
