package org.vaescope.core.internal.interpreter;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.vaescope.core.interpreter.run.StepResult;

/**
 * The JSON report of a run:
 * <pre>
 * {"format":"vaescope-run","version":1,"script","dataset","seed","samples","quick",
 *  "models":[{"name","file"}],
 *  "steps":[{"line","statement","source","model","summary","numbers":{..},"files":[..]}],
 *  "analyses":[{"model","analysis":{vaescope-analysis document}}],
 *  "comparison":null | {"models":[..],"rows":[{"line","statement","quantity","values":[..]}]}}
 * </pre>
 * Non-finite numbers are {@code null}. The report holds no time stamps and no absolute paths, so the
 * same script with the same seed gives the same bytes.
 */
public final class JsonRunReport {

    /** Value of the {@code format} field. */
    public static final String FORMAT = "vaescope-run";
    /** Value of the {@code version} field. */
    public static final int VERSION = 1;

    private JsonRunReport() {
    }

    public static String write(RunDocument doc) {
        StringBuilder json = new StringBuilder("{");
        json.append("\"format\":").append(RunJson.string(FORMAT)).append(",\"version\":").append(VERSION);
        json.append(",\"script\":").append(RunJson.string(doc.scriptName()));
        json.append(",\"dataset\":").append(RunJson.string(doc.datasetText()));
        json.append(",\"seed\":").append(doc.seed()).append(",\"samples\":").append(doc.samples());
        json.append(",\"quick\":").append(doc.quick());
        StringJoiner models = new StringJoiner(",", "[", "]");
        for (ModelSession m : doc.models()) {
            models.add("{\"name\":" + RunJson.string(m.name()) + ",\"file\":" + RunJson.string(m.writtenPath()) + "}");
        }
        json.append(",\"models\":").append(models);
        StringJoiner steps = new StringJoiner(",", "[", "]");
        doc.steps().forEach(step -> steps.add(step(step)));
        json.append(",\"steps\":").append(steps);
        StringJoiner analyses = new StringJoiner(",", "[", "]");
        for (ModelSession m : doc.models()) {
            if (m.hasAnalysis()) {
                analyses.add("{\"model\":" + RunJson.string(m.name()) + ",\"analysis\":" + m.analysisOrNull().toJson()
                        + "}");
            }
        }
        json.append(",\"analyses\":").append(analyses);
        json.append(",\"comparison\":").append(doc.compare() ? comparison(doc.comparison()) : "null");
        return json.append("}").toString();
    }

    static String step(StepResult step) {
        StringJoiner numbers = new StringJoiner(",", "{", "}");
        for (Map.Entry<String, Double> n : step.numbers().entrySet()) {
            numbers.add(RunJson.string(n.getKey()) + ":" + RunJson.number(n.getValue()));
        }
        return "{\"line\":" + step.line() + ",\"statement\":" + RunJson.string(step.kind()) + ",\"source\":"
                + RunJson.string(step.source()) + ",\"model\":" + RunJson.string(step.model()) + ",\"summary\":"
                + RunJson.string(step.summary()) + ",\"numbers\":" + numbers + ",\"files\":" + strings(step.files())
                + "}";
    }

    private static String comparison(ComparisonTable table) {
        StringJoiner rows = new StringJoiner(",", "[", "]");
        for (ComparisonTable.Row row : table.rows()) {
            StringJoiner values = new StringJoiner(",", "[", "]");
            for (double v : row.values()) {
                values.add(RunJson.number(v));
            }
            rows.add("{\"line\":" + row.line() + ",\"statement\":" + RunJson.string(row.statement()) + ",\"quantity\":"
                    + RunJson.string(row.quantity()) + ",\"values\":" + values + "}");
        }
        return "{\"models\":" + strings(table.models()) + ",\"rows\":" + rows + "}";
    }

    private static String strings(List<String> values) {
        StringJoiner out = new StringJoiner(",", "[", "]");
        values.forEach(v -> out.add(RunJson.string(v)));
        return out.toString();
    }
}
