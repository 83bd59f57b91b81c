package org.vaescope.ui.internal.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.elk.alg.layered.options.CrossingMinimizationStrategy;
import org.eclipse.elk.alg.layered.options.LayeringStrategy;
import org.eclipse.elk.alg.layered.options.NodePlacementStrategy;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.core.util.IElkProgressMonitor;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.vaescope.ui.internal.RunAnalysisJob;
import org.vaescope.ui.internal.analysis.Analysis;
import org.vaescope.ui.internal.analysis.AnalysisRequest;
import org.vaescope.ui.internal.editors.AnalysisEditor;
import org.vaescope.ui.internal.graph.GraphCanvas;
import org.vaescope.ui.internal.graph.GraphLayouts;
import org.vaescope.ui.internal.graph.GraphPainter;
import org.vaescope.ui.internal.graph.LaidOutGraph;
import org.vaescope.ui.internal.testing.TinyModels;
import org.vaescope.ui.testing.Workbenches;
import org.vaescope.ui.internal.views.CircuitGraphView;

/**
 * Issue 10's figures, each with a baseline measured in the same run: ELK layout of a 1,000-node,
 * 5,000-edge circuit graph (baseline: 100 nodes, 500 edges), its first paint on the canvas
 * (baseline: painting the empty canvas), and the longest UI event-loop gap while an analysis runs
 * (baseline: the same loop while idle). Reports only; run with -Dvaescope.benchmark=true.
 */
@EnabledIfSystemProperty(named = "vaescope.benchmark", matches = "true")
class ViewsBenchmark {

    private static final int HEARTBEAT_MS = 5;
    /** Eclipse's own perspective whose first opening is the baseline of the VAEScope perspective's. */
    private static final String BASELINE_PERSPECTIVE = "org.eclipse.debug.ui.DebugPerspective";
    private static final String STACK_DUMP = System.getProperty("vaescope.benchmark.stacks");
    /** What graphs over 1,000 edges were laid out with before the settings were tuned: the baseline. */
    private static final GraphLayouts.Settings PREVIOUS_LARGE = new GraphLayouts.Settings(LayeringStrategy.LONGEST_PATH,
            CrossingMinimizationStrategy.NONE, NodePlacementStrategy.BRANDES_KOEPF, EdgeRouting.POLYLINE, 1, true);
    private static final List<String> REPORT = new ArrayList<>();
    /** Every gap between heartbeats of the last {@link #maxGapMillis} run: {end, length} in ns. */
    private final List<long[]> gaps = new ArrayList<>();

    @Test
    void layoutAndPaint() throws Exception {
        Analysis.Graph large = syntheticCircuitGraph(1_000, 5_000, 7, 10, 1);
        Analysis.Graph small = syntheticCircuitGraph(100, 500, 7, 10, 2);
        CircuitGraphView.layout(small); // warm-up: class loading and ELK's option registry
        CircuitGraphView.layout(large); // and the JIT, for both settings: whichever ran first paid for it
        CircuitGraphView.layout(large, PREVIOUS_LARGE, new BasicProgressMonitor());
        double smallMs = medianMillis(3, () -> CircuitGraphView.layout(small));
        double largeMs = medianMillis(3, () -> CircuitGraphView.layout(large));
        double previousMs = medianMillis(3, () -> CircuitGraphView.layout(large, PREVIOUS_LARGE, new BasicProgressMonitor()));
        line("ELK layered layout, 1,000 nodes / 5,000 edges: %.0f ms (median of 3; settings %s); 100 / 500 baseline: "
                + "%.0f ms, ratio %.1f; the previous large-graph settings (%s) on the same graph: %.0f ms, ratio %.2f",
                largeMs, GraphLayouts.Settings.forEdges(large.edges().size()), smallMs, largeMs / smallMs,
                PREVIOUS_LARGE, previousMs, largeMs / previousMs);
        BasicProgressMonitor phases = new BasicProgressMonitor().withExecutionTimeMeasurement(true);
        LaidOutGraph laidOut = CircuitGraphView.layout(large, GraphLayouts.Settings.forEdges(large.edges().size()), phases);
        reportSlowPhases(phases, "");
        BasicProgressMonitor previousPhases = new BasicProgressMonitor().withExecutionTimeMeasurement(true);
        CircuitGraphView.layout(large, PREVIOUS_LARGE, previousPhases);
        line("  (previous settings:)");
        reportSlowPhases(previousPhases, "");
        measurePaint(laidOut, "cold: the JVM's first graph paint");
        measurePaint(laidOut, "warm: a new canvas, after the first");
        comparePainters(laidOut);
    }

