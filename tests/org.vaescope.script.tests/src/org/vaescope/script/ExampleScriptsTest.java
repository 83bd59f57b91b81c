package org.vaescope.script;

import org.vaescope.script.parser.ScriptParserTest;
import org.vaescope.script.ast.Script;
import org.vaescope.script.ast.Statement;
import org.vaescope.script.diagnostics.ScriptCheck;
import org.vaescope.script.parser.ScriptParser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The scripts in the repository's examples folder check clean against the language alone. */
class ExampleScriptsTest {

    static List<Path> exampleScripts() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("vaescope.examples")))) {
            return files.filter(p -> p.toString().endsWith(ScriptLanguage.FILE_EXTENSION)).sorted().toList();
        }
    }

    @Test
    void everyExampleChecksClean() throws IOException {
        List<Path> scripts = exampleScripts();
        assertTrue(scripts.size() >= 6, "examples found: " + scripts);
        for (Path script : scripts) {
            String text = Files.readString(script);
            assertEquals(List.of(), ScriptCheck.checkText(script.getFileName().toString(), text,
                    ScriptEnvironment.languageOnly()).lines(), "diagnostics of " + script);
            ScriptParserTest.assertSpansMatchSource(text, ScriptParser.parse(text).script());
        }
    }

    @Test
    void examplesCoverEveryInterventionLevelAndTheCausalGraph() throws IOException {
        String all = String.join("\n", exampleScripts().stream().map(p -> {
            try {
                return Files.readString(p);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList());
        Script script = ScriptParser.parse(all.replace("vaescope 1", "")).script();

        assertTrue(!script.statementsOf(Statement.VaryFactor.class).isEmpty());
        assertTrue(!script.statementsOf(Statement.PerturbLatent.class).isEmpty());
        assertTrue(!script.statementsOf(Statement.Patch.class).isEmpty());
        assertTrue(!script.statementsOf(Statement.Mediate.class).isEmpty());
        assertTrue(!script.statementsOf(Statement.InferFactorGraph.class).isEmpty());
        assertTrue(!script.statementsOf(Statement.Compare.class).isEmpty());
    }
}
