package org.vaescope.script.diagnostics;

import org.vaescope.script.SandboxException;
import org.vaescope.script.SandboxPaths;
import org.vaescope.script.ScriptEnvironment;
import org.vaescope.script.ScriptLanguage;
import org.vaescope.script.ast.Condition;
import org.vaescope.script.ast.FactorAssignment;
import org.vaescope.script.ast.Identifier;
import org.vaescope.script.ast.IndexRange;
import org.vaescope.script.ast.IndexSelection;
import org.vaescope.script.ast.Literal;
import org.vaescope.script.ast.NumberLiteral;
import org.vaescope.script.ast.NumberRange;
import org.vaescope.script.ast.Outcome;
import org.vaescope.script.ast.GeneratorParameter;
import org.vaescope.script.ast.ParseResult;
import org.vaescope.script.ast.Script;
import org.vaescope.script.ast.Statement;
import org.vaescope.script.ast.StatementVisitor;
import org.vaescope.script.ast.StringLiteral;
import org.vaescope.script.parser.ScriptParser;
import org.vaescope.script.source.Diagnostic;
import org.vaescope.script.source.Span;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.vaescope.script.internal.DiagnosticSink;
import org.vaescope.script.internal.EditDistance;
import org.vaescope.script.source.LineMap;
import org.vaescope.script.ScriptEnvironment.DatasetInfo;
import org.vaescope.script.ScriptEnvironment.FactorInfo;
import org.vaescope.script.ScriptEnvironment.GeneratorInfo;
import org.vaescope.script.ScriptEnvironment.ModelInfo;
import org.vaescope.script.ScriptEnvironment.ParameterInfo;

/**
 * Checks a parsed script against a {@link ScriptEnvironment}: names (hook points, factors, values,
 * metrics, generators, parameters, formats) with "did you mean" suggestions, unit and latent ranges,
 * file names in the sandbox, and the structure of the script. What the environment does not know is
 * not checked. Warnings flag legal but suspicious scripts (fewer than {@value #FEW_SAMPLES} samples,
 * a patch between equal conditions, an output file written twice).
 */
public final class ScriptChecker {

    /** Sample counts below this draw a warning. */
    public static final int FEW_SAMPLES = 50;

    private final ScriptEnvironment env;
    private final DiagnosticSink sink;
    private final Optional<ModelInfo> model;
    private Optional<DatasetInfo> dataset = Optional.empty();
    private boolean datasetKnownToExist;
    private final Map<String, Span> outputs = new HashMap<>();
    private final Set<String> metrics = new HashSet<>();
    private final LineMap lines;

    private ScriptChecker(String text, ScriptEnvironment env, DiagnosticSink sink) {
        this.env = env;
        this.sink = sink;
        this.lines = new LineMap(text);
        this.model = env.model();
    }

    /** Parses and checks a script; returns syntax and semantic diagnostics sorted by offset. */
    public static List<Diagnostic> check(String text, ScriptEnvironment env) {
        return check(ScriptParser.parse(text == null ? "" : text), env);
    }

    /** Checks a parsed script; returns its syntax diagnostics and the semantic ones, sorted by offset. */
    public static List<Diagnostic> check(ParseResult parsed, ScriptEnvironment env) {
        ScriptEnvironment environment = env == null ? ScriptEnvironment.languageOnly() : env;
        DiagnosticSink sink = new DiagnosticSink(new LineMap(parsed.text()));
        ScriptChecker checker = new ScriptChecker(parsed.text(), environment, sink);
        checker.checkScript(parsed.script());
        List<Diagnostic> all = new ArrayList<>(parsed.diagnostics());
        all.addAll(sink.sorted());
        all.sort(java.util.Comparator.comparingInt(Diagnostic::offset));
        return all;
    }

    // ---- structure --------------------------------------------------------------------------

    private void checkScript(Script script) {
        resolveDataset(script);
        checkStructure(script);
        for (Statement statement : script.statements()) {
            checkStatement(statement);
        }
    }

    private void resolveDataset(Script script) {
        datasetKnownToExist = env.dataset().isPresent();
        dataset = env.dataset();
        Optional<Statement> written = script.dataset();
        if (written.isPresent()) {
            datasetKnownToExist = true;
            if (dataset.isEmpty() && written.get() instanceof Statement.GeneratedDataset generated) {
                dataset = generator(generated.generator().text()).map(GeneratorInfo::factors);
            }
        }
    }

