package org.vaescope.script.internal;

import org.vaescope.script.source.LineMap;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.vaescope.script.ast.AblationMode;
import org.vaescope.script.ast.Condition;
import org.vaescope.script.ast.FactorAssignment;
import org.vaescope.script.ast.Identifier;
import org.vaescope.script.ast.IndexRange;
import org.vaescope.script.ast.IndexSelection;
import org.vaescope.script.ast.Literal;
import org.vaescope.script.ast.NumberLiteral;
import org.vaescope.script.ast.NumberRange;
import org.vaescope.script.ast.Outcome;
import org.vaescope.script.ast.OutputKind;
import org.vaescope.script.ast.GeneratorParameter;
import org.vaescope.script.ast.ParseResult;
import org.vaescope.script.ast.Script;
import org.vaescope.script.ScriptLanguage;
import org.vaescope.script.source.Span;
import org.vaescope.script.ast.Statement;
import org.vaescope.script.ast.StatementKind;
import org.vaescope.script.ast.StringLiteral;

/**
 * Recursive-descent parser of the script language, one method per grammar rule (see
 * docs/script-language.md). A syntax error aborts the current statement only: it is reported, the
 * rest of the line is skipped and parsing goes on, so every faulty line gets its own message.
 * <p>
 * The same rules drive completion: the completion engine passes the tokens of the current statement
 * up to a {@link TokenKind#CARET} token, and every test the parser makes at that token is recorded as
 * an {@link Expectation}.
 */
public final class Parser {

    private final List<Token> tokens;
    private final DiagnosticSink sink;
    private final Set<Expectation> expectations;
    private int pos;
    private Token lastConsumed;
    private int blockDepth;
    private boolean versionAllowed = true;

    private Parser(List<Token> tokens, DiagnosticSink sink, Set<Expectation> expectations) {
        this.tokens = tokens;
        this.sink = sink;
        this.expectations = expectations;
    }

    /** Parses a whole script; never throws. */
    public static ParseResult parse(String text) {
        DiagnosticSink sink = new DiagnosticSink(new LineMap(text));
        List<Token> tokens = Lexer.tokenize(text, sink);
        Parser parser = new Parser(tokens, sink, null);
        Script script = parser.script(text.length());
        return new ParseResult(text, script, sink.sorted());
    }

    /**
     * What could follow the given statement prefix. {@code statementTokens} are the tokens of one
     * statement before the completion point; a CARET token is appended here.
     *
     * @param inBlock        the statement is inside a {@code compare} block
     * @param versionAllowed nothing but comments precedes the statement
     */
    public static Set<Expectation> expectationsAfter(List<Token> statementTokens, boolean inBlock,
            boolean versionAllowed) {
        List<Token> withCaret = new ArrayList<>(statementTokens);
        int caretOffset = statementTokens.isEmpty() ? 0 : statementTokens.get(statementTokens.size() - 1).end();
        withCaret.add(new Token(TokenKind.CARET, "", "", caretOffset, 0, true));
        Set<Expectation> found = new LinkedHashSet<>();
        Parser parser = new Parser(withCaret, null, found);
        parser.versionAllowed = versionAllowed;
        parser.blockDepth = inBlock ? 1 : 0;
        try {
            Statement statement = parser.statement();
            if (statement instanceof Statement.Compare) {
                return found;
            }
            parser.statementEnd();
        } catch (SyntaxError stop) {
            // the caret (or an error before it) ends the statement; expectations are collected
        }
        return found;
    }

    // ---- script and statements --------------------------------------------------------------

