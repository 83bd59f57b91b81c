package org.vaescope.script.parser;

import org.vaescope.script.AstPrinter;
import org.vaescope.script.ast.Identifier;
import org.vaescope.script.ast.NumberLiteral;
import org.vaescope.script.ast.ParseResult;
import org.vaescope.script.ast.Script;
import org.vaescope.script.ast.Statement;
import org.vaescope.script.ast.StatementKind;
import org.vaescope.script.ast.StringLiteral;
import org.vaescope.script.source.Span;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

public class ScriptParserTest {

    static Stream<Arguments> validScripts() {
        return Stream.of(
                Arguments.of("vaescope 1", "Version(1)"),
                Arguments.of("model \"enc.onnx\" decoder \"dec.onnx\" as torch",
                        "Model(\"enc.onnx\", \"dec.onnx\", torch)"),
                Arguments.of("model \"models/vae.vsm\"", "Model(\"models/vae.vsm\", -, -)"),
                Arguments.of("model \"a \\\"b\\\".vsm\" as first", "Model(\"a \"b\".vsm\", -, first)"),
                Arguments.of("compare {\n  model \"a.vsm\" as a\n\n  model \"b.vsm\" as b\n}",
                        "Compare([Model(\"a.vsm\", -, a), Model(\"b.vsm\", -, b)])"),
                Arguments.of("compare { model \"a.vsm\" }", "Compare([Model(\"a.vsm\", -, -)])"),
                Arguments.of("dataset dsprites(size=32)", "GeneratedDataset(dsprites, [size=32])"),
                Arguments.of("dataset dsprites", "GeneratedDataset(dsprites, [])"),
                Arguments.of("dataset causal()", "GeneratedDataset(causal, [])"),
                Arguments.of("dataset causal(size=16, noise=0.1, name=\"x\", kind=small)",
                        "GeneratedDataset(causal, [size=16, noise=0.1, name=\"x\", kind=small])"),
                Arguments.of("dataset file \"data.npz\" format npz", "FileDataset(\"data.npz\", npz)"),
                Arguments.of("samples 500", "Samples(500)"),
                Arguments.of("seed 7", "Seed(7)"),
                Arguments.of("vary factor shape from square to heart samples 200",
                        "VaryFactor(shape, square, heart, 200)"),
                Arguments.of("vary factor scale", "VaryFactor(scale, -, -, -)"),
                Arguments.of("vary factor all", "VaryFactor(-, -, -, -)"),
                Arguments.of("perturb latent 3 by -2..2 step 1", "PerturbLatent(3, -2..2, 1, -)"),
                Arguments.of("perturb latent 0..2, 5 by 1.5 samples 60", "PerturbLatent(0..2,5, 1.5..1.5, -, 60)"),
                Arguments.of("set latent 3 = 1.5", "SetLatent(3, 1.5, -)"),
                Arguments.of("traverse latent all range -3..3 steps 7", "TraverseLatent(all, -3..3, 7, -)"),
                Arguments.of("patch encoder.conv2 units 0..7 from (shape=heart) into (shape=square) measure latent 2",
                        "Patch(encoder.conv2, 0..7, (shape=heart), (shape=square), Latent(2), -)"),
                Arguments.of("patch h channels 1, 3..4 from (a=1, b=x) into (a=2,b=y) samples 80 measure readout a",
                        "Patch(h, 1,3..4, (a=1,b=x), (a=2,b=y), Readout(a), 80)"),
                Arguments.of("ablate decoder.fc1 units all mode mean", "Ablate(decoder.fc1, all, MEAN, -, -)"),
                Arguments.of("ablate decoder.fc1 units 3", "Ablate(decoder.fc1, 3, ZERO, -, -)"),
                Arguments.of("ablate e.c units all measure reconstruction mode resample",
                        "Ablate(e.c, all, RESAMPLE, Reconstruction(), -)"),
                Arguments.of("attribute encoder.fc units all from (shape=heart) into (shape=square) top 10",
                        "Attribute(encoder.fc, all, (shape=heart), (shape=square), -, 10, -)"),
                Arguments.of("mediate factor scale from 0 to 5 through encoder.conv3 channels 0..3 measure latent 1",
                        "Mediate(scale, 0, 5, encoder.conv3, 0..3, Latent(1), -)"),
                Arguments.of("classify units", "ClassifyUnits()"),
                Arguments.of("discover circuits", "DiscoverCircuits()"),
                Arguments.of("factor graph", "InferFactorGraph()"),
                Arguments.of("metric modularity_explicitness", "Metric(modularity_explicitness)"),
                Arguments.of("report html \"report.html\"", "Output(REPORT_HTML, \"report.html\")"),
                Arguments.of("report json \"r.json\"", "Output(REPORT_JSON, \"r.json\")"),
                Arguments.of("graph json \"g.json\"", "Output(GRAPH_JSON, \"g.json\")"),
                Arguments.of("graph dot \"g.dot\"", "Output(GRAPH_DOT, \"g.dot\")"),
                Arguments.of("images \"traversal.png\"", "Output(IMAGES, \"traversal.png\")"),
                Arguments.of("table csv \"units.csv\"", "Output(TABLE_CSV, \"units.csv\")"),
                Arguments.of("# only a comment\n\n   \t\n", ""),
                Arguments.of("metric ces # trailing comment\r\nmetric mig\r\n", "Metric(ces)\nMetric(mig)"));
    }

