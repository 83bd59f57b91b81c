package org.vaescope.script.internal;

import org.vaescope.script.source.LineMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.vaescope.script.completion.CompletionEngine;
import org.vaescope.script.completion.CompletionProposal;
import org.vaescope.script.source.Diagnostic;
import org.vaescope.script.ast.ParseResult;
import org.vaescope.script.diagnostics.ScriptChecker;
import org.vaescope.script.ScriptEnvironment;
import org.vaescope.script.ScriptLanguage;
import org.vaescope.script.parser.ScriptParser;

/**
 * Seeded fuzzing: token soup and mutations of the example scripts must never make the parser, the
 * checker or the completion engine throw, and every range they return must lie within the text.
 */
class ScriptFuzzTest {

    private static final long SEED = 20_250_505L;
    private static final int SOUP_CASES = 1500;
    private static final int MUTATION_CASES = 1500;

    private static final String[] SOUP = {
        "patch", "ablate", "attribute", "mediate", "vary", "perturb", "set", "traverse", "model", "dataset",
        "compare", "samples", "seed", "metric", "report", "graph", "images", "table", "vaescope", "factor", "latent",
        "units", "channels", "all", "from", "into", "to", "through", "measure", "readout", "reconstruction", "mode",
        "mean", "top", "by", "step", "range", "steps", "file", "format", "html", "json", "dot", "csv", "as", "decoder",
        "encoder.conv2", "shape", "heart", "dsprites", "ces", "mig", "0", "7", "-2", "1.5", "1e9", "99999999999",
        "0..7", "..", "(", ")", "{", "}", ",", "=", "\"r.html\"", "\"", "\"../x\"", "#", "\n", "\n", " ", "\t", "@",
        "\\", "\u00e9", "\ud83d\ude00", "\r\n", "..."
    };

    @Test
    void nothingThrowsAndEveryRangeLiesInTheText() throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        List<String> examples = examples();
        ScriptEnvironment full = fullEnvironment();
        ScriptEnvironment bare = ScriptEnvironment.languageOnly();
        for (int i = 0; i < SOUP_CASES; i++) {
            exercise(soup(random), random, i % 2 == 0 ? full : bare);
        }
        for (int i = 0; i < MUTATION_CASES; i++) {
            String example = examples.get(random.nextInt(examples.size()));
            exercise(mutate(example, random), random, i % 2 == 0 ? full : bare);
        }
    }

    private static void exercise(String text, SplittableRandom random, ScriptEnvironment env) {
        try {
            ParseResult parsed = ScriptParser.parse(text);
            assertRangesInside(text, parsed.diagnostics());
            List<Diagnostic> checked = ScriptChecker.check(parsed, env);
            assertRangesInside(text, checked);
            for (int k = 0; k < 3; k++) {
                int caret = random.nextInt(text.length() + 1);
                for (CompletionProposal p : CompletionEngine.complete(text, caret, env)) {
                    assertTrue(p.replaceOffset() >= 0 && p.replaceLength() >= 0
                            && p.replaceOffset() + p.replaceLength() <= text.length(), () -> p + " in " + quote(text));
                    assertTrue(p.replaceOffset() <= caret && caret <= p.replaceOffset() + p.replaceLength(),
                            () -> "replacement does not contain the caret: " + p + " in " + quote(text));
                }
            }
        } catch (RuntimeException | StackOverflowError e) {
            fail("exception on input " + quote(text), e);
        }
    }

    private static void assertRangesInside(String text, List<Diagnostic> diagnostics) {
        LineMap lines = new LineMap(text);
        for (Diagnostic d : diagnostics) {
            assertTrue(d.offset() >= 0 && d.length() >= 0 && d.offset() + d.length() <= text.length(),
                    () -> d + " outside " + quote(text));
            assertEquals(lines.line(d.offset()), d.line(), () -> d + " in " + quote(text));
            assertEquals(lines.column(d.offset()), d.column(), () -> d + " in " + quote(text));
            assertTrue(!d.message().isBlank());
        }
    }

    private static String soup(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int count = random.nextInt(40);
        for (int i = 0; i < count; i++) {
            text.append(SOUP[random.nextInt(SOUP.length)]);
            if (random.nextInt(3) > 0) {
                text.append(' ');
            }
        }
        return text.toString();
    }

    private static String mutate(String example, SplittableRandom random) {
        StringBuilder text = new StringBuilder(example);
        int edits = 1 + random.nextInt(6);
        for (int e = 0; e < edits && text.length() > 0; e++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(5)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, SOUP[random.nextInt(SOUP.length)]);
                case 2 -> text.setCharAt(at, (char) (32 + random.nextInt(95)));
                case 3 -> text.setLength(at);
                default -> {
                    int end = Math.min(text.length(), at + random.nextInt(30));
                    String cut = text.substring(at, end);
                    text.delete(at, end);
                    text.insert(random.nextInt(text.length() + 1), cut);
                }
            }
        }
        return text.toString();
    }

    private static List<String> examples() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("examples/compare-models.vis"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no examples folder above " + Path.of("").toAbsolutePath());
        }
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir.resolve("examples"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(ScriptLanguage.FILE_EXTENSION)).sorted().toList()) {
                texts.add(Files.readString(p));
            }
        }
        return texts;
    }

    private static ScriptEnvironment fullEnvironment() {
        Map<String, Integer> hooks = new LinkedHashMap<>();
        hooks.put("encoder.conv1", 32);
        hooks.put("encoder.conv2", 64);
        hooks.put("encoder.conv3", 64);
        hooks.put("encoder.fc1", 256);
        hooks.put("decoder.fc1", 256);
        return ScriptEnvironment.builder()
                .model(new ScriptEnvironment.ModelInfo(10, hooks))
                .dataset(ScriptLanguage.DSPRITES_FACTORS)
                .files(() -> List.of("models/vae-dsprites.vsm", "data.npz"))
                .build();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\n", "\\n").replace("\"", "\\\"") + "\"";
    }
}
