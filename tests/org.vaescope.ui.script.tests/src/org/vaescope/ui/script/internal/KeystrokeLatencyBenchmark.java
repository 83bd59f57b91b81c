package org.vaescope.ui.script.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.eclipse.core.resources.IFile;
import org.eclipse.jface.text.IDocument;
import org.junit.jupiter.api.Test;
import org.vaescope.script.parser.ScriptParser;

/**
 * Issue 9's benchmark, run on demand ({@code -Dtest=KeystrokeLatencyBenchmark}): types into a
 * 1,000-line script in the real editor and measures, on the UI thread, per keystroke (a) the document
 * change, which is all the reconciler costs the UI thread (it only queues the dirty region for its own
 * thread) plus the colouring of the damaged line, and (b) computing completion proposals at the caret;
 * next to (c) the engine's parse of the same text in the same run, the baseline. Prints p50/p99 and the
 * ratios to the parse time, and writes them to target/keystroke-latency.txt. It asserts nothing about time.
 */
class KeystrokeLatencyBenchmark {

    private static final int LINES = 1000;
    private static final int KEYSTROKES = 400;
    private static final int WARMUP = 50;

    @Test
    void typeIntoAThousandLineScript() throws Exception {
        String text = thousandLines();
        IFile file = ScriptWorkbench.write(ScriptWorkbench.project("bench"), "big.vis", text);
        ScriptEditor editor = ScriptWorkbench.open(file);
        IDocument document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
        ScriptWorkbench.drain();
        int caret = text.indexOf("metric mig", text.length() / 2) + "metric m".length();

        long[] typing = new long[KEYSTROKES];
        long[] completion = new long[KEYSTROKES];
        long[] parse = new long[KEYSTROKES];
        for (int i = -WARMUP; i < KEYSTROKES; i++) {
            boolean insert = (i & 1) == 0;
            long t0 = System.nanoTime();
            if (insert) {
                document.replace(caret, 0, "i");
            } else {
                document.replace(caret, 1, "");
            }
            long t1 = System.nanoTime();
            editor.completionProcessor().computeCompletionProposals(editor.viewer(), caret);
            long t2 = System.nanoTime();
            ScriptParser.parse(document.get());
            long t3 = System.nanoTime();
            if (i >= 0) {
                typing[i] = t1 - t0;
                completion[i] = t2 - t1;
                parse[i] = t3 - t2;
            }
            ScriptWorkbench.drain();
        }
        String report = String.format(Locale.ROOT,
                "keystrokes into a %d-line script (%d chars), %d measured after %d warm-up%n"
                        + "UI thread, keystroke incl. reconcile scheduling and colouring: p50 %.3f ms, p99 %.3f ms%n"
                        + "UI thread, completion proposals at the caret:             p50 %.3f ms, p99 %.3f ms%n"
                        + "engine parse of the whole text (baseline):                p50 %.3f ms, p99 %.3f ms%n"
                        + "ratios to the parse p50: keystroke p99 %.2f, completion p99 %.2f%n",
                LINES, text.length(), KEYSTROKES, WARMUP, ms(typing, 50), ms(typing, 99), ms(completion, 50),
                ms(completion, 99), ms(parse, 50), ms(parse, 99), ms(typing, 99) / ms(parse, 50),
                ms(completion, 99) / ms(parse, 50));
        System.out.println(report);
        Path out = Path.of(System.getProperty("vaescope.screenshots", "target/screenshots")).getParent()
                .resolve("keystroke-latency.txt");
        Files.writeString(out, report);
    }

    private static String thousandLines() {
        String[] body = {
                "patch encoder.fc1 units 0..7 from (shape=heart) into (shape=square) measure latent 2",
                "perturb latent all by -2..2 step 1 samples 100", "# a comment line", "metric mig",
                "ablate decoder.fc1 units all mode mean", "vary factor shape from square to heart",
                "traverse latent 0 range -3..3 steps 7", "attribute encoder.fc2 units all from (shape=ellipse) into (shape=heart) top 5" };
        StringBuilder text = new StringBuilder("vaescope 1\nmodel \"models/tiny.vsm\"\ndataset dsprites(size=16)\n");
        for (int line = 3; line < LINES; line++) {
            text.append(body[line % body.length]).append('\n');
        }
        return text.toString();
    }

    private static double ms(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