    private void checkStructure(Script script) {
        List<Statement.Model> models = script.statementsOf(Statement.Model.class);
        List<Statement.Compare> compares = script.statementsOf(Statement.Compare.class);
        for (int i = 1; i < models.size(); i++) {
            sink.error(models.get(i).span(), "a second 'model' statement (first at line "
                    + line(models.get(0).span()) + "): use 'compare { ... }' to run on several models");
        }
        for (int i = 1; i < compares.size(); i++) {
            sink.error(compares.get(i).span(), "a second 'compare' block (first at line "
                    + line(compares.get(0).span()) + ")");
        }
        if (!models.isEmpty() && !compares.isEmpty()) {
            sink.error(compares.get(0).span(), "'compare' cannot be combined with the 'model' statement at line "
                    + line(models.get(0).span()) + ": list every model inside 'compare'");
        }
        if (models.isEmpty() && compares.isEmpty() && env.model().isEmpty()) {
            sink.info(new Span(0, 0), "no 'model' statement: the script runs on the model chosen when it is launched");
        }
        if (!datasetKnownToExist) {
            sink.info(new Span(0, 0),
                    "no 'dataset' statement: the script runs on the dataset chosen when it is launched");
        }
        duplicates(script.statements().stream()
                .filter(s -> s instanceof Statement.GeneratedDataset || s instanceof Statement.FileDataset).toList(),
                "'dataset'", "a script analyses one dataset");
        duplicates(script.statementsOf(Statement.Samples.class), "'samples'", "remove one");
        duplicates(script.statementsOf(Statement.Seed.class), "'seed'", "remove one");
    }

    private void duplicates(List<? extends Statement> statements, String what, String advice) {
        for (int i = 1; i < statements.size(); i++) {
            sink.error(statements.get(i).span(), "a second " + what + " statement (first at line "
                    + line(statements.get(0).span()) + "): " + advice);
        }
    }

    // ---- statements -------------------------------------------------------------------------

    private void checkStatement(Statement statement) {
        for (NumberLiteral number : ScriptLimits.nonFiniteNumbers(statement)) {
            sink.error(number.span(), "the number '" + number.text() + "' is not finite — write a finite number");
        }
        statement.accept(statementCheck);
    }

    /** One method per kind of statement, so a new kind cannot go unchecked by accident. */
    private final StatementVisitor<Void> statementCheck = new StatementVisitor<>() {
        public Void visitVersion(Statement.Version s) {
            return null; // the parser checks the version number
        }

        public Void visitModel(Statement.Model m) {
            checkModel(m);
            return null;
        }

        public Void visitCompare(Statement.Compare c) {
            checkCompare(c);
            return null;
        }

        public Void visitGeneratedDataset(Statement.GeneratedDataset d) {
            checkGenerator(d);
            return null;
        }

        public Void visitFileDataset(Statement.FileDataset d) {
            checkInput(d.path());
            checkName(d.format(), "data format", ScriptLanguage.DATASET_FORMATS.keySet());
            return null;
        }

        public Void visitSamples(Statement.Samples s) {
            checkSamples(s.count());
            return null;
        }

        public Void visitSeed(Statement.Seed s) {
            return null; // any integer is a seed
        }

        public Void visitVaryFactor(Statement.VaryFactor v) {
            checkVary(v);
            return null;
        }

        public Void visitPerturbLatent(Statement.PerturbLatent p) {
            checkPerturb(p);
            return null;
        }

        public Void visitSetLatent(Statement.SetLatent s) {
            checkLatents(s.latents());
            checkSamples(s.samples());
            return null;
        }

        public Void visitTraverseLatent(Statement.TraverseLatent t) {
            checkTraverse(t);
            return null;
        }

        public Void visitPatch(Statement.Patch p) {
            checkUnits(p.hook(), p.units());
            checkConditions(p.source(), p.target(), "patch");
            checkOutcome(p.measure());
            checkSamples(p.samples());
            return null;
        }

        public Void visitAblate(Statement.Ablate a) {
            checkUnits(a.hook(), a.units());
            checkOutcome(a.measure());
            checkSamples(a.samples());
            return null;
        }

        public Void visitAttribute(Statement.Attribute a) {
            checkAttribute(a);
            return null;
        }

        public Void visitMediate(Statement.Mediate m) {
            checkMediate(m);
            return null;
        }

        public Void visitClassifyUnits(Statement.ClassifyUnits s) {
            return null; // no arguments
        }

        public Void visitDiscoverCircuits(Statement.DiscoverCircuits s) {
            return null; // no arguments
        }

        public Void visitInferFactorGraph(Statement.InferFactorGraph s) {
            return null; // no arguments
        }

        public Void visitMetric(Statement.Metric m) {
            checkMetric(m);
            return null;
        }

        public Void visitOutput(Statement.Output o) {
            checkOutput(o);
            return null;
        }

        public Void visitInvalid(Statement.Invalid s) {
            return null; // its syntax errors are already reported
        }
    };

