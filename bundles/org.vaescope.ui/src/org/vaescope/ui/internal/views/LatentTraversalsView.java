package org.vaescope.ui.internal.views;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.ui.IMemento;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vaescope.core.data.Datasets;
import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.interventions.ImageGrid;
import org.vaescope.core.interventions.LatentPerturbation;
import org.vaescope.core.imports.VaeFiles;
import org.vaescope.core.vae.HookedVae;
import org.vaescope.ui.internal.analysis.VaescopeJob;
import org.vaescope.ui.internal.analysis.Analysis;
import org.vaescope.ui.internal.analysis.AnalysisElement;
import org.vaescope.ui.internal.analysis.Formats;

/**
 * The traversal grid of the current analysis's model: one row per latent, the latent set to evenly
 * spaced values over a range while the others keep the chosen input's code; beside each row its
 * effect E[i,k] on every factor. Decoding runs in a job.
 */
public class LatentTraversalsView extends AnalysisView {

    private static final int LABEL_WIDTH = 110;
    private static final int BAR_WIDTH = 9;
    private static final int GAP = 2;
    private static final RGB[] FACTOR_COLOURS = {new RGB(66, 133, 244), new RGB(219, 68, 55), new RGB(244, 180, 0),
        new RGB(15, 157, 88), new RGB(171, 71, 188), new RGB(0, 172, 193), new RGB(255, 112, 67), new RGB(158, 157, 36)};

    private Spinner input;
    private Spinner range;
    private Spinner steps;
    private Canvas canvas;
    private Label status;
    private Analysis analysis;
    private ImageGrid grid;
    private int highlightedRow = -1;
    private final AtomicInteger generation = new AtomicInteger();
    private volatile boolean computing;

    @Override
    protected void createContent(Composite parent) {
        GridLayoutFactory.fillDefaults().margins(2, 2).applyTo(parent);
        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(8).applyTo(bar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        input = spinner(bar, "Input #", 0, 0, 9_999, 0);
        range = spinner(bar, "Range ±", 20, 1, 100, 1);
        steps = spinner(bar, "Steps", 7, 2, 25, 0);
        Button traverse = new Button(bar, SWT.PUSH);
        traverse.setText("Traverse");
        traverse.addListener(SWT.Selection, e -> compute());
        status = new Label(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(status);
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        canvas.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        GridDataFactory.fillDefaults().grab(true, true).applyTo(canvas);
        canvas.addListener(SWT.Paint, e -> paint(e.gc));
        canvas.addListener(SWT.MouseUp, this::click);
    }

    @Override
    protected void saveViewState(IMemento memento) {
        memento.putInteger("input", input.getSelection());
        memento.putInteger("range", range.getSelection());
        memento.putInteger("steps", steps.getSelection());
    }

    @Override
    protected void restoreState(IMemento memento) {
        restore(memento, "input", input);
        restore(memento, "range", range);
        restore(memento, "steps", steps);
    }

    private static void restore(IMemento memento, String key, Spinner spinner) {
        Integer value = memento.getInteger(key);
        if (value != null) {
            spinner.setSelection(value);
        }
    }

    private static Spinner spinner(Composite bar, String label, int value, int min, int max, int digits) {
        new Label(bar, SWT.NONE).setText(label);
        Spinner spinner = new Spinner(bar, SWT.BORDER);
        spinner.setValues(value, min, max, digits, 1, 10);
        return spinner;
    }

    @Override
    protected void showAnalysis(Analysis shown) {
        analysis = shown;
        grid = null;
        highlightedRow = -1;
        if (shown != null) {
            compute();
        } else {
            status.setText(emptyMessage());
            canvas.redraw();
        }
    }

    /** Decodes the traversal grid for the chosen input, range and steps in a job. */
    public void compute() {
        if (analysis == null) {
            return;
        }
        int mine = generation.incrementAndGet();
        Analysis source = analysis;
        int index = input.getSelection();
        double r = range.getSelection() / 10.0;
        int count = steps.getSelection();
        long seed = Long.parseLong(source.provenance().getOrDefault("seed", "1"));
        computing = true;
        status.setText("Decoding traversals of " + source.modelFile().getFileName() + "…");
        Job job = new VaescopeJob("Latent traversals of " + source.modelFile().getFileName(), false) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                ImageGrid result;
                String message;
                try {
                    result = traverse(source.modelFile(), source.provenance().get("dataset"), index, r, count, seed);
                    message = String.format("Input #%d, each latent from %.1f to %.1f in %d steps", index, -r, r, count);
                } catch (Exception | LinkageError e) {
                    result = null;
                    message = "Cannot decode traversals: " + e.getMessage();
                }
                ImageGrid shown = result;
                String text = message;
                canvas.getDisplay().asyncExec(() -> {
                    if (mine == generation.get() && !canvas.isDisposed()) {
                        grid = shown;
                        status.setText(text);
                        computing = false;
                        canvas.redraw();
                    }
                });
                return Status.OK_STATUS;
            }
        };
        job.schedule();
    }

    private static ImageGrid traverse(Path model, String datasetSpec, int index, double r, int count, long seed)
            throws Exception {
        HookedVae vae = VaeFiles.open(model).model();
        FactorDataset dataset = Datasets.fromSpec(datasetSpec);
        INDArray inputs = LatentPerturbation.sample(dataset, index + 1, seed);
        INDArray one = inputs.get(NDArrayIndex.interval(index, index + 1));
        int[] latents = IntStream.range(0, vae.latentSize()).toArray();
        return LatentPerturbation.forVae(vae).traverse(one, latents, -r, r, count);
    }