    private Script script(int textLength) {
        List<Statement> statements = new ArrayList<>();
        int version = ScriptLanguage.FORMAT_VERSION;
        while (peek().kind() != TokenKind.EOF) {
            if (peek().kind() == TokenKind.NEWLINE) {
                pos++;
                continue;
            }
            if (peek().kind() == TokenKind.RBRACE) {
                sink.error(span(peek()), "unexpected '}': no block is open");
                pos++;
                continue;
            }
            Statement statement = recovering();
            versionAllowed = false;
            if (statement instanceof Statement.Version v && v.version().isInteger()) {
                version = v.version().intValue();
            }
            statements.add(statement);
        }
        return new Script(version, statements, new Span(0, textLength));
    }

    /** Parses one statement; on a syntax error reports it, skips the rest of the line and returns Invalid. */
    private Statement recovering() {
        Token start = peek();
        try {
            Statement statement = statement();
            statementEnd();
            return statement;
        } catch (SyntaxError error) {
            report(error);
            skipToStatementEnd();
            return new Statement.Invalid(spanFrom(start));
        }
    }

    private Statement statement() {
        Token start = peek();
        if (blockDepth > 0) {
            offerKeyword("model");
            if (acceptKeyword("model")) {
                return model(start);
            }
            if (start.kind() == TokenKind.CARET) {
                throw stop();
            }
            throw new SyntaxError("expected 'model' or '}' inside 'compare', found " + start.describe(), start);
        }
        if (start.kind() == TokenKind.CARET) {
            for (String keyword : StatementKind.statementKeywords().keySet()) {
                if (versionAllowed || !keyword.equals("vaescope")) {
                    offerKeyword(keyword);
                }
            }
            throw stop();
        }
        if (start.kind() != TokenKind.IDENT) {
            throw new SyntaxError("expected a statement keyword such as 'model', 'dataset' or 'patch', found "
                    + start.describe(), start);
        }
        pos++;
        lastConsumed = start;
        return switch (start.text()) {
            case "vaescope" -> version(start);
            case "model" -> model(start);
            case "compare" -> compare(start);
            case "dataset" -> dataset(start);
            case "samples" -> new Statement.Samples(integer("a sample count", null), spanFrom(start));
            case "seed" -> new Statement.Seed(integer("a seed (a whole number)", null), spanFrom(start));
            case "vary" -> vary(start);
            case "perturb" -> perturb(start);
            case "set" -> setLatent(start);
            case "traverse" -> traverse(start);
            case "patch" -> patch(start);
            case "ablate" -> ablate(start);
            case "attribute" -> attribute(start);
            case "mediate" -> mediate(start);
            case "classify" -> {
                expectKeyword("units");
                yield new Statement.ClassifyUnits(spanFrom(start));
            }
            case "discover" -> {
                expectKeyword("circuits");
                yield new Statement.DiscoverCircuits(spanFrom(start));
            }
            case "factor" -> {
                expectKeyword("graph");
                yield new Statement.InferFactorGraph(spanFrom(start));
            }
            case "metric" -> new Statement.Metric(identifier("a metric name", new Expectation.Metric()),
                    spanFrom(start));
            case "report" -> output(start, OutputKind.REPORT_HTML, "html", OutputKind.REPORT_JSON, "json");
            case "graph" -> output(start, OutputKind.GRAPH_JSON, "json", OutputKind.GRAPH_DOT, "dot");
            case "table" -> output(start, OutputKind.TABLE_CSV, "csv", null, null);
            case "images" -> new Statement.Output(OutputKind.IMAGES,
                    string("an output file name", new Expectation.OutputFile(OutputKind.IMAGES)), spanFrom(start));
            default -> throw new SyntaxError("unknown statement '" + start.text() + "'"
                    + EditDistance.didYouMean(start.text(), StatementKind.statementKeywords().keySet()), start);
        };
    }

    private Statement version(Token start) {
        NumberLiteral number = integer("a format version number", null);
        if (!versionAllowed) {
            throw new SyntaxError("'vaescope " + number.text() + "' must be the first statement of the script",
                    start);
        }
        if (number.value() != ScriptLanguage.FORMAT_VERSION) {
            throw new SyntaxError("unsupported format version " + number.text() + ": this VAEScope reads version "
                    + ScriptLanguage.FORMAT_VERSION, tokens.get(pos - 1));
        }
        return new Statement.Version(number, spanFrom(start));
    }

