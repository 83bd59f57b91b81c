package org.vaescope.cli.internal.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.vaescope.script.completion.CompletionEngine;
import org.vaescope.script.diagnostics.ScriptChecker;
import org.vaescope.script.ScriptEnvironment;
import org.vaescope.script.ScriptLanguage;
import org.vaescope.script.parser.ScriptParser;

/**
 * Prints the median latency of completion and of a full check on a generated 1,000-line script.
 * Usage: {@code java org.vaescope.cli.internal.bench.ScriptBenchmark [lines] [repetitions]}.
 */
public final class ScriptBenchmark {

    private static final String[] LINES = {
        "patch encoder.conv2 units 0..7 from (shape=heart) into (shape=square) measure latent 2",
        "ablate decoder.fc1 units all mode mean",
        "attribute encoder.fc1 units all from (shape=ellipse) into (shape=heart) top 10",
        "mediate factor scale from 0 to 5 through encoder.conv3 channels 0..3 measure latent 1",
        "vary factor shape from square to heart samples 200",
        "perturb latent 3 by -2..2 step 1",
        "traverse latent all range -3..3 steps 7",
        "# a comment line",
        "metric ces",
    };

    private ScriptBenchmark() {
    }

    public static void main(String[] args) {
        int lineCount = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        String script = generate(lineCount, new SplittableRandom(1));
        ScriptEnvironment env = environment();
        int caret = script.length() / 2;
        caret = script.indexOf("units ", caret) + "units ".length();
        final int completionCaret = caret;

        // one untimed round of all three first, so that no figure pays for the JIT alone
        medianMillis(repetitions, () -> ScriptParser.parse(script));
        medianMillis(repetitions, () -> CompletionEngine.complete(script, completionCaret, env));
        medianMillis(Math.max(1, repetitions / 4), () -> ScriptChecker.check(script, env));
        double parse = medianMillis(repetitions, () -> ScriptParser.parse(script));
        double completion = medianMillis(repetitions, () -> CompletionEngine.complete(script, completionCaret, env));
        double check = medianMillis(Math.max(1, repetitions / 4), () -> ScriptChecker.check(script, env));
        System.out.printf("script: %d lines, %d characters%n", lineCount, script.length());
        System.out.printf("parse median (baseline): %.3f ms%n", parse);
        System.out.printf("completion median: %.3f ms (%.2f x parse; goal < 50 ms)%n", completion, completion / parse);
        System.out.printf("full check median: %.3f ms (%.2f x parse)%n", check, check / parse);
    }

    /** A script of {@code lineCount} lines: a header, then statements drawn at random. */
    static String generate(int lineCount, SplittableRandom random) {
        StringBuilder text = new StringBuilder("vaescope 1\nmodel \"models/vae.vsm\"\ndataset dsprites(size=64)\n");
        for (int i = 3; i < lineCount; i++) {
            text.append(LINES[random.nextInt(LINES.length)]).append('\n');
        }
        return text.toString();
    }

    private static ScriptEnvironment environment() {
        Map<String, Integer> hooks = new LinkedHashMap<>();
        hooks.put("encoder.conv1", 32);
        hooks.put("encoder.conv2", 32);
        hooks.put("encoder.conv3", 64);
        hooks.put("encoder.conv4", 64);
        hooks.put("encoder.fc1", 256);
        hooks.put("decoder.fc1", 256);
        hooks.put("decoder.fc2", 1024);
        return ScriptEnvironment.builder()
                .model(new ScriptEnvironment.ModelInfo(10, hooks))
                .dataset(ScriptLanguage.DSPRITES_FACTORS)
                .files(() -> List.of("models/vae.vsm"))
                .build();
    }

    private static double medianMillis(int repetitions, Runnable task) {
        for (int i = 0; i < Math.min(50, repetitions); i++) {
            task.run(); // warm-up
        }
        double[] times = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            long start = System.nanoTime();
            task.run();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[repetitions / 2];
    }
}