    @ParameterizedTest
    @MethodSource("validScripts")
    void validScriptParsesToExpectedTree(String text, String expectedTree) {
        ParseResult result = ScriptParser.parse(text);

        assertEquals(List.of(), result.diagnostics(), "diagnostics of: " + text);
        assertEquals(expectedTree, AstPrinter.print(result.script()));
        assertSpansMatchSource(text, result.script());
    }

    @Test
    void missingVersionMeansVersionOne() {
        assertEquals(1, ScriptParser.parse("metric ces").script().formatVersion());
        assertEquals(1, ScriptParser.parse("# c\n\nvaescope 1\nmetric ces").script().formatVersion());
    }

    @Test
    void statementSpansCoverTheirLine() {
        String text = "model \"a.vsm\"\n  patch h units all from (a=1) into (a=2)   # c\nmetric ces";
        List<Statement> statements = ScriptParser.parse(text).script().statements();

        assertEquals("model \"a.vsm\"", source(text, statements.get(0).span()));
        assertEquals("patch h units all from (a=1) into (a=2)", source(text, statements.get(1).span()));
        assertEquals("metric ces", source(text, statements.get(2).span()));
    }

    @Test
    void brokenStatementIsKeptAsInvalidAndParsingGoesOn() {
        ParseResult result = ScriptParser.parse("metric ces\npatch (\nmetric mig");

        List<Statement> statements = result.script().statements();
        assertEquals(3, statements.size());
        assertInstanceOf(Statement.Invalid.class, statements.get(1));
        assertEquals("patch (", source(result.text(), statements.get(1).span()));
        assertEquals("Metric(mig)", AstPrinter.print(statements.get(2)));
    }

    @Test
    void everyStatementStartsWithItsDescriptorsPhrase() {
        String text = "vaescope 1\nmodel \"m.vsm\"\ndataset file \"d.npz\" format npz\nsamples 10\nseed 1\n"
                + "vary factor all\nperturb latent 1 by 1\nset latent 0 = 1\ntraverse latent all range -1..1 steps 3\n"
                + "patch h units 0 from (a=1) into (a=2)\nablate h units all\n"
                + "attribute h units all from (a=1) into (a=2)\nmediate factor a from 1 to 2 through h units 0\n"
                + "classify units\ndiscover circuits\nfactor graph\nmetric ces\ntable csv \"t.csv\"";
        ParseResult result = ScriptParser.parse(text);
        List<Statement> statements = result.script().statements();

        assertEquals(List.of(), result.diagnostics());
        assertEquals(StatementKind.values().length - 3, statements.size(), "all kinds but invalid, compare, generated dataset");
        for (Statement statement : statements) {
            String phrase = statement.descriptor().phrase();
            String source = source(text, statement.span());
            assertTrue(source.startsWith(statement.descriptor() == StatementKind.OUTPUT ? "table" : phrase),
                    source + " / " + phrase);
        }
    }

    @Test
    void perturbDeltaGridLeavesOutZero() {
        Statement.PerturbLatent perturb = (Statement.PerturbLatent) ScriptParser.parse("perturb latent 1 by -2..2 step 1")
                .script().statements().get(0);

        assertEquals(List.of(-2.0, -1.0, 1.0, 2.0),
                java.util.Arrays.stream(perturb.deltaGrid()).boxed().toList());
    }

    @Test
    void indexSelectionResolvesAgainstACount() {
        Statement.Ablate ablate = (Statement.Ablate) ScriptParser.parse("ablate h units 3, 0..1, 1")
                .script().statements().get(0);

        assertEquals(List.of(3, 0, 1), java.util.Arrays.stream(ablate.units().resolve(4)).boxed().toList());
    }

    /** Every node's span lies in the text; names and numbers span exactly their source text. */
    public static void assertSpansMatchSource(String text, Script script) {
        AstPrinter.forEachNode(script.statements(), node -> {
            Span span = node.span();
            assertTrue(span.offset() >= 0 && span.end() <= text.length(), "span " + span + " of " + node);
            if (node instanceof Identifier id) {
                assertEquals(id.text(), source(text, span));
            } else if (node instanceof NumberLiteral n) {
                assertEquals(n.text(), source(text, span));
            } else if (node instanceof StringLiteral) {
                assertTrue(source(text, span).startsWith("\"") && source(text, span).endsWith("\""));
            } else if (node instanceof Statement) {
                assertTrue(span.length() > 0, "empty statement span: " + node);
            }
        });
    }

    static String source(String text, Span span) {
        return text.substring(span.offset(), span.end());
    }
}