    private Statement.Model model(Token start) {
        StringLiteral path = string("a model file name in quotes", new Expectation.InputFile(true));
        StringLiteral decoder = null;
        String file = path.value().toLowerCase(java.util.Locale.ROOT);
        if (ScriptLanguage.WHOLE_MODEL_EXTENSIONS.stream().noneMatch(file::endsWith)) {
            offerKeyword("decoder");
        }
        if (acceptKeyword("decoder")) {
            decoder = string("the decoder's file name in quotes", new Expectation.InputFile(true));
        }
        Identifier alias = null;
        offerKeyword("as");
        if (acceptKeyword("as")) {
            alias = identifier("a name for the model", null);
        }
        return new Statement.Model(path, decoder, alias, spanFrom(start));
    }

    private Statement compare(Token start) {
        Token open = expect(TokenKind.LBRACE, "'{' to open the list of models");
        List<Statement.Model> models = new ArrayList<>();
        blockDepth++;
        try {
            while (true) {
                int beforeNewlines = pos;
                while (peek().kind() == TokenKind.NEWLINE) {
                    pos++;
                }
                Token next = peek();
                if (next.kind() == TokenKind.RBRACE) {
                    pos++;
                    lastConsumed = next;
                    break;
                }
                boolean otherStatement = next.kind() == TokenKind.IDENT && !next.text().equals("model")
                        && StatementKind.statementKeywords().containsKey(next.text());
                if (next.kind() == TokenKind.EOF || otherStatement) {
                    if (sink != null) {
                        sink.error(span(open), "expected '}' to close 'compare' (no '}' before "
                                + (otherStatement ? "'" + next.text() + "'" : "the end of the text") + ")");
                    }
                    pos = beforeNewlines; // leave the line end so the statement ends cleanly
                    return new Statement.Compare(models, spanFrom(start));
                }
                Statement statement = expectations != null ? statement() : recovering();
                if (statement instanceof Statement.Model model) {
                    models.add(model);
                }
            }
        } finally {
            blockDepth--;
        }
        return new Statement.Compare(models, spanFrom(start));
    }

    private Statement dataset(Token start) {
        offerKeyword("file");
        if (acceptKeyword("file")) {
            StringLiteral path = string("a data file name in quotes", new Expectation.InputFile(false));
            expectKeyword("format");
            Identifier format = identifier("a data format (" + String.join(", ",
                    ScriptLanguage.DATASET_FORMATS.keySet()) + ")", new Expectation.DatasetFormat());
            return new Statement.FileDataset(path, format, spanFrom(start));
        }
        Identifier generator = identifier("a dataset generator name or 'file'", new Expectation.Generator());
        List<GeneratorParameter> parameters = new ArrayList<>();
        if (accept(TokenKind.LPAREN)) {
            if (!accept(TokenKind.RPAREN)) {
                do {
                    Token parameterStart = peek();
                    Identifier name = identifier("a parameter name",
                            new Expectation.GeneratorParameter(generator.text()));
                    expect(TokenKind.EQUALS, "'='");
                    Literal value = literal("a parameter value", true);
                    parameters.add(new GeneratorParameter(name, value, spanFrom(parameterStart)));
                } while (accept(TokenKind.COMMA));
                expect(TokenKind.RPAREN, "',' or ')'");
            }
        }
        return new Statement.GeneratedDataset(generator, parameters, spanFrom(start));
    }

    private Statement vary(Token start) {
        expectKeyword("factor");
        Identifier factor = identifier("a factor name or 'all'", new Expectation.Factor(true));
        Literal from = null;
        Literal to = null;
        if (!factor.text().equals("all")) {
            offerKeyword("from");
            if (acceptKeyword("from")) {
                from = factorValue(factor.text());
                expectKeyword("to");
                to = factorValue(factor.text());
            }
        }
        Options options = options("samples");
        return new Statement.VaryFactor(factor.text().equals("all") ? null : factor, from, to,
                options.samples, spanFrom(start));
    }