    @AfterAll
    static void writeReport() throws Exception {
        Path out = Path.of(System.getProperty("vaescope.screenshots", "target/screenshots")).resolveSibling("benchmarks");
        Files.createDirectories(out);
        Files.write(out.resolve("views-benchmark.txt"), REPORT);
    }

    private void measurePaint(LaidOutGraph graph, String when) throws Exception {
        Display display = Display.getCurrent();
        Shell shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(1200, 900);
        GraphCanvas canvas = new GraphCanvas(shell);
        shell.open();
        Workbenches.drainEvents();
        long emptyWall = untilPainted(canvas, () -> canvas.setMessage(""));
        long emptyHandler = canvas.getLastPaintNanos();
        long firstWall = untilPainted(canvas, () -> canvas.setGraph(graph));
        long firstHandler = canvas.getLastPaintNanos();
        Workbenches.screenshot(shell, "benchmark-circuit-graph-1000-nodes");
        long exposedWall = untilPainted(canvas, canvas::redraw);
        long exposedHandler = canvas.getLastPaintNanos();
        long selectWall = untilPainted(canvas, () -> canvas.select(graph.nodes().get(graph.nodes().size() / 2).id()));
        shell.dispose();
        line("first paint (%s) of the fitted 1,000 / 5,000 graph: %.1f ms in the paint handler, %.1f ms from setGraph to "
                + "painted; empty-canvas baseline %.2f ms handler, %.1f ms to painted; handler ratio %.0f; repaint of "
                + "the same view (exposure) %.2f ms in the handler; repaint after selecting a node %.1f ms to painted",
                when, firstHandler / 1e6, firstWall / 1e6, emptyHandler / 1e6, emptyWall / 1e6,
                (double) firstHandler / Math.max(1, emptyHandler), exposedHandler / 1e6, selectWall / 1e6);
    }

    /** ELK's phases that took at least 20 ms, nested. */
    private void reportSlowPhases(IElkProgressMonitor monitor, String indent) {
        for (IElkProgressMonitor phase : monitor.getSubMonitors()) {
            if (phase.getExecutionTime() >= 0.02) {
                line("  ELK phase %s%s: %.0f ms", indent, phase.getTaskName(), phase.getExecutionTime() * 1000);
                reportSlowPhases(phase, indent + "  ");
            }
        }
    }

    /**
     * The painter against its predecessor (every primitive drawn on its own, colours allocated per
     * primitive) on the same 1200×900 image at the fitted scale: first paint, and a repaint after a pan.
     */
    private void comparePainters(LaidOutGraph graph) {
        Display display = Display.getCurrent();
        Image image = new Image(display, 1200, 900);
        GC gc = new GC(image);
        try {
            double scale = Math.min(1168 / graph.width(), 868 / graph.height());
            double baseline = medianMillis(3, () -> BaselineGraphPainter.paint(gc, graph, scale, 16, 16, null, Set.of()));
            double[] first = new double[3];
            double[] panned = new double[3];
            for (int i = 0; i < 3; i++) {
                GraphPainter painter = new GraphPainter(display, graph);
                long start = System.nanoTime();
                painter.paint(gc, scale, 16, 16, null, Set.of(), null);
                long middle = System.nanoTime();
                painter.paint(gc, scale, 40, 30, null, Set.of(), null);
                panned[i] = (System.nanoTime() - middle) / 1e6;
                first[i] = (middle - start) / 1e6;
                painter.dispose();
            }
            Arrays.sort(first);
            Arrays.sort(panned);
            line("painting the fitted 1,000 / 5,000 graph into a 1200×900 image: %.1f ms first paint (paths built), "
                    + "%.1f ms after a pan (median of 3); previous painter (baseline, same run) %.1f ms; ratios %.2f and %.2f",
                    first[1], panned[1], baseline, first[1] / baseline, panned[1] / baseline);
        } finally {
            gc.dispose();
            image.dispose();
        }
    }