    private void checkCompare(Statement.Compare compare) {
        if (compare.models().size() < 2) {
            sink.warning(compare.span(), "'compare' lists " + compare.models().size()
                    + " model(s): a comparison needs at least two");
        }
        Map<String, Span> aliases = new HashMap<>();
        Map<String, Span> paths = new HashMap<>();
        for (Statement.Model m : compare.models()) {
            checkModel(m);
            if (m.alias() != null) {
                Span first = aliases.putIfAbsent(m.alias().text(), m.alias().span());
                if (first != null) {
                    sink.error(m.alias().span(), "model name '" + m.alias().text() + "' is already used at line "
                            + line(first));
                }
            }
            Span firstPath = paths.putIfAbsent(m.path().value(), m.path().span());
            if (firstPath != null) {
                sink.warning(m.path().span(), "model '" + m.path().value() + "' is already listed at line "
                        + line(firstPath));
            }
        }
    }

    private void checkGenerator(Statement.GeneratedDataset dataset) {
        Optional<GeneratorInfo> generator = generator(dataset.generator().text());
        if (generator.isEmpty()) {
            List<String> names = env.datasetGenerators().stream().map(GeneratorInfo::name).toList();
            sink.error(dataset.generator().span(), "unknown dataset generator '" + dataset.generator().text() + "'"
                    + suggestion(dataset.generator().text(), names) + " (or write 'dataset file \"...\" format ...')");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (GeneratorParameter parameter : dataset.parameters()) {
            String name = parameter.name().text();
            Optional<ParameterInfo> info = generator.get().parameter(name);
            if (info.isEmpty()) {
                sink.error(parameter.name().span(), "unknown parameter '" + name + "' of generator '"
                        + generator.get().name() + "'" + suggestion(name,
                                generator.get().parameters().stream().map(ParameterInfo::name).toList()));
                continue;
            }
            if (!seen.add(name)) {
                sink.error(parameter.name().span(), "parameter '" + name + "' is given twice");
            }
            checkParameterValue(parameter, info.get());
        }
    }

    private void checkParameterValue(GeneratorParameter parameter, ParameterInfo info) {
        Literal value = parameter.value();
        String name = parameter.name().text();
        switch (info.type()) {
            case INTEGER -> {
                if (!(value instanceof NumberLiteral n) || !n.isInteger()) {
                    sink.error(value.span(), "parameter '" + name + "' needs a whole number, found '" + value.text() + "'");
                } else if (n.value() < 1) {
                    sink.error(value.span(), "parameter '" + name + "' must be at least 1, found " + n.text());
                }
            }
            case NUMBER -> {
                if (!(value instanceof NumberLiteral)) {
                    sink.error(value.span(), "parameter '" + name + "' needs a number, found '" + value.text() + "'");
                }
            }
            case NAME -> {
                if (!(value instanceof Identifier)) {
                    sink.error(value.span(), "parameter '" + name + "' needs a name, found '" + value.text() + "'");
                }
            }
            case STRING -> {
                if (!(value instanceof StringLiteral)) {
                    sink.error(value.span(), "parameter '" + name + "' needs a quoted string, found '" + value.text()
                            + "'");
                }
            }
        }
    }

    private void checkVary(Statement.VaryFactor vary) {
        if (!vary.allFactors()) {
            Optional<FactorInfo> factor = checkFactor(vary.factor());
            if (vary.from() != null) {
                factor.ifPresent(f -> {
                    checkValue(f, vary.from());
                    checkValue(f, vary.to());
                });
                if (vary.from().text().equals(vary.to().text())) {
                    sink.warning(vary.to().span(), "'from' and 'to' are the same value: nothing varies");
                }
            }
        }
        checkSamples(vary.samples());
    }

    private void checkPerturb(Statement.PerturbLatent perturb) {
        checkLatents(perturb.latents());
        NumberRange deltas = perturb.deltas();
        if (deltas.from().value() > deltas.to().value()) {
            sink.error(deltas.span(), "empty range " + deltas.from().text() + ".." + deltas.to().text()
                    + ": the upper end must not be below the lower end");
        } else if (perturb.step() != null && !(perturb.step().value() > 0)) {
            sink.error(perturb.step().span(), "step must be positive, found " + perturb.step().text());
        } else if (gridTooFine(perturb)) {
            sink.error(deltas.span(), String.format(Locale.ROOT,
                    "the grid from %s to %s in steps of %s has %.0f points, more than %d — use a larger step",
                    deltas.from().text(), deltas.to().text(), perturb.step() == null ? "1" : perturb.step().text(),
                    gridPoints(perturb), ScriptLimits.MAX_GRID_POINTS));
        } else if (Double.isFinite(gridPoints(perturb)) && perturb.deltaGrid().length == 0) {
            sink.warning(deltas.span(), "every delta is 0: the perturbation changes nothing");
        }
        checkSamples(perturb.samples());
    }

    private static double gridPoints(Statement.PerturbLatent perturb) {
        return ScriptLimits.gridPoints(perturb.deltas().from().value(), perturb.deltas().to().value(),
                perturb.step() == null ? 1.0 : perturb.step().value());
    }

    /** A countable grid of more than {@link ScriptLimits#MAX_GRID_POINTS} (an infinite end is reported as such). */
    private static boolean gridTooFine(Statement.PerturbLatent perturb) {
        double points = gridPoints(perturb);
        return Double.isFinite(points) && points > ScriptLimits.MAX_GRID_POINTS;
    }

    private void checkTraverse(Statement.TraverseLatent traverse) {
        checkLatents(traverse.latents());
        NumberRange values = traverse.values();
        if (!(values.from().value() < values.to().value())) {
            sink.error(values.span(), "empty range " + values.from().text() + ".." + values.to().text()
                    + ": the lower end must be below the upper end");
        }
        if (traverse.steps().value() < 2) {
            sink.error(traverse.steps().span(), "a traversal needs at least 2 steps, found " + traverse.steps().text());
        } else {
            checkCount(traverse.steps(), "steps", ScriptLimits.MAX_STEPS);
        }
        checkSamples(traverse.samples());
    }

    private void checkAttribute(Statement.Attribute attribute) {
        checkUnits(attribute.hook(), attribute.units());
        checkConditions(attribute.source(), attribute.target(), "attribute");
        checkOutcome(attribute.measure());
        if (attribute.top() != null) {
            if (attribute.top().value() < 1) {
                sink.error(attribute.top().span(), "'top' needs at least 1 unit, found " + attribute.top().text());
            } else if (checkCount(attribute.top(), "top", ScriptLimits.MAX_SAMPLES)) {
                unitCount(attribute.hook()).ifPresent(count -> {
                    int selected = attribute.units().all() ? count : selectedCount(attribute.units());
                    if (attribute.top().value() > selected) {
                        sink.warning(attribute.top().span(), "'top " + attribute.top().text() + "' asks for more units than"
                                + " the " + selected + " selected");
                    }
                });
            }
        }
        checkSamples(attribute.samples());
    }

    private void checkMediate(Statement.Mediate mediate) {
        checkFactor(mediate.factor()).ifPresent(f -> {
            checkValue(f, mediate.from());
            checkValue(f, mediate.to());
        });
        if (mediate.from().text().equals(mediate.to().text())) {
            sink.warning(mediate.to().span(), "'from' and 'to' are the same value: the factor does not change");
        }
        checkUnits(mediate.mediator(), mediate.units());
        checkOutcome(mediate.measure());
        checkSamples(mediate.samples());
    }

    private void checkMetric(Statement.Metric metric) {
        if (checkName(metric.name(), "metric", ScriptLanguage.METRICS) && !metrics.add(metric.name().text())) {
            sink.warning(metric.span(), "metric '" + metric.name().text() + "' is already computed");
        }
    }

    private void checkOutput(Statement.Output output) {
        String path = output.path().value();
        Optional<String> problem = SandboxPaths.lexicalProblem(path, "output folder");
        if (problem.isPresent()) {
            sink.error(output.path().span(), problem.get());
            return;
        }
        if (env.sandbox().isPresent()) {
            try {
                env.sandbox().get().resolveOutput(path);
            } catch (SandboxException e) {
                sink.error(output.path().span(), e.getMessage());
                return;
            }
        }
        String key = Path.of("").resolve(path.replace('\\', '/')).normalize().toString();
        Span first = outputs.putIfAbsent(key, output.path().span());
        if (first != null) {
            sink.warning(output.path().span(), "output file '" + path + "' is already written by line " + line(first)
                    + ": the later output overwrites it");
        }
        String extension = output.kind().extension();
        if (!path.toLowerCase(Locale.ROOT).endsWith(extension)) {
            sink.warning(output.path().span(), "'" + output.kind().syntax() + "' writes a " + extension
                    + " file but the name is '" + path + "'");
        }
    }

    // ---- parts ------------------------------------------------------------------------------

    private void checkModel(Statement.Model m) {
        checkInput(m.path());
        String extension = extension(m.path().value());
        if (!ScriptLanguage.MODEL_EXTENSIONS.containsKey(extension)) {
            sink.error(m.path().span(), "'" + m.path().value() + "' is not a model file VAEScope reads: use "
                    + String.join(", ", ScriptLanguage.MODEL_EXTENSIONS.keySet()));
            return;
        }
        if (m.decoder() == null) {
            return;
        }
        checkInput(m.decoder());
        if (ScriptLanguage.WHOLE_MODEL_EXTENSIONS.contains(extension)) {
            sink.error(m.decoder().span(), "a " + extension + " model holds its decoder: remove 'decoder \""
                    + m.decoder().value() + "\"'");
        } else if (!extension(m.decoder().value()).equals(extension)) {
            sink.error(m.decoder().span(), "the decoder '" + m.decoder().value() + "' must be a " + extension
                    + " file like its encoder '" + m.path().value() + "'");
        }
    }

    private static String extension(String path) {
        String name = path.substring(path.replace('\\', '/').lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot);
    }

    private void checkInput(StringLiteral path) {
        Optional<String> problem = SandboxPaths.lexicalProblem(path.value(), "script folder");
        if (problem.isPresent()) {
            sink.error(path.span(), problem.get());
            return;
        }
        if (env.sandbox().isPresent()) {
            try {
                Path resolved = env.sandbox().get().resolveInput(path.value());
                if (!Files.isRegularFile(resolved)) {
                    sink.warning(path.span(), "file '" + path.value() + "' does not exist in the script folder");
                }
            } catch (SandboxException e) {
                sink.error(path.span(), e.getMessage());
            }
        }
    }

    private void checkSamples(NumberLiteral count) {
        if (count == null) {
            return;
        }
        if (count.value() < 1) {
            sink.error(count.span(), "the sample count must be at least 1, found " + count.text());
        } else if (!checkCount(count, "samples", ScriptLimits.MAX_SAMPLES)) {
            return;
        } else if (count.value() < FEW_SAMPLES) {
            sink.warning(count.span(), "only " + count.text() + " samples: estimates from fewer than " + FEW_SAMPLES
                    + " inputs are unreliable");
        }
    }

    /** A finite count at least 1 must also be whole and within its bound; false (and an error) when not. */
    private boolean checkCount(NumberLiteral count, String name, long bound) {
        if (!Double.isFinite(count.value()) || ScriptLimits.isCountWithin(count, bound)) {
            return true;
        }
        sink.error(count.span(), name + " must be a whole number in 1.." + bound + ", got " + count.text()
                + " — write a count in that range");
        return false;
    }

    private void checkConditions(Condition source, Condition target, String statement) {
        checkCondition(source);
        checkCondition(target);
        if (source.sameAs(target)) {
            sink.warning(target.span(), "source and target conditions are equal: '" + statement
                    + "' between identical inputs measures nothing");
        }
    }

    private void checkCondition(Condition condition) {
        Set<String> seen = new HashSet<>();
        for (FactorAssignment assignment : condition.assignments()) {
            if (!seen.add(assignment.factor().text())) {
                sink.error(assignment.factor().span(), "factor '" + assignment.factor().text()
                        + "' appears twice in the condition");
                continue;
            }
            checkFactor(assignment.factor()).ifPresent(f -> checkValue(f, assignment.value()));
        }
    }

    /** The factor's info when the dataset is known and has it; reports an unknown factor. */
    private Optional<FactorInfo> checkFactor(Identifier factor) {
        if (dataset.isEmpty()) {
            return Optional.empty();
        }
        Optional<FactorInfo> info = dataset.get().factor(factor.text());
        if (info.isEmpty()) {
            sink.error(factor.span(), "unknown factor '" + factor.text() + "'"
                    + suggestion(factor.text(), dataset.get().factorNames()));
        }
        return info;
    }

    private void checkValue(FactorInfo factor, Literal value) {
        int classes = factor.classCount();
        if (value instanceof Identifier label) {
            if (factor.labels().isEmpty()) {
                sink.error(label.span(), "factor '" + factor.name() + "' has no value labels: write a class index 0.."
                        + (classes - 1) + " instead of '" + label.text() + "'");
            } else if (!factor.labels().contains(label.text())) {
                sink.error(label.span(), "unknown value '" + label.text() + "' of factor '" + factor.name() + "'"
                        + suggestion(label.text(), factor.labels()));
            }
        } else if (value instanceof NumberLiteral number) {
            if (number.isInteger()) {
                if (number.value() < 0 || number.value() >= classes) {
                    sink.error(number.span(), "class index " + number.text() + " is out of range 0.." + (classes - 1)
                            + " of factor '" + factor.name() + "'");
                }
            } else if (factor.values().stream().noneMatch(v -> Math.abs(v - number.value()) < 1e-6)) {
                sink.error(number.span(), number.text() + " is not a value of factor '" + factor.name()
                        + "'; write a class index 0.." + (classes - 1) + " or one of its values");
            }
        }
    }

    private void checkOutcome(Outcome outcome) {
        if (outcome instanceof Outcome.Latent latent) {
            checkLatentIndex(latent.index().value(), latent.index().text(), latent.index().span());
        } else if (outcome instanceof Outcome.Readout readout) {
            checkFactor(readout.factor());
        }
    }

    private void checkLatents(IndexSelection latents) {
        for (IndexRange range : latents.ranges()) {
            checkLatentIndex(range.last(), Integer.toString(range.last()), range.span());
        }
    }

    private void checkLatentIndex(double index, String text, Span span) {
        model.ifPresent(m -> {
            if (index >= m.latentSize()) {
                sink.error(span, "latent " + text + " is out of range 0.." + (m.latentSize() - 1));
            }
        });
    }

    private void checkUnits(Identifier hook, IndexSelection units) {
        if (model.isEmpty()) {
            return;
        }
        Integer count = model.get().hookPoints().get(hook.text());
        if (count == null) {
            sink.error(hook.span(), "unknown hook point '" + hook.text() + "'"
                    + suggestion(hook.text(), model.get().hookPoints().keySet()));
            return;
        }
        for (IndexRange range : units.ranges()) {
            if (range.last() >= count) {
                sink.error(range.span(), "unit " + range.last() + " is out of range 0.." + (count - 1)
                        + " of hook point '" + hook.text() + "'");
            }
        }
    }

    private Optional<Integer> unitCount(Identifier hook) {
        return model.map(m -> m.hookPoints().get(hook.text()));
    }

    private static int selectedCount(IndexSelection units) {
        Set<Integer> selected = new HashSet<>();
        for (IndexRange range : units.ranges()) {
            for (int i = range.first(); i <= range.last() && selected.size() < 1_000_000; i++) {
                selected.add(i);
            }
        }
        return selected.size();
    }

    /** Reports an unknown name; returns true when the name is known. */
    private boolean checkName(Identifier name, String what, java.util.Collection<String> known) {
        if (known.contains(name.text())) {
            return true;
        }
        sink.error(name.span(), "unknown " + what + " '" + name.text() + "'" + suggestion(name.text(), known));
        return false;
    }

    private Optional<GeneratorInfo> generator(String name) {
        return env.datasetGenerators().stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /** "; did you mean 'x'?" or, for short lists, the list of known names. */
    private static String suggestion(String name, java.util.Collection<String> known) {
        String didYouMean = EditDistance.didYouMean(name, known);
        if (!didYouMean.isEmpty() || known.isEmpty() || known.size() > 12) {
            return didYouMean;
        }
        return " (known: " + known.stream().collect(Collectors.joining(", ")) + ")";
    }

    private int line(Span span) {
        return lines.line(span.offset());
    }
}
