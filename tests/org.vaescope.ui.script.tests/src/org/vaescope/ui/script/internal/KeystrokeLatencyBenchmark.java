package org.vaescope.ui.script.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.jface.text.IDocument;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;
import org.junit.jupiter.api.Test;
import org.vaescope.script.parser.ScriptParser;
import org.vaescope.ui.testing.Workbenches;

/**
 * Issue 9's benchmark, run on demand ({@code -Dtest=KeystrokeLatencyBenchmark}): types into a 1,000-line
 * script in the real editor, with the Outline open, the way a person does: key events on the text widget (so
 * verify-key listeners, content-assist auto-activation, colouring and reconciler scheduling all run), a short
 * gap after each key and, every few keys, a pause longer than the reconciler's delay so that the live check,
 * the annotations and the outline update really happen. On the UI thread it measures per keystroke
 * <ul>
 * <li>the key event itself: the edit and every document listener, so the colouring's damage and repair and
 * the reconciler's scheduling;</li>
 * <li>the events the key queued, drained right after it (mostly SWT painting of the line and the rulers);</li>
 * <li>the longest single event in the gap after the key (annotation painting and outline refresh after a
 * live check);</li>
 * <li>computing completion proposals at the caret;</li>
 * </ul>
 * next to two baselines from the same run: the engine's parse of the whole text, and the same keystrokes in
 * Eclipse's plain Text Editor on the same text (no colouring, no reconciler, no completion: what SWT and the
 * platform's text editor cost by themselves). Prints p50/p99 and writes them to target/keystroke-latency.txt.
 * It asserts nothing about time.
 */
class KeystrokeLatencyBenchmark {

    private static final int LINES = 1000;
    private static final int KEYSTROKES = 400;
    private static final int WARMUP = 50;
    private static final int TYPING_GAP_MILLIS = 60;
    private static final int PAUSE_EVERY = 8;
    private static final int PAUSE_MILLIS = ScriptSourceViewerConfiguration.RECONCILE_DELAY + 200;
    private static final String PLAIN_TEXT_EDITOR = "org.eclipse.ui.DefaultTextEditor";

    /** Per-keystroke durations in nanoseconds of one typing session. */
    private record Timings(long[] keyEvent, long[] queued, long[] gapEvent, long[] completion, long[] parse) {
        Timings() {
            this(new long[KEYSTROKES], new long[KEYSTROKES], new long[KEYSTROKES], new long[KEYSTROKES],
                    new long[KEYSTROKES]);
        }

        long[] keystroke() {
            long[] sum = new long[KEYSTROKES];
            Arrays.setAll(sum, i -> keyEvent[i] + queued[i]);
            return sum;
        }
    }

    @Test
    void typeIntoAThousandLineScript() throws Exception {
        String text = thousandLines();
        IProject project = Workbenches.openProject("bench");
        IFile script = ScriptWorkbench.write(project, "big.vis", text);
        IFile plain = ScriptWorkbench.write(project, "big.txt", text);
        Workbenches.page().showView(IPageLayout.ID_OUTLINE);
        int caret = text.indexOf("metric mig", text.length() / 2) + "metric m".length();

        // the script editor first: the plain editor then types on code the JIT has warmed, a bias against us
        ScriptEditor editor = ScriptWorkbench.open(script);
        Workbenches.waitUntil("the first check", 20_000, () -> editor.lastParse() != null);
        Timings scriptTimings = type(editor, caret, editor);
        Workbenches.page().closeAllEditors(false);

        ITextEditor plainEditor = (ITextEditor) IDE.openEditor(Workbenches.page(), plain, PLAIN_TEXT_EDITOR);
        Timings plainTimings = type(plainEditor, caret, null);
        Workbenches.page().closeAllEditors(false);

        String report = report(text, scriptTimings, plainTimings);
        System.out.println(report);
        Path out = Path.of(System.getProperty("vaescope.screenshots", "target/screenshots")).getParent()
                .resolve("keystroke-latency.txt");
        Files.writeString(out, report);
    }

    /** Types the benchmark's keystrokes at the caret; with a script editor, also completes and parses. */
    private static Timings type(ITextEditor editor, int caret, ScriptEditor script) {
        editor.setFocus();
        IDocument document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
        editor.selectAndReveal(caret, 0);
        Workbenches.drainEvents();
        StyledText widget = (StyledText) editor.getAdapter(Control.class);
        Timings timings = new Timings();
        for (int i = -WARMUP; i < KEYSTROKES; i++) {
            long t0 = System.nanoTime();
            press(widget, (i & 1) == 0 ? 'i' : SWT.BS);
            long t1 = System.nanoTime();
            Workbenches.drainEvents();
            long t2 = System.nanoTime();
            if (script != null) {
                script.completionProcessor().computeCompletionProposals(script.viewer(), caret);
            }
            long t3 = System.nanoTime();
            ScriptParser.parse(document.get());
            long t4 = System.nanoTime();
            long longestInGap = longestEventWhileIdle(
                    Math.floorMod(i, PAUSE_EVERY) == PAUSE_EVERY - 1 ? PAUSE_MILLIS : TYPING_GAP_MILLIS);
            if (i >= 0) {
                timings.keyEvent[i] = t1 - t0;
                timings.queued[i] = t2 - t1;
                timings.completion[i] = t3 - t2;
                timings.parse[i] = t4 - t3;
                timings.gapEvent[i] = longestInGap;
            }
        }
        return timings;
    }

    private static String report(String text, Timings script, Timings plain) {
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "keystrokes into a %d-line script (%d chars) with the Outline open, %d measured after %d warm-up,"
                        + " %d ms apart, every %d-th followed by a %d ms pause (reconcile delay %d ms)%n"
                        + "UI thread, p50 / p99 / max in ms; 'plain' = the same keystrokes on the same text in"
                        + " Eclipse's Text Editor, same run%n",
                LINES, text.length(), KEYSTROKES, WARMUP, TYPING_GAP_MILLIS, PAUSE_EVERY, PAUSE_MILLIS,
                ScriptSourceViewerConfiguration.RECONCILE_DELAY));
        row(report, "key event (edit, colouring repair, reconcile scheduling)", script.keyEvent, plain.keyEvent);
        row(report, "events the key queued (painting)", script.queued, plain.queued);
        row(report, "keystroke = key event + queued", script.keystroke(), plain.keystroke());
        row(report, "longest event after a keystroke (annotations, outline)", script.gapEvent, plain.gapEvent);
        row(report, "completion proposals at the caret", script.completion, null);
        row(report, "engine parse of the whole text (baseline)", script.parse, plain.parse);
        report.append(String.format(Locale.ROOT,
                "ratios: keystroke p99 script/plain %.2f; key event p99 script/plain %.2f; keystroke p99 / parse p50 %.2f;"
                        + " completion p99 / parse p50 %.2f%n",
                ms(script.keystroke(), 99) / ms(plain.keystroke(), 99), ms(script.keyEvent, 99) / ms(plain.keyEvent, 99),
                ms(script.keystroke(), 99) / ms(script.parse, 50), ms(script.completion, 99) / ms(script.parse, 50)));
        return report.toString();
    }

    private static void row(StringBuilder report, String what, long[] script, long[] plain) {
        report.append(String.format(Locale.ROOT, "%-58s script %7.3f / %7.3f / %7.3f", what, ms(script, 50),
                ms(script, 99), ms(script, 100)));
        if (plain != null) {
            report.append(String.format(Locale.ROOT, "   plain %7.3f / %7.3f / %7.3f", ms(plain, 50), ms(plain, 99),
                    ms(plain, 100)));
        }
        report.append(System.lineSeparator());
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