    /** Garbage collections (count and time, all collectors) between start and stop. */
    private static final class GcPauses {
        private long count;
        private long millis;

        static GcPauses start() {
            GcPauses pauses = new GcPauses();
            pauses.count = -collections();
            pauses.millis = -collectionMillis();
            return pauses;
        }

        void stop() {
            count += collections();
            millis += collectionMillis();
        }

        private static long collections() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> b.getCollectionCount()).sum();
        }

        private static long collectionMillis() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> b.getCollectionTime()).sum();
        }
    }

    /** Runs the change and the event loop until the canvas has painted again; returns the wall time. */
    private static long untilPainted(GraphCanvas canvas, Runnable change) {
        int before = canvas.getPaintCount();
        long start = System.nanoTime();
        change.run();
        Workbenches.waitUntil("the canvas to paint", 30_000, () -> canvas.getPaintCount() > before);
        return System.nanoTime() - start;
    }

    /** Run alone (-Dtest=ViewsBenchmark#responsiveness) it is the workbench's first analysis: nothing loaded yet. */
    @Test
    void responsiveness() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IFile model = TinyModels.inProject("vaescope-benchmark", "bench.vsm");
        IProject project = model.getProject();

        long idleStart = System.nanoTime();
        double idleGap = maxGapMillis(() -> System.nanoTime() - idleStart > 5_000_000_000L);
        double eclipseSwitch = firstSwitchMillis(window, BASELINE_PERSPECTIVE);
        window.getWorkbench().showPerspective("org.eclipse.ui.resourcePerspective", window);
        Workbenches.drainEvents();
        GcPauses pauses = GcPauses.start();
        Display display = Display.getCurrent();
        RunAnalysisJob[] job = {null};
        long[] click = {0, 0};
        long[] editorShown = {0};
        long[] end = {0};
        AnalysisRequest request = TinyModels.quickRequest();
        display.asyncExec(() -> { // the user's OK in the Analyse dialog
            click[0] = System.nanoTime();
            job[0] = RunAnalysisJob.start(model, request, window);
            click[1] = System.nanoTime();
        });
        double longest = maxGapMillis(() -> {
            long now = System.nanoTime();
            if (editorShown[0] == 0 && window.getActivePage().getActiveEditor() instanceof AnalysisEditor) {
                editorShown[0] = now;
            }
            if (job[0] != null && end[0] == 0 && job[0].getState() == Job.NONE) {
                end[0] = now;
            }
            return end[0] != 0 && now - end[0] > 2_000_000_000L; // the results reach the editor and views after the job
        });
        pauses.stop();
        line("  garbage collections from the click until the results were shown: %d, %d ms in all", pauses.count,
                pauses.millis);
        if (STACK_DUMP != null) {
            line("  the job ended at System.nanoTime() %d (for the stacks in %s)", end[0], STACK_DUMP);
        }
        Workbenches.drainEvents();
        double afterEditor = gaps.stream().filter(g -> g[0] - g[1] >= editorShown[0]).mapToLong(g -> g[1]).max()
                .orElse(0) / 1e6;
        double clickMs = (click[1] - click[0]) / 1e6;
        double editorMs = gaps.stream().filter(g -> g[0] - g[1] < editorShown[0] && g[0] >= editorShown[0])
                .mapToLong(g -> g[1]).max().orElse(0) / 1e6;
        line("the click's answer (first analysis of the session): the VAEScope perspective with its views %.1f ms, then "
                + "the analysis editor (\"Analysing…\") in an event of its own, a gap of %.1f ms; Eclipse's own %s, first "
                + "switch in the same run: %.1f ms; ratio of the longer of ours to it %.2f",
                clickMs, editorMs, BASELINE_PERSPECTIVE, eclipseSwitch, Math.max(clickMs, editorMs) / eclipseSwitch);
        line("longest UI event-loop gap (heartbeat every %d ms) from the editor's opening until the results were in the "
                + "editor and views (2 s after the job, %.1f s in all): %.1f ms; idle baseline (5 s): %.1f ms; ratio %.1f; "
                + "longest gap from the click on: %.1f ms",
                HEARTBEAT_MS, (end[0] + 2_000_000_000L - editorShown[0]) / 1e9, afterEditor, idleGap,
                afterEditor / idleGap, longest);
        for (long[] gap : gaps) {
            if (gap[1] > 100_000_000L + HEARTBEAT_MS * 1_000_000L) {
                line("  gap of %.0f ms ending %+.2f s from the click (the job ended at %+.2f s)", gap[1] / 1e6,
                        (gap[0] - click[0]) / 1e9, (end[0] - click[0]) / 1e9);
            }
        }
        window.getActivePage().closeAllEditors(false);
        project.delete(true, true, new NullProgressMonitor());
    }

    /**
     * Runs the event loop until done, with a heartbeat; returns the longest time between beats. While
     * a beat is over 100 ms late, a sampler records where the UI thread is, and the places it was
     * found most often are reported: what the gap is made of.
     */
    private double maxGapMillis(BooleanSupplier done) {
        Display display = Display.getCurrent();
        Thread ui = display.getThread();
        long[] last = {System.nanoTime()};
        Map<String, Integer> samples = new ConcurrentHashMap<>();
        Map<String, Integer> entries = new ConcurrentHashMap<>();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                if (System.nanoTime() - last[0] > 100_000_000L) {
                    StackTraceElement[] stack = ui.getStackTrace();
                    samples.merge(place(stack), 1, Integer::sum);
                    entries.merge(entry(stack), 1, Integer::sum);
                    if (STACK_DUMP != null) {
                        StringBuilder dump = new StringBuilder("--- " + System.nanoTime() + "\n");
                        for (StackTraceElement frame : stack) {
                            dump.append(frame).append('\n');
                        }
                        try {
                            Files.writeString(Path.of(STACK_DUMP), dump, java.nio.file.StandardOpenOption.CREATE,
                                    java.nio.file.StandardOpenOption.APPEND);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "UI gap sampler");
        sampler.setDaemon(true);
        sampler.start();
        long[] max = {0};
        gaps.clear();
        Runnable[] beat = new Runnable[1];
        beat[0] = () -> {
            long now = System.nanoTime();
            gaps.add(new long[] {now, now - last[0]});
            max[0] = Math.max(max[0], now - last[0]);
            last[0] = now;
            display.timerExec(HEARTBEAT_MS, beat[0]);
        };
        display.timerExec(HEARTBEAT_MS, beat[0]);
        while (!done.getAsBoolean()) {
            if (!display.readAndDispatch()) {
                display.sleep();
            }
        }
        display.timerExec(-1, beat[0]);
        sampling.set(false);
        samples.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(6)
                .forEach(e -> line("  UI thread late by > 100 ms, %d samples (10 ms apart) in: %s", e.getValue(), e.getKey()));
        entries.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(20)
                .forEach(e -> line("  late-UI samples by entry point: %3d  %s", e.getValue(), e.getKey()));
        return max[0] / 1e6;
    }

    /** How long the first switch to a perspective takes, its views made and painted. */
    private static double firstSwitchMillis(IWorkbenchWindow window, String perspective) throws Exception {
        Workbenches.drainEvents();
        long start = System.nanoTime();
        window.getWorkbench().showPerspective(perspective, window);
        double millis = (System.nanoTime() - start) / 1e6;
        Workbenches.drainEvents();
        return millis;
    }

    /** The outermost VAEScope frame of a stack and the three frames it called: which event the UI thread is in. */
    private static String entry(StackTraceElement[] stack) {
        for (int i = stack.length - 1; i >= 0; i--) {
            String type = stack[i].getClassName();
            if (type.startsWith("org.vaescope") && !type.startsWith(ViewsBenchmark.class.getName())) {
                List<String> frames = new ArrayList<>();
                for (int j = i; j >= Math.max(0, i - 3); j--) {
                    frames.add(stack[j].getClassName().replaceFirst("^.*\\.", "") + "." + stack[j].getMethodName() + ":"
                            + stack[j].getLineNumber());
                }
                return String.join(" > ", frames);
            }
        }
        return "(no VAEScope frame) " + (stack.length > 0 ? stack[0] : "");
    }

    /** The VAEScope frames of a stack and the frame it is in, innermost first. */
    private static String place(StackTraceElement[] stack) {
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < stack.length && frames.size() < 12; i++) {
            String frame = stack[i].getClassName() + "." + stack[i].getMethodName() + ":" + stack[i].getLineNumber();
            boolean ours = stack[i].getClassName().startsWith("org.vaescope")
                    && !stack[i].getClassName().startsWith(ViewsBenchmark.class.getName())
                    && !stack[i].getClassName().contains("$$Lambda");
            if (i < 6 || ours) {
                frames.add(frame.replaceFirst("^org\\.(eclipse|vaescope)\\.", ""));
            }
        }
        return String.join(" < ", frames);
    }

    private static double medianMillis(int runs, Runnable work) {
        double[] times = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.run();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[runs / 2];
    }

    /**
     * A circuit-graph-shaped graph: factors, latents, and units over hook points; every unit gets a
     * response edge from a factor, the other edges patch a unit into one of the next hook point.
     */
    static Analysis.Graph syntheticCircuitGraph(int nodeCount, int edgeCount, int hooks, int factors, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> hookNames = new ArrayList<>();
        for (int h = 0; h < hooks; h++) {
            hookNames.add("layer" + h);
        }
        List<Analysis.Node> nodes = new ArrayList<>();
        for (int f = 0; f < factors; f++) {
            nodes.add(new Analysis.Node("factor:f" + f, "factor", null, f, "f" + f, null));
        }
        int units = nodeCount - factors;
        List<List<String>> byHook = new ArrayList<>();
        hookNames.forEach(h -> byHook.add(new ArrayList<>()));
        String[] classes = {"monosemantic", "polysemantic", "dead"};
        for (int u = 0; u < units; u++) {
            int hook = u * hooks / units;
            String id = "unit:" + hookNames.get(hook) + ":" + u;
            nodes.add(new Analysis.Node(id, "unit", hookNames.get(hook), u, hookNames.get(hook) + "[" + u + "]",
                    classes[random.nextInt(classes.length)]));
            byHook.get(hook).add(id);
        }
        List<Analysis.Edge> edges = new ArrayList<>();
        for (int u = 0; u < units && edges.size() < edgeCount; u++) {
            int f = random.nextInt(factors);
            edges.add(new Analysis.Edge("factor:f" + f, nodes.get(factors + u).id(), random.nextDouble(), "response",
                    "f" + f));
        }
        while (edges.size() < edgeCount) {
            int hook = random.nextInt(hooks - 1);
            List<String> from = byHook.get(hook);
            List<String> to = byHook.get(hook + 1);
            edges.add(new Analysis.Edge(from.get(random.nextInt(from.size())), to.get(random.nextInt(to.size())),
                    random.nextDouble(), "patching", "f" + random.nextInt(factors)));
        }
        return new Analysis.Graph(hookNames, nodes, edges);
    }

    private void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        REPORT.add(text);
        System.out.println("[benchmark] " + text);
    }
}