    private Statement perturb(Token start) {
        expectKeyword("latent");
        IndexSelection latents = selection("a latent index, range or 'all'", new Expectation.Latents(true));
        expectKeyword("by");
        NumberLiteral from = number("a delta or a range of deltas such as -2..2");
        NumberLiteral to = from;
        NumberLiteral step = null;
        if (accept(TokenKind.DOTDOT)) {
            to = number("the upper end of the range");
            offerKeyword("step");
            if (acceptKeyword("step")) {
                step = number("a step size");
            }
        }
        NumberRange deltas = new NumberRange(from, to, from.span().union(to.span()));
        Options options = options("samples");
        return new Statement.PerturbLatent(latents, deltas, step, options.samples, spanFrom(start));
    }

    private Statement setLatent(Token start) {
        expectKeyword("latent");
        IndexSelection latents = selection("a latent index, range or 'all'", new Expectation.Latents(true));
        expect(TokenKind.EQUALS, "'='");
        NumberLiteral value = number("a latent value");
        Options options = options("samples");
        return new Statement.SetLatent(latents, value, options.samples, spanFrom(start));
    }

    private Statement traverse(Token start) {
        expectKeyword("latent");
        IndexSelection latents = selection("a latent index, range or 'all'", new Expectation.Latents(true));
        expectKeyword("range");
        NumberLiteral from = number("the lower end of the range, e.g. -3..3");
        expect(TokenKind.DOTDOT, "'..' and the upper end of the range");
        NumberLiteral to = number("the upper end of the range");
        expectKeyword("steps");
        NumberLiteral steps = integer("a number of steps", null);
        Options options = options("samples");
        return new Statement.TraverseLatent(latents, new NumberRange(from, to, from.span().union(to.span())), steps,
                options.samples, spanFrom(start));
    }

    private Statement patch(Token start) {
        Identifier hook = identifier("a hook point name", new Expectation.HookPoint());
        IndexSelection units = units(hook);
        expectKeyword("from");
        Condition source = condition();
        expectKeyword("into");
        Condition target = condition();
        Options options = options("measure", "samples");
        return new Statement.Patch(hook, units, source, target, options.measure, options.samples, spanFrom(start));
    }

    private Statement ablate(Token start) {
        Identifier hook = identifier("a hook point name", new Expectation.HookPoint());
        IndexSelection units = units(hook);
        Options options = options("mode", "measure", "samples");
        return new Statement.Ablate(hook, units, options.mode == null ? AblationMode.ZERO : options.mode,
                options.measure, options.samples, spanFrom(start));
    }

    private Statement attribute(Token start) {
        Identifier hook = identifier("a hook point name", new Expectation.HookPoint());
        IndexSelection units = units(hook);
        expectKeyword("from");
        Condition source = condition();
        expectKeyword("into");
        Condition target = condition();
        Options options = options("measure", "top", "samples");
        return new Statement.Attribute(hook, units, source, target, options.measure, options.top, options.samples,
                spanFrom(start));
    }

    private Statement mediate(Token start) {
        expectKeyword("factor");
        Identifier factor = identifier("a factor name", new Expectation.Factor(false));
        expectKeyword("from");
        Literal from = factorValue(factor.text());
        expectKeyword("to");
        Literal to = factorValue(factor.text());
        expectKeyword("through");
        Identifier mediator = identifier("a hook point name", new Expectation.HookPoint());
        IndexSelection units = units(mediator);
        Options options = options("measure", "samples");
        return new Statement.Mediate(factor, from, to, mediator, units, options.measure, options.samples,
                spanFrom(start));
    }

