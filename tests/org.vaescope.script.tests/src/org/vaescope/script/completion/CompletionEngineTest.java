package org.vaescope.script.completion;

import org.vaescope.script.ScriptEnvironment;
import org.vaescope.script.ScriptLanguage;
import org.vaescope.script.TestEnvironments;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vaescope.script.completion.CompletionProposal.Kind;

/** Completion at chosen carets; '|' marks the caret in each text. */
class CompletionEngineTest {

    private static final String ALL_KEYWORDS = "vaescope model compare dataset samples seed vary perturb set traverse "
            + "patch ablate attribute mediate classify discover factor metric report graph images table";
    private static final String KEYWORDS_AFTER_FIRST = ALL_KEYWORDS.substring("vaescope ".length());
    private static final String PATCH = "patch encoder.conv2 units 0..7 from (shape=heart) into (shape=square) ";

    static Stream<Arguments> withEnvironment() {
        return Stream.of(
                Arguments.of("|", ALL_KEYWORDS),
                Arguments.of("# header\n\n|", ALL_KEYWORDS),
                Arguments.of("model \"a.vsm\"\n|", KEYWORDS_AFTER_FIRST),
                Arguments.of("metric ces\n|\nmetric mig", KEYWORDS_AFTER_FIRST),
                Arguments.of("pa|", "patch"),
                Arguments.of("patch |", "encoder.conv1 encoder.conv2 encoder.fc1 decoder.fc1"),
                Arguments.of("patch enc|", "encoder.conv1 encoder.conv2 encoder.fc1"),
                Arguments.of("patch encoder.conv2 |", "units channels"),
                Arguments.of("patch encoder.conv2 units |", "all 0..63"),
                Arguments.of("patch encoder.conv2 units 0..|", "0..63"),
                Arguments.of("patch encoder.conv2 units 0..7 |", "from"),
                Arguments.of("patch encoder.conv2 units 0..7 from (|", "shape scale posX"),
                Arguments.of("patch encoder.conv2 units 0..7 from (shape=|", "square ellipse heart"),
                Arguments.of("patch encoder.conv2 units 0..7 from (shape=h|", "heart"),
                Arguments.of("patch encoder.conv2 units 0..7 from (shape=heart, |", "shape scale posX"),
                Arguments.of(PATCH + "|", "measure samples"),
                Arguments.of(PATCH + "samples 100 |", "measure"),
                Arguments.of(PATCH + "measure |", "latent readout reconstruction"),
                Arguments.of(PATCH + "measure latent |", "0 1 2 3 4 5 6 7 8 9"),
                Arguments.of(PATCH + "measure readout |", "shape scale posX"),
                Arguments.of("metric m|", "modularity mig modularity_explicitness"),
                Arguments.of("metric |", String.join(" ", ScriptLanguage.METRICS)),
                Arguments.of("dataset |", "file dsprites causal"),
                Arguments.of("dataset dsprites(|", "size="),
                Arguments.of("dataset file \"d.npz\" format |", "npz h5 norb"),
                Arguments.of("ablate decoder.fc1 units all mode |", "zero mean resample"),
                Arguments.of("ablate decoder.fc1 units all mode mean |", "measure samples"),
                Arguments.of("ablate decoder.fc1 units all |", "mode measure samples"),
                Arguments.of("attribute encoder.fc1 units all from (shape=heart) into (shape=square) |",
                        "measure top samples"),
                Arguments.of("compare {\n  |", "model"),
                Arguments.of("compare { model \"a.vsm\" |", "as"),
                Arguments.of("model \"enc.onnx\" |", "decoder as"),
                Arguments.of("model \"enc.onnx\" decoder |", "\"models/vae.vsm\" \"models/beta.vsm\""),
                Arguments.of("compare {\n model \"a.vsm\"\n}\n|", KEYWORDS_AFTER_FIRST),
                Arguments.of("# patch |", ""),
                Arguments.of("metric ces # |", ""),
                Arguments.of("vary factor |", "shape scale posX all"),
                Arguments.of("vary factor shape |", "from samples"),
                Arguments.of("vary factor posX from |", "0 1 2 3"),
                Arguments.of("mediate factor scale from 0 to 5 |", "through"),
                Arguments.of("mediate factor scale from 0 to 5 through encoder.conv1 channels |", "all 0..31"),
                Arguments.of("perturb latent |", "all 0..9 0 1 2 3 4 5 6 7 8 9"),
                Arguments.of("perturb latent 1 by -2..2 |", "step samples"),
                Arguments.of("traverse latent all |", "range"),
                Arguments.of("report |", "html json"),
                Arguments.of("graph |", "json dot"),
                Arguments.of("factor |", "graph"),
                Arguments.of("classify |", "units"),
                Arguments.of("report html |", "\"report.html\""),
                Arguments.of("images |", "\"images.png\""),
                Arguments.of("model |", "\"models/vae.vsm\" \"models/beta.vsm\""),
                Arguments.of("model \"models/b|", "\"models/beta.vsm\""),
                Arguments.of("dataset file |", "\"data/shapes.npz\""),
                Arguments.of("patch ((( broken\nmetric d|", "dci"),
                Arguments.of("metric ces |", ""),
                Arguments.of("seed |", ""),
                Arguments.of("samples 5|", ""));
    }

