package org.vaescope.core.internal.interpreter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

import org.vaescope.core.interpreter.run.StepResult;
import org.vaescope.core.interventions.ImageGrid;

/**
 * The HTML report of a run: one self-contained page (styles inline, traversal grids as PNG data URIs)
 * with the run's settings, every step (statement, summary, numbers), each model's analysis report
 * and, for a {@code compare} block, the comparison table. The footer gives the run time so far.
 */
public final class HtmlRunReport {

    private static final int GRID_GAP = 2;
    private static final int IMAGE_SCALE = 3;

    private HtmlRunReport() {
    }

    /** The page; {@code elapsedMillis} is shown in the footer (negative: no footer). */
    public static String write(RunDocument doc, long elapsedMillis) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>VAEScope: ")
                .append(escape(doc.scriptName())).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em;max-width:70em;color:#222}")
                .append("table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:2px 8px;")
                .append("text-align:left}td.n{text-align:right;font-family:monospace}")
                .append("pre{background:#f6f6f6;padding:.6em;overflow-x:auto}code{background:#f0f0f0}")
                .append("section{border-top:1px solid #ddd;margin-top:1em}")
                .append("img{image-rendering:pixelated;border:1px solid #ccc}\n</style>\n</head>\n<body>\n");
        html.append("<h1>VAEScope run: ").append(escape(doc.scriptName())).append("</h1>\n<table>\n");
        row(html, "dataset", doc.datasetText());
        row(html, "seed", Long.toString(doc.seed()));
        row(html, "samples", doc.samples() + (doc.quick() ? " (quick run)" : ""));
        for (ModelSession m : doc.models()) {
            row(html, "model " + m.name(), m.writtenPath());
        }
        html.append("</table>\n");
        for (int i = 0; i < doc.steps().size(); i++) {
            step(html, doc.steps().get(i), doc.stepImages().get(i), doc.models().size() > 1);
        }
        if (doc.compare()) {
            comparison(html, doc.comparison());
        }
        for (ModelSession m : doc.models()) {
            if (m.hasAnalysis()) {
                html.append("<section>\n<h2>Analysis report: ").append(escape(m.name())).append("</h2>\n<pre>")
                        .append(escape(m.analysisOrNull().reportText())).append("</pre>\n<p>")
                        .append(escape(m.analysisOrNull().readoutSummary())).append("</p>\n</section>\n");
            }
        }
        if (elapsedMillis >= 0) {
            html.append(String.format(Locale.ROOT, "<footer><p><small>VAEScope, run time %.1f s</small></p></footer>%n",
                    elapsedMillis / 1000.0));
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private static void step(StringBuilder html, StepResult step, ImageGrid grid, boolean showModel) {
        html.append("<section>\n<h3>line ").append(step.line()).append(": ").append(escape(step.kind()));
        if (showModel) {
            html.append(" &mdash; ").append(escape(step.model()));
        }
        html.append("</h3>\n<p><code>").append(escape(step.source())).append("</code></p>\n<pre>")
                .append(escape(step.summary())).append("</pre>\n");
        if (grid != null) {
            html.append("<p><img alt=\"traversal grid\" src=\"data:image/png;base64,").append(png(grid))
                    .append("\" width=\"").append(IMAGE_SCALE * (grid.columns() * (grid.width() + GRID_GAP)))
                    .append("\"></p>\n<p><small>rows: ").append(escape(String.join(", ", grid.rowLabels())))
                    .append("; columns: ").append(escape(java.util.Arrays.toString(grid.columnValues())))
                    .append("</small></p>\n");
        }
        if (!step.numbers().isEmpty()) {
            html.append("<details><summary>").append(step.numbers().size()).append(" number(s)</summary>\n<table>\n");
            for (Map.Entry<String, Double> n : step.numbers().entrySet()) {
                html.append("<tr><td>").append(escape(n.getKey())).append("</td><td class=\"n\">")
                        .append(format(n.getValue())).append("</td></tr>\n");
            }
            html.append("</table>\n</details>\n");
        }
        for (String file : step.files()) {
            html.append("<p>wrote <a href=\"").append(escape(file)).append("\">").append(escape(file)).append("</a></p>\n");
        }
        html.append("</section>\n");
    }

    private static void comparison(StringBuilder html, ComparisonTable table) {
        html.append("<section>\n<h2>Comparison</h2>\n<table>\n<tr><th>line</th><th>statement</th><th>quantity</th>");
        table.models().forEach(m -> html.append("<th>").append(escape(m)).append("</th>"));
        html.append("</tr>\n");
        for (ComparisonTable.Row row : table.rows()) {
            html.append("<tr><td>").append(row.line()).append("</td><td>").append(escape(row.statement()))
                    .append("</td><td>").append(escape(row.quantity())).append("</td>");
            for (double v : row.values()) {
                html.append("<td class=\"n\">").append(format(v)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n</section>\n");
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(escape(name)).append("</th><td>").append(escape(value)).append("</td></tr>\n");
    }

    private static String png(ImageGrid grid) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            grid.writePng(bytes, GRID_GAP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    private static String format(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.6g", value) : "&ndash;";
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