    private int cellSize() {
        int factors = analysis == null ? 0 : analysis.latents().factors().size();
        int width = canvas.getClientArea().width - LABEL_WIDTH - factors * (BAR_WIDTH + 1) - 20;
        int height = canvas.getClientArea().height - 24;
        int bySide = width / Math.max(1, grid.columns()) - GAP;
        int byRows = height / Math.max(1, grid.rows()) - GAP;
        return Math.max(8, Math.min(96, Math.min(bySide, byRows)));
    }

    private void paint(GC gc) {
        if (grid == null || analysis == null) {
            return;
        }
        int cell = cellSize();
        List<String> factors = analysis.latents().factors();
        int barsX = LABEL_WIDTH + grid.columns() * (cell + GAP) + 10;
        paintFactorLegend(gc, factors, barsX);
        double maxEffect = java.util.Arrays.stream(analysis.latents().factorEffect()).flatMapToDouble(java.util.Arrays::stream)
                .filter(v -> !Double.isNaN(v)).max().orElse(1);
        for (int row = 0; row < grid.rows(); row++) {
            int y = 20 + row * (cell + GAP);
            paintRowLabel(gc, row, y, cell);
            for (int column = 0; column < grid.columns(); column++) {
                Image image = new Image(canvas.getDisplay(), imageData(row, column).scaledTo(cell, cell));
                gc.drawImage(image, LABEL_WIDTH + column * (cell + GAP), y);
                image.dispose();
            }
            paintEffects(gc, row, barsX, y, cell, maxEffect);
        }
    }

    private void paintRowLabel(GC gc, int row, int y, int cell) {
        int latent = Integer.parseInt(grid.rowLabels()[row].substring(1));
        double kl = latent < analysis.latents().kl().length ? analysis.latents().kl()[latent] : Double.NaN;
        gc.setForeground(canvas.getDisplay().getSystemColor(row == highlightedRow ? SWT.COLOR_RED : SWT.COLOR_BLACK));
        gc.drawText(grid.rowLabels()[row] + "  KL " + Formats.number(kl), 4, y + cell / 2 - 7, true);
        if (row == highlightedRow) {
            gc.drawRectangle(LABEL_WIDTH - 2, y - 1, grid.columns() * (cell + GAP) + 2, cell + 1);
        }
    }

    private void paintFactorLegend(GC gc, List<String> factors, int x) {
        gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_BLACK));
        gc.drawText("values " + Formats.number(grid.columnValues()[0]) + " … "
                + Formats.number(grid.columnValues()[grid.columns() - 1]), LABEL_WIDTH, 2, true);
        int legendX = x;
        for (int k = 0; k < factors.size(); k++) {
            gc.setBackground(new Color(FACTOR_COLOURS[k % FACTOR_COLOURS.length]));
            gc.fillRectangle(legendX, 5, 8, 8);
            gc.drawText(factors.get(k), legendX + 10, 2, true);
            legendX += 14 + gc.textExtent(factors.get(k)).x;
        }
    }

    private void paintEffects(GC gc, int row, int x, int y, int cell, double maxEffect) {
        int latent = Integer.parseInt(grid.rowLabels()[row].substring(1));
        if (latent >= analysis.latents().latentCount()) {
            return;
        }
        double[] effects = analysis.latents().factorEffect()[latent];
        for (int k = 0; k < effects.length; k++) {
            int height = maxEffect <= 0 || Double.isNaN(effects[k]) ? 0 : (int) (cell * effects[k] / maxEffect);
            gc.setBackground(new Color(FACTOR_COLOURS[k % FACTOR_COLOURS.length]));
            gc.fillRectangle(x + k * (BAR_WIDTH + 1), y + cell - height, BAR_WIDTH, Math.max(1, height));
        }
    }

    private ImageData imageData(int row, int column) {
        float[] pixels = grid.image(row, column);
        int h = grid.height();
        int w = grid.width();
        int plane = h * w;
        ImageData data = new ImageData(w, h, 24, new PaletteData(0xFF0000, 0xFF00, 0xFF));
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                int red = level(pixels[p]);
                int green = grid.channels() == 3 ? level(pixels[plane + p]) : red;
                int blue = grid.channels() == 3 ? level(pixels[2 * plane + p]) : red;
                data.setPixel(x, y, (red << 16) | (green << 8) | blue);
            }
        }
        return data;
    }

    private static int level(float value) {
        return Math.max(0, Math.min(255, Math.round(value * 255)));
    }

    private void click(Event e) {
        if (grid == null || analysis == null) {
            return;
        }
        int row = (e.y - 20) / (cellSize() + GAP);
        if (e.y >= 20 && row < grid.rows()) {
            highlightedRow = row;
            canvas.redraw();
            selection.select(new AnalysisElement.Latent(analysis, Integer.parseInt(grid.rowLabels()[row].substring(1))));
        }
    }

    @Override
    protected void reveal(AnalysisElement element) {
        if (element instanceof AnalysisElement.Latent latent && grid != null && analysis != null
                && latent.analysis().file().equals(analysis.file())) {
            highlightedRow = latent.index() < grid.rows() ? latent.index() : -1;
            canvas.redraw();
        }
    }

    /** The grid on display, or null. */
    public ImageGrid getGrid() {
        return grid;
    }

    /** True while traversals are being decoded. */
    public boolean isComputing() {
        return computing;
    }

    @Override
    public void setFocus() {
        canvas.setFocus();
    }
}
