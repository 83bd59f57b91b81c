package org.vaescope.script.diagnostics;

import org.vaescope.script.ScriptEnvironment;
import org.vaescope.script.TestEnvironments;
import org.vaescope.script.source.Diagnostic;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

public class ScriptCheckerTest {

    private static final String HEADER = "model \"m.vsm\"\ndataset dsprites\n";

    static Stream<Arguments> semanticProblems() {
        return Stream.of(
                Arguments.of("patch encoder.cnv2 units all from (shape=heart) into (shape=square)",
                        "3:7: error: unknown hook point 'encoder.cnv2'; did you mean 'encoder.conv2'?"),
                Arguments.of("patch encoder.conv2 units 0..70 from (shape=heart) into (shape=square)",
                        "3:27: error: unit 70 is out of range 0..63 of hook point 'encoder.conv2'"),
                Arguments.of("ablate encoder.conv1 channels 3, 32",
                        "3:34: error: unit 32 is out of range 0..31 of hook point 'encoder.conv1'"),
                Arguments.of("set latent 12 = 1", "3:12: error: latent 12 is out of range 0..9"),
                Arguments.of("perturb latent 2..10 by 1", "3:16: error: latent 10 is out of range 0..9"),
                Arguments.of("patch encoder.fc1 units all from (shape=heart) into (shape=square) measure latent 10",
                        "3:83: error: latent 10 is out of range 0..9"),
                Arguments.of("vary factor shap", "3:13: error: unknown factor 'shap'; did you mean 'shape'?"),
                Arguments.of("vary factor shape from square to hart",
                        "3:34: error: unknown value 'hart' of factor 'shape'; did you mean 'heart'?"),
                Arguments.of("mediate factor scale from 0 to 7 through encoder.fc1 units all",
                        "3:32: error: class index 7 is out of range 0..5 of factor 'scale'"),
                Arguments.of("mediate factor scale from 0.55 to 1.0 through encoder.fc1 units all",
                        "3:27: error: 0.55 is not a value of factor 'scale'; write a class index 0..5 or one of its values"),
                Arguments.of("vary factor posX from big to 2",
                        "3:23: error: factor 'posX' has no value labels: write a class index 0..3 instead of 'big'"),
                Arguments.of("patch encoder.fc1 units all from (shape=heart, shape=square) into (scale=1)",
                        "3:48: error: factor 'shape' appears twice in the condition"),
                Arguments.of("patch encoder.fc1 units all from (shape=heart) into (shape=heart)",
                        "3:53: warning: source and target conditions are equal: 'patch' between identical inputs"
                                + " measures nothing"),
                Arguments.of("attribute encoder.fc1 units 0..3 from (shape=heart) into (scale=0) measure readout sise top 5",
                        "3:84: error: unknown factor 'sise' (known: shape, scale, posX)|3:93: warning: 'top 5' asks for more"
                                + " units than the 4 selected"),
                Arguments.of("samples 20", "3:9: warning: only 20 samples: estimates from fewer than 50 inputs are unreliable"),
                Arguments.of("vary factor all samples 0", "3:25: error: the sample count must be at least 1, found 0"),
                Arguments.of("report html \"r.html\"\ntable csv \"r.html\"",
                        "4:11: warning: output file 'r.html' is already written by line 3: the later output overwrites it"
                                + "|4:11: warning: 'table csv' writes a .csv file but the name is 'r.html'"),
                Arguments.of("report json \"out/../r.json\"\nreport json \"r.json\"",
                        "4:13: warning: output file 'r.json' is already written by line 3: the later output overwrites it"),
                Arguments.of("graph dot \"../g.dot\"", "3:11: error: path '../g.dot' leaves the output folder through '..'"),
                Arguments.of("metric mgi", "3:8: error: unknown metric 'mgi'; did you mean 'mig'?"),
                Arguments.of("metric ces\nmetric ces", "4:1: warning: metric 'ces' is already computed"),
                Arguments.of("dataset causal", "3:1: error: a second 'dataset' statement (first at line 2): a script analyses one dataset"),
                Arguments.of("model \"n.vsm\"", "3:1: error: a second 'model' statement (first at line 1): use 'compare { ... }'"
                        + " to run on several models"),
                Arguments.of("perturb latent 1 by 2..-2", "3:21: error: empty range 2..-2: the upper end must not be below the lower end"),
                Arguments.of("perturb latent 1 by -2..2 step 0", "3:32: error: step must be positive, found 0"),
                Arguments.of("perturb latent 1 by 0", "3:21: warning: every delta is 0: the perturbation changes nothing"),
                Arguments.of("perturb latent 1 by 0..20000", "3:21: error: the grid from 0 to 20000 in steps of 1 has"
                        + " 20001 points, more than 10000 — use a larger step"),
                Arguments.of("perturb latent 1 by -2..2 step 0.0000000001", "3:21: error: the grid from -2 to 2 in steps"
                        + " of 0.0000000001 has 40000000001 points, more than 10000 — use a larger step"),
                Arguments.of("set latent 0 = 1e999", "3:16: error: the number '1e999' is not finite — write a finite number"),
                Arguments.of("traverse latent 1 range -2..2 steps 100000000", "3:37: error: steps must be a whole number"
                        + " in 1..1000, got 100000000 — write a count in that range"),
                Arguments.of("vary factor all samples 10000000", "3:25: error: samples must be a whole number in"
                        + " 1..1000000, got 10000000 — write a count in that range"),
                Arguments.of("traverse latent 1 range 3..3 steps 1",
                        "3:25: error: empty range 3..3: the lower end must be below the upper end"
                                + "|3:36: error: a traversal needs at least 2 steps, found 1"),
                Arguments.of("vary factor shape from heart to heart", "3:33: warning: 'from' and 'to' are the same value: nothing varies"));
    }