    private Statement output(Token start, OutputKind first, String firstWord, OutputKind second, String secondWord) {
        offerKeyword(firstWord);
        if (second != null) {
            offerKeyword(secondWord);
        }
        OutputKind kind;
        if (acceptKeyword(firstWord)) {
            kind = first;
        } else if (second != null && acceptKeyword(secondWord)) {
            kind = second;
        } else {
            throw expectedHere(second == null ? "'" + firstWord + "'" : "'" + firstWord + "' or '" + secondWord + "'");
        }
        StringLiteral path = string("an output file name in quotes", new Expectation.OutputFile(kind));
        return new Statement.Output(kind, path, spanFrom(start));
    }

    // ---- clauses ----------------------------------------------------------------------------

    /** The optional trailing clauses of a statement, in any order, each at most once. */
    private static final class Options {
        Outcome measure;
        NumberLiteral samples;
        NumberLiteral top;
        AblationMode mode;
    }

    private Options options(String... allowed) {
        Options options = new Options();
        Set<String> seen = new LinkedHashSet<>();
        while (true) {
            for (String option : allowed) {
                if (!seen.contains(option)) {
                    offerKeyword(option);
                }
            }
            if (atStatementEnd()) {
                return options;
            }
            Token next = peek();
            String option = next.kind() == TokenKind.IDENT && List.of(allowed).contains(next.text()) ? next.text() : null;
            if (option == null) {
                throw expectedHere(quotedList(allowed) + " or end of line");
            }
            if (!seen.add(option)) {
                throw new SyntaxError("'" + option + "' is given twice", next);
            }
            pos++;
            lastConsumed = next;
            switch (option) {
                case "measure" -> options.measure = outcome();
                case "samples" -> options.samples = integer("a sample count", null);
                case "top" -> options.top = integer("a number of units", null);
                case "mode" -> options.mode = ablationMode();
                default -> throw new IllegalStateException("option " + option);
            }
        }
    }

    private AblationMode ablationMode() {
        for (AblationMode mode : AblationMode.values()) {
            offerKeyword(mode.keyword());
        }
        for (AblationMode mode : AblationMode.values()) {
            if (acceptKeyword(mode.keyword())) {
                return mode;
            }
        }
        throw expectedHere("'zero', 'mean' or 'resample'");
    }

    private Outcome outcome() {
        Token start = peek();
        offerKeyword("latent");
        offerKeyword("readout");
        offerKeyword("reconstruction");
        if (acceptKeyword("latent")) {
            NumberLiteral index = integer("a latent index", new Expectation.Latents(false));
            return new Outcome.Latent(index, spanFrom(start));
        }
        if (acceptKeyword("readout")) {
            Identifier factor = identifier("a factor name", new Expectation.Factor(false));
            return new Outcome.Readout(factor, spanFrom(start));
        }
        if (acceptKeyword("reconstruction")) {
            return new Outcome.Reconstruction(spanFrom(start));
        }
        throw expectedHere("'latent', 'readout' or 'reconstruction'");
    }

    private IndexSelection units(Identifier hook) {
        offerKeyword("units");
        offerKeyword("channels");
        if (!acceptKeyword("units") && !acceptKeyword("channels")) {
            throw expectedHere("'units' or 'channels'");
        }
        return selection("a unit index, range such as 0..7, or 'all'", new Expectation.Units(hook.text()));
    }

    private IndexSelection selection(String what, Expectation expectation) {
        Token start = peek();
        offer(expectation);
        if (acceptKeyword("all")) {
            return new IndexSelection(true, List.of(), spanFrom(start));
        }
        List<IndexRange> ranges = new ArrayList<>();
        do {
            Token itemStart = peek();
            int first = index(what);
            int last = first;
            if (accept(TokenKind.DOTDOT)) {
                last = index("the upper end of the range");
                if (last < first) {
                    throw new SyntaxError("empty range " + first + ".." + last + ": the upper end must not be below "
                            + "the lower end", itemStart);
                }
            }
            ranges.add(new IndexRange(first, last, spanFrom(itemStart)));
        } while (accept(TokenKind.COMMA));
        return new IndexSelection(false, ranges, spanFrom(start));
    }

