package org.vaescope.ui.script.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.eclipse.core.resources.IFile;
import org.eclipse.jface.text.IDocument;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IPageLayout;
import org.junit.jupiter.api.Test;
import org.vaescope.script.parser.ScriptParser;
import org.vaescope.ui.testing.Workbenches;

/**
 * Issue 9's benchmark, run on demand ({@code -Dtest=KeystrokeLatencyBenchmark}): types into a
 * 1,000-line script in the real editor, with the Outline open, the way a person does: key events on
 * the text widget (so verify-key listeners, content-assist auto-activation, colouring and reconciler
 * scheduling all run), a short gap after each key and, every few keys, a pause longer than the
 * reconciler's delay so that the live check, the annotations and the outline update really happen.
 * It measures on the UI thread (a) per keystroke, the key event and every event it queued; (b) the
 * longest single UI event in the gap after each keystroke (what the reconcile's consequences —
 * annotation painting, outline refresh, repaint — cost the UI thread); (c) computing completion
 * proposals at the caret; next to (d) the engine's parse of the same text in the same run, the
 * baseline. Prints p50/p99 and the ratios to the parse time, and writes them to
 * target/keystroke-latency.txt. It asserts nothing about time.
 */
class KeystrokeLatencyBenchmark {

    private static final int LINES = 1000;
    private static final int KEYSTROKES = 400;
    private static final int WARMUP = 50;
    private static final int TYPING_GAP_MILLIS = 60;
    private static final int PAUSE_EVERY = 8;
    private static final int PAUSE_MILLIS = ScriptSourceViewerConfiguration.RECONCILE_DELAY + 200;

    @Test
    void typeIntoAThousandLineScript() throws Exception {
        String text = thousandLines();
        IFile file = ScriptWorkbench.write(Workbenches.openProject("bench"), "big.vis", text);
        Workbenches.page().showView(IPageLayout.ID_OUTLINE);
        ScriptEditor editor = ScriptWorkbench.open(file);
        editor.setFocus();
        IDocument document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
        Workbenches.waitUntil("the first check", 20_000, () -> editor.lastParse() != null);
        int caret = text.indexOf("metric mig", text.length() / 2) + "metric m".length();
        editor.selectAndReveal(caret, 0);
        Workbenches.drainEvents();
        StyledText widget = editor.viewer().getTextWidget();

        long[] keystroke = new long[KEYSTROKES];
        long[] gapEvent = new long[KEYSTROKES];
        long[] completion = new long[KEYSTROKES];
        long[] parse = new long[KEYSTROKES];
        for (int i = -WARMUP; i < KEYSTROKES; i++) {
            long t0 = System.nanoTime();
            press(widget, (i & 1) == 0 ? 'i' : SWT.BS);
            Workbenches.drainEvents();
            long t1 = System.nanoTime();
            editor.completionProcessor().computeCompletionProposals(editor.viewer(), caret);
            long t2 = System.nanoTime();
            ScriptParser.parse(document.get());
            long t3 = System.nanoTime();
            long longestInGap = longestEventWhileIdle(
                    Math.floorMod(i, PAUSE_EVERY) == PAUSE_EVERY - 1 ? PAUSE_MILLIS : TYPING_GAP_MILLIS);
            if (i >= 0) {
                keystroke[i] = t1 - t0;
                completion[i] = t2 - t1;
                parse[i] = t3 - t2;
                gapEvent[i] = longestInGap;
            }
        }
        String report = String.format(Locale.ROOT,
                "keystrokes into a %d-line script (%d chars) with the Outline open, %d measured after %d warm-up,"
                        + " %d ms apart, every %d-th followed by a %d ms pause (reconcile delay %d ms)%n"
                        + "UI thread, keystroke (key event + all it queued: colouring, reconcile scheduling):"
                        + " p50 %.3f ms, p99 %.3f ms, max %.3f ms%n"
                        + "UI thread, longest event after a keystroke (annotations, outline, repaint):"
                        + "        p50 %.3f ms, p99 %.3f ms, max %.3f ms%n"
                        + "UI thread, completion proposals at the caret:"
                        + "                                p50 %.3f ms, p99 %.3f ms, max %.3f ms%n"
                        + "engine parse of the whole text (baseline):"
                        + "                                   p50 %.3f ms, p99 %.3f ms, max %.3f ms%n"
                        + "ratios to the parse p50: keystroke p99 %.2f, longest event p99 %.2f, completion p99 %.2f%n",
                LINES, text.length(), KEYSTROKES, WARMUP, TYPING_GAP_MILLIS, PAUSE_EVERY, PAUSE_MILLIS,
                ScriptSourceViewerConfiguration.RECONCILE_DELAY,
                ms(keystroke, 50), ms(keystroke, 99), ms(keystroke, 100), ms(gapEvent, 50), ms(gapEvent, 99),
                ms(gapEvent, 100), ms(completion, 50), ms(completion, 99), ms(completion, 100), ms(parse, 50),
                ms(parse, 99), ms(parse, 100), ms(keystroke, 99) / ms(parse, 50), ms(gapEvent, 99) / ms(parse, 50),
                ms(completion, 99) / ms(parse, 50));
        System.out.println(report);
        Path out = Path.of(System.getProperty("vaescope.screenshots", "target/screenshots")).getParent()
                .resolve("keystroke-latency.txt");
        Files.writeString(out, report);
    }

    /** A key typed on the widget, as SWT delivers it: key down (which edits the text), key up. */
    private static void press(StyledText widget, char character) {
        for (int type : new int[] {SWT.KeyDown, SWT.KeyUp}) {
            Event event = new Event();
            event.character = character;
            event.keyCode = character;
            widget.notifyListeners(type, event);
        }
    }

    /** Dispatches events for a while; the duration of the longest single one. */
    private static long longestEventWhileIdle(int millis) {
        Display display = Display.getCurrent();
        long end = System.nanoTime() + millis * 1_000_000L;
        long longest = 0;
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            if (display.readAndDispatch()) {
                longest = Math.max(longest, System.nanoTime() - start);
            } else {
                display.timerExec(2, () -> { });
                display.sleep();
            }
        }
        return longest;
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