    @ParameterizedTest
    @MethodSource("semanticProblems")
    void problemIsReportedAtItsPlace(String body, String expected) {
        List<String> actual = format(ScriptChecker.check(HEADER + body, TestEnvironments.full()));

        assertEquals(List.of(expected.split("\\|")), actual, "diagnostics of: " + body);
    }

    @Test
    void languageAloneDoesNotCheckHookPointsOrLatents() {
        String text = HEADER + "patch anything.at.all units 0..5000 from (shape=heart) into (shape=square) measure latent 99";

        assertEquals(List.of(), ScriptChecker.check(text, ScriptEnvironment.languageOnly()));
    }

    @Test
    void languageAloneKnowsTheBuiltInDspritesFactors() {
        String text = HEADER + "vary factor shape from square to haert\nvary factor posx";

        assertEquals(List.of("3:34: error: unknown value 'haert' of factor 'shape'; did you mean 'heart'?",
                "4:13: error: unknown factor 'posx'; did you mean 'posX'?"),
                format(ScriptChecker.check(text, ScriptEnvironment.languageOnly())));
    }

    @Test
    void datasetGeneratorsAndParametersAreChecked() {
        String text = "model \"m.vsm\"\ndataset dsprite(size=32)\n";
        assertEquals(List.of("2:9: error: unknown dataset generator 'dsprite'; did you mean 'dsprites'?"
                + " (or write 'dataset file \"...\" format ...')"),
                format(ScriptChecker.check(text, ScriptEnvironment.languageOnly())));

        String params = "model \"m.vsm\"\ndataset dsprites(sise=32, size=0)\n";
        assertEquals(List.of("2:18: error: unknown parameter 'sise' of generator 'dsprites'; did you mean 'size'?",
                "2:32: error: parameter 'size' must be at least 1, found 0"),
                format(ScriptChecker.check(params, ScriptEnvironment.languageOnly())));
    }

    @Test
    void fileDatasetFormatIsChecked() {
        String text = "model \"m.vsm\"\ndataset file \"d.npz\" format nzp\n";

        assertEquals(List.of("2:29: error: unknown data format 'nzp'; did you mean 'npz'?"),
                format(ScriptChecker.check(text, ScriptEnvironment.languageOnly())));
    }

    @Test
    void missingModelAndDatasetAreInfos() {
        assertEquals(List.of("1:1: info: no 'model' statement: the script runs on the model chosen when it is launched",
                "1:1: info: no 'dataset' statement: the script runs on the dataset chosen when it is launched"),
                format(ScriptChecker.check("metric ces", ScriptEnvironment.languageOnly())));
    }

    @Test
    void compareBlockProblems() {
        String text = "compare {\n model \"a.vsm\" as x\n model \"a.vsm\" as x\n}\ndataset dsprites\n";

        assertEquals(List.of("3:8: warning: model 'a.vsm' is already listed at line 2",
                "3:19: error: model name 'x' is already used at line 2"),
                format(ScriptChecker.check(text, ScriptEnvironment.languageOnly())));
    }

    @Test
    void importedModelClause() {
        String twoFiles = "compare {\n model \"enc.onnx\" decoder \"dec.onnx\" as a\n model \"vae.onnx\" as b\n}\n"
                + "dataset dsprites\n";
        assertEquals(List.of(), format(ScriptChecker.check(twoFiles, ScriptEnvironment.languageOnly())));

        assertEquals(List.of("1:23: error: a .vsm model holds its decoder: remove 'decoder \"d.onnx\"'"),
                format(ScriptChecker.check("model \"m.vsm\" decoder \"d.onnx\"\ndataset dsprites",
                        ScriptEnvironment.languageOnly())));
        assertEquals(List.of("1:24: error: the decoder 'd.vsm' must be a .onnx file like its encoder 'e.onnx'"),
                format(ScriptChecker.check("model \"e.onnx\" decoder \"d.vsm\"\ndataset dsprites",
                        ScriptEnvironment.languageOnly())));
        assertEquals(List.of("1:7: error: 'm.pt' is not a model file VAEScope reads: use .vsm, .onnx, .zip, .h5, .fb"),
                format(ScriptChecker.check("model \"m.pt\"\ndataset dsprites", ScriptEnvironment.languageOnly())));
    }

    @Test
    void syntaxAndSemanticDiagnosticsComeTogetherInTextOrder() {
        String text = HEADER + "metric mgi\npatch\nsamples 10";

        assertEquals(List.of("3:8: error: unknown metric 'mgi'; did you mean 'mig'?",
                "4:6: error: expected a hook point name after 'patch'",
                "5:9: warning: only 10 samples: estimates from fewer than 50 inputs are unreliable"),
                format(ScriptChecker.check(text, TestEnvironments.full())));
    }

    public static List<String> format(List<Diagnostic> diagnostics) {
        return diagnostics.stream()
                .map(d -> d.line() + ":" + d.column() + ": " + d.severity().word() + ": " + d.message()).toList();
    }
}