    static Stream<Arguments> withoutEnvironment() {
        return Stream.of(
                Arguments.of("patch |", ""),
                Arguments.of("patch x units |", "all"),
                Arguments.of("perturb latent |", "all"),
                Arguments.of("set latent 1 = 2 measure|", ""),
                Arguments.of("vary factor |", "all"),
                Arguments.of("dataset dsprites\nvary factor |", "color shape scale orientation posX posY all"),
                Arguments.of("vary factor shape from |\ndataset dsprites(size=32)", "square ellipse heart"),
                Arguments.of("dataset causal\nvary factor |", "all"),
                Arguments.of("model |", ""),
                Arguments.of("dataset |", "file dsprites causal"));
    }

    @ParameterizedTest
    @MethodSource("withEnvironment")
    void proposalsWithEnvironment(String textWithCaret, String expected) {
        assertEquals(expectedList(expected), insertTexts(textWithCaret, TestEnvironments.full()));
    }

    @ParameterizedTest
    @MethodSource("withoutEnvironment")
    void proposalsWithLanguageAlone(String textWithCaret, String expected) {
        assertEquals(expectedList(expected), insertTexts(textWithCaret, ScriptEnvironment.languageOnly()));
    }

    @Test
    void replacementCoversTheWholeWordUnderTheCaret() {
        String text = "metric ces\npatch encoder.conv2 units all";
        int caret = text.indexOf("encoder") + 3;

        List<CompletionProposal> proposals = CompletionEngine.complete(text, caret, TestEnvironments.full());

        assertEquals(3, proposals.size());
        CompletionProposal first = proposals.get(0);
        assertEquals(new CompletionProposal(Kind.HOOK_POINT, "encoder.conv1", "encoder.conv1", text.indexOf("encoder"),
                "encoder.conv2".length(), "hook point with 32 units"), first);
    }

    @Test
    void fileProposalReplacesTheWholeString() {
        String text = "model \"models/v\"";
        int caret = text.indexOf("v\"") + 1;

        List<CompletionProposal> proposals = CompletionEngine.complete(text, caret, TestEnvironments.full());

        assertEquals(List.of(new CompletionProposal(Kind.FILE, "models/vae.vsm", "\"models/vae.vsm\"", 6, 10,
                "model file")), proposals);
    }

    @Test
    void proposalsCarryKindsAndDescriptions() {
        List<CompletionProposal> proposals = complete("patch encoder.conv2 units |", TestEnvironments.full());

        assertEquals(List.of(Kind.KEYWORD, Kind.UNIT_RANGE), proposals.stream().map(CompletionProposal::kind).toList());
        assertEquals("all 64 units of encoder.conv2", proposals.get(1).description());
        proposals.forEach(p -> assertEquals(false, p.description().isEmpty(), "description of " + p));
    }

    @Test
    void caretOutsideTheTextIsClamped() {
        assertEquals(List.of("mig"), CompletionEngine.complete("metric mi", 999, null).stream()
                .map(CompletionProposal::insertText).toList());
        assertEquals(expectedList(ALL_KEYWORDS), CompletionEngine.complete("", -5, null).stream()
                .map(CompletionProposal::insertText).toList());
    }

    private static List<String> expectedList(String expected) {
        return expected.isEmpty() ? List.of() : List.of(expected.split(" "));
    }

    static List<String> insertTexts(String textWithCaret, ScriptEnvironment env) {
        List<String> inserted = new ArrayList<>();
        for (CompletionProposal p : complete(textWithCaret, env)) {
            inserted.add(p.insertText());
        }
        return inserted;
    }

    static List<CompletionProposal> complete(String textWithCaret, ScriptEnvironment env) {
        int caret = textWithCaret.indexOf('|');
        String text = textWithCaret.substring(0, caret) + textWithCaret.substring(caret + 1);
        return CompletionEngine.complete(text, caret, env);
    }
}
