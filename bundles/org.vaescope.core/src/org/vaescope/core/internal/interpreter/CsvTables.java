package org.vaescope.core.internal.interpreter;

import java.util.ArrayList;
import java.util.List;

import org.vaescope.core.analysis.AnalysisSettings;
import org.vaescope.core.analysis.CircuitSet;
import org.vaescope.core.analysis.Estimate;
import org.vaescope.core.analysis.UnitClassification;
import org.vaescope.core.analysis.UnitEffects;
import org.vaescope.core.progress.ProgressMonitor;

/**
 * The CSV tables of {@code table csv}: the unit table of one model or the comparison of several.
 * Numbers are written with {@link Double#toString}; an undefined number is an empty field.
 */
public final class CsvTables {

    private CsvTables() {
    }

    /**
     * One row per unit of every analysed hook point:
     * {@code hook,unit,class,dominant_factor,share,share_lower,share_upper,undecided,A[factor]...,circuits},
     * where share is the dominant factor's cross-fitted share with its interval, undecided whether
     * that interval leaves the class unsettled, A[factor] the unit's response to the factor and
     * circuits the factors whose circuit holds the unit (separated by {@code |}).
     */
    public static String unitTable(ModelSession session, ProgressMonitor monitor) {
        UnitEffects effects = session.unitEffects(monitor);
        AnalysisSettings settings = session.analysis(monitor).settings().thresholds();
        CircuitSet circuits = session.analysis(monitor).report().circuits().circuits();
        List<UnitClassification.HookUnitCounts> counts = session.analysis(monitor).report().unitCounts();
        List<String> factors = effects.factors();
        StringBuilder csv = new StringBuilder("hook,unit,class,dominant_factor,share,share_lower,share_upper,undecided");
        factors.forEach(f -> csv.append(',').append(field("A[" + f + "]")));
        csv.append(",circuits\n");
        List<UnitClassification.HookClasses> classes = UnitClassification.classifyAll(effects, settings);
        for (int h = 0; h < classes.size(); h++) {
            UnitClassification.HookClasses hook = classes.get(h);
            double[][] responses = effects.responseMatrix(h);
            for (int u = 0; u < hook.classes().length; u++) {
                int dominant = hook.dominantFactors()[u];
                csv.append(field(hook.hook())).append(',').append(u).append(',').append(hook.classes()[u].label())
                        .append(',').append(dominant < 0 ? "" : field(factors.get(dominant)));
                appendShare(csv, counts.get(h), u);
                for (double a : responses[u]) {
                    csv.append(',').append(number(a));
                }
                List<String> members = new ArrayList<>();
                for (int k = 0; k < factors.size(); k++) {
                    if (circuits.contains(k, hook.hook(), u)) {
                        members.add(factors.get(k));
                    }
                }
                csv.append(',').append(field(String.join("|", members))).append('\n');
            }
        }
        return csv.toString();
    }

    private static void appendShare(StringBuilder csv, UnitClassification.HookUnitCounts counts, int unit) {
        Estimate share = counts.shares().get(unit);
        csv.append(',').append(number(share.value()))
                .append(',').append(number(share.hasInterval() ? share.lower() : Double.NaN))
                .append(',').append(number(share.hasInterval() ? share.upper() : Double.NaN))
                .append(',').append(counts.undecided(unit));
    }

    /** {@code line,statement,quantity,MODEL...}: one row per statement and quantity. */
    public static String comparison(ComparisonTable table) {
        StringBuilder csv = new StringBuilder("line,statement,quantity");
        table.models().forEach(m -> csv.append(',').append(field(m)));
        csv.append('\n');
        for (ComparisonTable.Row row : table.rows()) {
            csv.append(row.line()).append(',').append(field(row.statement())).append(',').append(field(row.quantity()));
            for (double v : row.values()) {
                csv.append(',').append(number(v));
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    static String number(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "";
    }

    static String field(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
