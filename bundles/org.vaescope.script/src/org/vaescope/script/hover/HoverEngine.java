package org.vaescope.script.hover;

import java.util.Optional;
import java.util.stream.Collectors;

import org.vaescope.script.ScriptEnvironment;
import org.vaescope.script.ScriptEnvironment.DatasetInfo;
import org.vaescope.script.ScriptEnvironment.FactorInfo;
import org.vaescope.script.ScriptEnvironment.GeneratorInfo;
import org.vaescope.script.ScriptLanguage;
import org.vaescope.script.ast.ParseResult;
import org.vaescope.script.ast.Statement;
import org.vaescope.script.ast.StatementKind;
import org.vaescope.script.parser.ScriptParser;
import org.vaescope.script.source.Span;

/**
 * Hover text for the word under a position: statement keywords (from their {@link StatementKind}
 * descriptor), metrics, dataset generators and formats from {@link ScriptLanguage}, and hook points
 * and factors from the {@link ScriptEnvironment} when the model and dataset are known.
 */
public final class HoverEngine {

    private HoverEngine() {
    }

    /** The hover at {@code offset} of {@code text}, or empty when the word there has nothing to say. */
    public static Optional<Hover> hover(String text, int offset, ScriptEnvironment env) {
        String source = text == null ? "" : text;
        ScriptEnvironment environment = env == null ? ScriptEnvironment.languageOnly() : env;
        Span word = wordAt(source, offset);
        if (word.length() == 0 || inComment(source, word.offset())) {
            return Optional.empty();
        }
        String name = source.substring(word.offset(), word.end());
        ParseResult parsed = ScriptParser.parse(source);
        Optional<Statement> statement = parsed.script().statements().stream()
                .filter(s -> s.span().offset() <= word.offset() && word.offset() < s.span().end()).findFirst();
        if (statement.isPresent() && statement.get().span().offset() == word.offset()) {
            return Optional.of(keyword(statement.get().descriptor(), word));
        }
        if (statement.isPresent() && statement.get() instanceof Statement.Metric) {
            String description = ScriptLanguage.METRIC_DESCRIPTIONS.get(name);
            if (description != null) {
                return Optional.of(new Hover("metric " + name, description, word));
            }
        }
        return hookPoint(name, word, environment)
                .or(() -> factor(name, word, datasetOf(parsed, environment)))
                .or(() -> generator(name, word, environment))
                .or(() -> format(name, word));
    }

    private static Hover keyword(StatementKind kind, Span word) {
        String options = kind.options().isEmpty() ? "" : "\nOptions: " + String.join(", ", kind.options());
        return new Hover(kind.syntax(), kind.help() + " (" + kind.displayName() + ")" + options, word);
    }

    private static Optional<Hover> hookPoint(String name, Span word, ScriptEnvironment env) {
        return env.model().flatMap(model -> Optional.ofNullable(model.hookPoints().get(name)))
                .map(units -> new Hover("hook point " + name, units + " units (0.." + (units - 1) + ")", word));
    }

    private static Optional<Hover> factor(String name, Span word, Optional<DatasetInfo> dataset) {
        return dataset.flatMap(d -> d.factor(name)).map(f -> new Hover("factor " + name, describe(f), word));
    }

    private static String describe(FactorInfo factor) {
        String values = factor.labels().isEmpty()
                ? factor.values().stream().map(v -> String.format(java.util.Locale.ROOT, "%.4g", v))
                        .collect(Collectors.joining(", "))
                : String.join(", ", factor.labels());
        return factor.classCount() + " values (class index 0.." + (factor.classCount() - 1) + "): " + values;
    }

    private static Optional<Hover> generator(String name, Span word, ScriptEnvironment env) {
        return env.datasetGenerators().stream().filter(g -> g.name().equals(name)).findFirst()
                .map(g -> new Hover("dataset generator " + name, describe(g), word));
    }

    private static String describe(GeneratorInfo generator) {
        String parameters = generator.parameters().stream().map(p -> p.name() + ": " + p.description())
                .collect(Collectors.joining("\n"));
        return parameters.isEmpty() ? generator.description() : generator.description() + "\n" + parameters;
    }

    private static Optional<Hover> format(String name, Span word) {
        return Optional.ofNullable(ScriptLanguage.DATASET_FORMATS.get(name))
                .map(description -> new Hover("data format " + name, description, word));
    }

    /** The factors the script's dataset has: from the environment, else from the generator the script names. */
    private static Optional<DatasetInfo> datasetOf(ParseResult parsed, ScriptEnvironment env) {
        if (env.dataset().isPresent()) {
            return env.dataset();
        }
        return parsed.script().dataset().filter(Statement.GeneratedDataset.class::isInstance)
                .map(s -> ((Statement.GeneratedDataset) s).generator().text())
                .flatMap(name -> env.datasetGenerators().stream().filter(g -> g.name().equals(name)).findFirst())
                .map(GeneratorInfo::factors);
    }

    /** The dotted name around {@code offset} (a hook point may contain dots). */
    static Span wordAt(String text, int offset) {
        int at = Math.max(0, Math.min(offset, text.length()));
        int start = at;
        while (start > 0 && isNameChar(text.charAt(start - 1))) {
            start--;
        }
        int end = at;
        while (end < text.length() && isNameChar(text.charAt(end))) {
            end++;
        }
        return new Span(start, end - start);
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.';
    }

    private static boolean inComment(String text, int offset) {
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        boolean inString = false;
        for (int i = lineStart; i < offset; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                inString = !inString;
            } else if (c == '#' && !inString) {
                return true;
            }
        }
        return false;
    }
}
