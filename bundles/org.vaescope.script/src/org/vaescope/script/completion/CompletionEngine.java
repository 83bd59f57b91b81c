package org.vaescope.script.completion;

import org.vaescope.script.ScriptLanguage;
import org.vaescope.script.ast.StatementKind;
import org.vaescope.script.ScriptEnvironment;
import org.vaescope.script.ast.OutputKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.vaescope.script.internal.Expectation;
import org.vaescope.script.internal.Lexer;
import org.vaescope.script.internal.Parser;
import org.vaescope.script.internal.Token;
import org.vaescope.script.internal.TokenKind;
import org.vaescope.script.completion.CompletionProposal.Kind;
import org.vaescope.script.ScriptEnvironment.DatasetInfo;
import org.vaescope.script.ScriptEnvironment.FactorInfo;
import org.vaescope.script.ScriptEnvironment.GeneratorInfo;
import org.vaescope.script.ScriptEnvironment.ModelInfo;

/**
 * Completion for intervention scripts. It lexes the text (cheap, linear), takes the tokens of the
 * statement at the caret up to the word being typed, and asks the parser what could come next; the
 * parser's expectations become proposals filtered by the typed prefix. It works on any text,
 * complete or not, and never throws.
 */
public final class CompletionEngine {

    private static final Map<String, String> CLAUSE_DESCRIPTIONS = descriptions(
            "as", "name the model in comparisons",
            "file", "read the dataset from a file in the script folder",
            "format", "format of the data file",
            "factor", "a generative factor",
            "all", "every one",
            "from", "start value or source condition",
            "to", "end value",
            "into", "target condition",
            "latent", "a latent dimension",
            "by", "delta added to the latent",
            "step", "step between deltas",
            "range", "range of latent values",
            "steps", "number of values in the range",
            "units", "the units (channels) concerned",
            "channels", "channels of the hook point (a channel is a unit)",
            "measure", "the outcome measured",
            "samples", "number of inputs for this analysis",
            "top", "check the top K units by exact patching",
            "mode", "how ablated activations are replaced",
            "zero", "replace by 0",
            "mean", "replace by the mean activation",
            "resample", "replace by the activation of another input",
            "readout", "the read-out of a factor",
            "reconstruction", "the decoded image",
            "through", "the mediator hook point",
            "circuits", "circuits of every factor",
            "graph", "factor causal graph",
            "html", "HTML report",
            "json", "JSON file",
            "dot", "Graphviz DOT file",
            "csv", "CSV table",
            "model", "a model file");

    private CompletionEngine() {
    }

    /**
     * Proposals that fit at {@code caretOffset} of {@code text}.
     *
     * @param env what is known about the model, the dataset and the script folder; null means the
     *            language alone
     */
    public static List<CompletionProposal> complete(String text, int caretOffset, ScriptEnvironment env) {
        String source = text == null ? "" : text;
        ScriptEnvironment environment = env == null ? ScriptEnvironment.languageOnly() : env;
        int caret = Math.max(0, Math.min(caretOffset, source.length()));
        int lineStart = source.lastIndexOf('\n', caret - 1) + 1;
        LineState state = scanLine(source, lineStart, caret);
        if (state.inComment) {
            return List.of();
        }
        int contextEnd;
        int replaceStart;
        int replaceEnd;
        String prefix;
        boolean inString = state.stringStart >= 0;
        if (inString) {
            contextEnd = state.stringStart;
            replaceStart = state.stringStart;
            replaceEnd = closingQuote(source, caret);
            prefix = source.substring(state.stringStart + 1, caret).replace("\\\"", "\"");
        } else {
            replaceStart = caret;
            while (replaceStart > lineStart && isWordChar(source.charAt(replaceStart - 1))) {
                replaceStart--;
            }
            replaceEnd = caret;
            while (replaceEnd < source.length() && isWordChar(source.charAt(replaceEnd))) {
                replaceEnd++;
            }
            contextEnd = replaceStart;
            prefix = source.substring(replaceStart, caret);
        }
        List<Token> tokens = Lexer.tokenize(source, null);
        Context context = context(tokens, contextEnd);
        Set<Expectation> expectations = Parser.expectationsAfter(context.statementTokens, context.inBlock,
                context.versionAllowed);
        Proposer proposer = new Proposer(environment, factors(environment, tokens), prefix, inString, replaceStart,
                replaceEnd - replaceStart);
        for (Expectation expectation : expectations) {
            proposer.propose(expectation);
        }
        return proposer.proposals();
    }

    // ---- where the caret is -----------------------------------------------------------------