    private int index(String what) {
        Token token = peek();
        if (token.kind() == TokenKind.CARET) {
            throw stop();
        }
        if (token.kind() != TokenKind.NUMBER || !isNonNegativeInt(token.text())) {
            throw expectedHere(what + " (a whole number from 0)");
        }
        pos++;
        lastConsumed = token;
        return Integer.parseInt(token.text().startsWith("+") ? token.text().substring(1) : token.text());
    }

    private static boolean isNonNegativeInt(String text) {
        String digits = text.startsWith("+") ? text.substring(1) : text;
        if (digits.isEmpty() || digits.length() > 9) {
            return false;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (!Lexer.isDigit(digits.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private Condition condition() {
        Token start = peek();
        expect(TokenKind.LPAREN, "'(' and a factor condition such as (shape=heart)");
        List<FactorAssignment> assignments = new ArrayList<>();
        do {
            Token assignmentStart = peek();
            Identifier factor = identifier("a factor name", new Expectation.Factor(false));
            expect(TokenKind.EQUALS, "'='");
            Literal value = factorValue(factor.text());
            assignments.add(new FactorAssignment(factor, value, spanFrom(assignmentStart)));
        } while (accept(TokenKind.COMMA));
        expect(TokenKind.RPAREN, "',' or ')'");
        return new Condition(assignments, spanFrom(start));
    }

    private Literal factorValue(String factor) {
        offer(new Expectation.FactorValue(factor));
        return literal("a value of factor '" + factor + "' (a label or a class index)", false);
    }

    private Literal literal(String what, boolean allowString) {
        Token token = peek();
        if (token.kind() == TokenKind.CARET) {
            throw stop();
        }
        if (token.kind() == TokenKind.IDENT) {
            pos++;
            lastConsumed = token;
            return new Identifier(token.text(), span(token));
        }
        if (token.kind() == TokenKind.NUMBER) {
            return number(what);
        }
        if (allowString && token.kind() == TokenKind.STRING) {
            pos++;
            lastConsumed = token;
            return new StringLiteral(token.value(), span(token));
        }
        throw expectedHere(what);
    }

    // ---- terminals --------------------------------------------------------------------------

    private NumberLiteral integer(String what, Expectation expectation) {
        offer(expectation);
        NumberLiteral number = number(what);
        if (!number.isInteger()) {
            throw new SyntaxError("expected " + what + " (a whole number), found '" + lastConsumed.text() + "'",
                    lastConsumed);
        }
        return number;
    }

    private NumberLiteral number(String what) {
        Token token = take(TokenKind.NUMBER, what);
        return new NumberLiteral(Double.parseDouble(token.text()), token.text(), span(token));
    }

    private Identifier identifier(String what, Expectation expectation) {
        offer(expectation);
        Token token = take(TokenKind.IDENT, what);
        return new Identifier(token.text(), span(token));
    }

    private StringLiteral string(String what, Expectation expectation) {
        offer(expectation);
        Token token = take(TokenKind.STRING, what);
        if (!token.terminated()) {
            throw new SyntaxError(null, token); // already reported by the lexer
        }
        return new StringLiteral(token.value(), span(token));
    }

    /** Consumes the next token if it is of {@code kind}; stops at the caret, else reports what was expected. */
    private Token take(TokenKind kind, String what) {
        Token token = peek();
        if (token.kind() == TokenKind.CARET) {
            throw stop();
        }
        if (token.kind() != kind) {
            throw expectedHere(what);
        }
        pos++;
        lastConsumed = token;
        return token;
    }

    private void expectKeyword(String keyword) {
        offerKeyword(keyword);
        if (!acceptKeyword(keyword)) {
            throw expectedHere("'" + keyword + "'");
        }
    }

    private boolean acceptKeyword(String keyword) {
        Token token = peek();
        if (token.kind() == TokenKind.IDENT && token.text().equals(keyword)) {
            pos++;
            lastConsumed = token;
            return true;
        }
        return false;
    }

    private Token expect(TokenKind kind, String what) {
        Token token = peek();
        if (token.kind() == TokenKind.CARET) {
            throw stop();
        }
        if (token.kind() != kind) {
            throw expectedHere(what);
        }
        pos++;
        lastConsumed = token;
        return token;
    }

    private boolean accept(TokenKind kind) {
        Token token = peek();
        if (token.kind() == kind) {
            pos++;
            lastConsumed = token;
            return true;
        }
        return false;
    }

    private void statementEnd() {
        if (!atStatementEnd()) {
            throw expectedHere("end of line");
        }
        if (peek().kind() == TokenKind.CARET) {
            throw stop();
        }
    }

    private boolean atStatementEnd() {
        TokenKind kind = peek().kind();
        return kind == TokenKind.NEWLINE || kind == TokenKind.EOF || kind == TokenKind.CARET
                || (kind == TokenKind.RBRACE && blockDepth > 0);
    }

    private void skipToStatementEnd() {
        while (!atStatementEnd()) {
            lastConsumed = peek();
            pos++;
        }
    }

    // ---- errors and expectations ------------------------------------------------------------

    /** A syntax error in the current statement; a null message means "already reported". */
    private static final class SyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Token at;

        SyntaxError(String message, Token at) {
            super(message, null, false, false);
            this.at = at;
        }
    }

    private SyntaxError expectedHere(String what) {
        Token found = peek();
        if (found.kind() == TokenKind.CARET) {
            return stop();
        }
        String after = lastConsumed == null ? "" : " after '" + lastConsumed.text() + "'";
        String foundText = found.kind() == TokenKind.NEWLINE || found.kind() == TokenKind.EOF ? ""
                : ", found " + found.describe();
        return new SyntaxError("expected " + what + after + foundText, found);
    }

    private SyntaxError stop() {
        return new SyntaxError(null, peek());
    }

    private void report(SyntaxError error) {
        if (sink == null || error.getMessage() == null || error.at.kind() == TokenKind.ERROR) {
            return;
        }
        Token at = error.at;
        boolean atLineEnd = at.kind() == TokenKind.NEWLINE || at.kind() == TokenKind.EOF;
        sink.report(org.vaescope.script.source.Diagnostic.Severity.ERROR, at.offset(), atLineEnd ? 0 : at.length(),
                error.getMessage());
    }

    private void offerKeyword(String keyword) {
        if (expectations != null && peek().kind() == TokenKind.CARET) {
            expectations.add(new Expectation.Keyword(keyword, null));
        }
    }

    private void offer(Expectation expectation) {
        if (expectation != null && expectations != null && peek().kind() == TokenKind.CARET) {
            expectations.add(expectation);
        }
    }

    private static String quotedList(String... words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append('\'').append(words[i]).append('\'');
        }
        return text.toString();
    }

    // ---- positions --------------------------------------------------------------------------

    private Token peek() {
        return tokens.get(Math.min(pos, tokens.size() - 1));
    }

    private static Span span(Token token) {
        return new Span(token.offset(), token.length());
    }

    /** From the start of {@code first} to the end of the last consumed token. */
    private Span spanFrom(Token first) {
        int end = lastConsumed == null ? first.end() : Math.max(first.end(), lastConsumed.end());
        if (first.kind() == TokenKind.NEWLINE || first.kind() == TokenKind.EOF || first.kind() == TokenKind.CARET) {
            end = Math.max(first.offset(), lastConsumed == null ? first.offset() : lastConsumed.end());
        }
        return Span.between(first.offset(), end);
    }
}
