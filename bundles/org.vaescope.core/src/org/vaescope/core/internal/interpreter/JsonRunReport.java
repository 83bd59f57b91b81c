package org.vaescope.core.internal.interpreter;

import java.util.List;
import java.util.Map;

import org.vaescope.core.internal.analysis.JsonWriter;
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
        JsonWriter json = new JsonWriter().beginObject().member("format", FORMAT).member("version", VERSION)
                .member("script", doc.scriptName()).member("dataset", doc.datasetText()).member("seed", doc.seed())
                .member("samples", doc.samples()).member("quick", doc.quick());
        json.name("models").beginArray();
        for (ModelSession m : doc.models()) {
            json.beginObject().member("name", m.name()).member("file", m.writtenPath()).endObject();
        }
        json.endArray().name("steps").beginArray();
        doc.steps().forEach(step -> step(json, step));
        json.endArray().name("analyses").beginArray();
        for (ModelSession m : doc.models()) {
            if (m.hasAnalysis()) {
                json.beginObject().member("model", m.name()).name("analysis").rawValue(m.analysisOrNull().toJson())
                        .endObject();
            }
        }
        json.endArray().name("comparison");
        if (doc.compare()) {
            comparison(json, doc.comparison());
        } else {
            json.nullValue();
        }
        return json.endObject().toJson();
    }

    static String step(StepResult step) {
        JsonWriter json = new JsonWriter();
        step(json, step);
        return json.toJson();
    }

    private static void step(JsonWriter json, StepResult step) {
        json.beginObject().member("line", step.line()).member("statement", step.kind())
                .member("source", step.source()).member("model", step.model()).member("summary", step.summary());
        json.name("numbers").beginObject();
        for (Map.Entry<String, Double> n : step.numbers().entrySet()) {
            json.member(n.getKey(), n.getValue());
        }
        json.endObject().name("files");
        strings(json, step.files());
        json.endObject();
    }

    private static void comparison(JsonWriter json, ComparisonTable table) {
        json.beginObject().name("models");
        strings(json, table.models());
        json.name("rows").beginArray();
        for (ComparisonTable.Row row : table.rows()) {
            json.beginObject().member("line", row.line()).member("statement", row.statement())
                    .member("quantity", row.quantity()).name("values").beginArray();
            for (double v : row.values()) {
                json.value(v);
            }
            json.endArray().endObject();
        }
        json.endArray().endObject();
    }

    private static void strings(JsonWriter json, List<String> values) {
        json.beginArray();
        values.forEach(json::value);
        json.endArray();
    }
}