    private static final class LineState {
        boolean inComment;
        int stringStart = -1;
    }

    /** Whether the caret is in a comment or in a string, scanning its line up to the caret. */
    private static LineState scanLine(String text, int lineStart, int caret) {
        LineState state = new LineState();
        for (int i = lineStart; i < caret; i++) {
            char c = text.charAt(i);
            if (state.stringStart >= 0) {
                if (c == '\\' && i + 1 < caret) {
                    i++;
                } else if (c == '"') {
                    state.stringStart = -1;
                }
            } else if (c == '"') {
                state.stringStart = i;
            } else if (c == '#') {
                state.inComment = true;
                return state;
            }
        }
        return state;
    }

    private static int closingQuote(String text, int caret) {
        for (int i = caret; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return caret;
            }
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i + 1;
            }
        }
        return caret;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '+';
    }

    private record Context(List<Token> statementTokens, boolean inBlock, boolean versionAllowed) {
    }

    /** The tokens of the statement that ends at {@code contextEnd}, and whether it sits in a block. */
    private static Context context(List<Token> tokens, int contextEnd) {
        int depth = 0;
        int statementStart = 0;
        boolean onlyNewlinesBefore = true;
        int end = 0;
        while (end < tokens.size() && tokens.get(end).kind() != TokenKind.EOF && tokens.get(end).offset() < contextEnd) {
            TokenKind kind = tokens.get(end).kind();
            if (kind == TokenKind.NEWLINE || kind == TokenKind.LBRACE || kind == TokenKind.RBRACE) {
                if (kind == TokenKind.LBRACE) {
                    depth++;
                } else if (kind == TokenKind.RBRACE) {
                    depth = Math.max(0, depth - 1);
                }
                if (statementStart < end) {
                    onlyNewlinesBefore = false;
                }
                statementStart = end + 1;
            }
            end++;
        }
        return new Context(tokens.subList(statementStart, end), depth > 0, onlyNewlinesBefore);
    }

    /** The dataset's factors: from the environment, else from the built-in generator the script names. */
    private static Optional<DatasetInfo> factors(ScriptEnvironment env, List<Token> tokens) {
        if (env.dataset().isPresent()) {
            return env.dataset();
        }
        for (int i = 0; i + 1 < tokens.size(); i++) {
            boolean statementStart = i == 0 || tokens.get(i - 1).kind() == TokenKind.NEWLINE;
            if (statementStart && tokens.get(i).kind() == TokenKind.IDENT && tokens.get(i).text().equals("dataset")
                    && tokens.get(i + 1).kind() == TokenKind.IDENT) {
                String name = tokens.get(i + 1).text();
                return env.datasetGenerators().stream().filter(g -> g.name().equals(name)).findFirst()
                        .map(GeneratorInfo::factors);
            }
        }
        return Optional.empty();
    }

    // ---- proposals --------------------------------------------------------------------------

    /** Turns expectations into proposals matching the prefix, without duplicates. */
    private static final class Proposer {
        private final ScriptEnvironment env;
        private final Optional<DatasetInfo> dataset;
        private final String prefix;
        private final boolean inString;
        private final int replaceOffset;
        private final int replaceLength;
        private final Map<String, CompletionProposal> proposals = new LinkedHashMap<>();

        Proposer(ScriptEnvironment env, Optional<DatasetInfo> dataset, String prefix, boolean inString,
                int replaceOffset, int replaceLength) {
            this.env = env;
            this.dataset = dataset;
            this.prefix = prefix.toLowerCase(Locale.ROOT);
            this.inString = inString;
            this.replaceOffset = replaceOffset;
            this.replaceLength = replaceLength;
        }

        List<CompletionProposal> proposals() {
            return List.copyOf(proposals.values());
        }

        void propose(Expectation expectation) {
            Optional<ModelInfo> model = env.model();
            if (expectation instanceof Expectation.Keyword keyword) {
                String description = StatementKind.statementKeywords().getOrDefault(keyword.word(),
                        CLAUSE_DESCRIPTIONS.getOrDefault(keyword.word(), ""));
                word(Kind.KEYWORD, keyword.word(), description);
            } else if (expectation instanceof Expectation.HookPoint) {
                model.ifPresent(m -> m.hookPoints().forEach(
                        (hook, units) -> word(Kind.HOOK_POINT, hook, "hook point with " + units + " units")));
            } else if (expectation instanceof Expectation.Units units) {
                word(Kind.KEYWORD, "all", "every unit of " + units.hook());
                Integer count = model.map(m -> m.hookPoints().get(units.hook())).orElse(null);
                if (count != null && count > 0) {
                    word(Kind.UNIT_RANGE, "0.." + (count - 1), "all " + count + " units of " + units.hook());
                }
            } else if (expectation instanceof Expectation.Latents latents) {
                proposeLatents(latents.selection(), model);
            } else if (expectation instanceof Expectation.Factor factor) {
                dataset.ifPresent(d -> d.factors().forEach(
                        f -> word(Kind.FACTOR, f.name(), "factor with " + f.classCount() + " classes")));
                if (factor.allowAll()) {
                    word(Kind.KEYWORD, "all", "every factor in turn");
                }
            } else if (expectation instanceof Expectation.FactorValue value) {
                dataset.flatMap(d -> d.factor(value.factor())).ifPresent(this::proposeValues);
            } else if (expectation instanceof Expectation.Metric) {
                ScriptLanguage.METRIC_DESCRIPTIONS.forEach((name, description) -> word(Kind.METRIC, name, description));
            } else if (expectation instanceof Expectation.Generator) {
                env.datasetGenerators().forEach(g -> word(Kind.GENERATOR, g.name(), g.description()));
            } else if (expectation instanceof Expectation.GeneratorParameter parameter) {
                env.datasetGenerators().stream().filter(g -> g.name().equals(parameter.generator())).findFirst()
                        .ifPresent(g -> g.parameters().forEach(p -> add(Kind.PARAMETER, p.name(), p.name() + "=",
                                p.description())));
            } else if (expectation instanceof Expectation.DatasetFormat) {
                ScriptLanguage.DATASET_FORMATS.forEach((name, description) -> word(Kind.FORMAT, name, description));
            } else if (expectation instanceof Expectation.InputFile file) {
                for (String path : env.scriptFolderFiles()) {
                    String lower = path.toLowerCase(Locale.ROOT);
                    boolean isModel = ScriptLanguage.MODEL_EXTENSIONS.keySet().stream().anyMatch(lower::endsWith);
                    boolean isScript = lower.endsWith(ScriptLanguage.FILE_EXTENSION);
                    if (file.model() ? isModel : !isModel && !isScript) {
                        quoted(path, file.model() ? "model file" : "data file");
                    }
                }
            } else if (expectation instanceof Expectation.OutputFile output) {
                quoted(defaultOutputName(output.kind()), "file in the output folder");
            }
        }

        private void proposeLatents(boolean selection, Optional<ModelInfo> model) {
            if (selection) {
                word(Kind.KEYWORD, "all", "every latent dimension");
            }
            model.ifPresent(m -> {
                if (selection) {
                    word(Kind.LATENT, "0.." + (m.latentSize() - 1), "all " + m.latentSize() + " latents");
                }
                for (int i = 0; i < m.latentSize(); i++) {
                    word(Kind.LATENT, Integer.toString(i), "latent dimension " + i);
                }
            });
        }

        private void proposeValues(FactorInfo factor) {
            if (!factor.labels().isEmpty()) {
                for (int i = 0; i < factor.labels().size(); i++) {
                    word(Kind.FACTOR_VALUE, factor.labels().get(i), "class " + i + " of " + factor.name());
                }
                return;
            }
            for (int i = 0; i < factor.classCount(); i++) {
                String value = factor.values().isEmpty() ? "" : " (value " + factor.values().get(i) + ")";
                word(Kind.FACTOR_VALUE, Integer.toString(i), "class " + i + " of " + factor.name() + value);
            }
        }

        private void word(Kind kind, String word, String description) {
            add(kind, word, word, description);
        }

        private void quoted(String path, String description) {
            String insert = "\"" + path.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            String typed = inString ? path : "\"" + path;
            if (typed.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                proposals.putIfAbsent(kindKey(Kind.FILE, insert),
                        new CompletionProposal(Kind.FILE, path, insert, replaceOffset, replaceLength, description));
            }
        }

        private void add(Kind kind, String label, String insert, String description) {
            if (inString || !label.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                return;
            }
            proposals.putIfAbsent(kindKey(kind, insert),
                    new CompletionProposal(kind, label, insert, replaceOffset, replaceLength, description));
        }

        private static String kindKey(Kind kind, String insert) {
            return kind + "\u0000" + insert;
        }
    }

    private static String defaultOutputName(OutputKind kind) {
        return switch (kind) {
            case REPORT_HTML -> "report.html";
            case REPORT_JSON -> "report.json";
            case GRAPH_JSON -> "graph.json";
            case GRAPH_DOT -> "graph.dot";
            case IMAGES -> "images.png";
            case TABLE_CSV -> "units.csv";
        };
    }

    private static Map<String, String> descriptions(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
