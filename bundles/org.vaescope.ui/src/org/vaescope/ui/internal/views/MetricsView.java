package org.vaescope.ui.internal.views;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.TableColumn;
import org.vaescope.ui.internal.analysis.Analysis;
import org.vaescope.ui.internal.analysis.AnalysisElement;
import org.vaescope.ui.internal.analysis.AnalysisRegistry;
import org.vaescope.ui.internal.analysis.Formats;
import org.vaescope.ui.internal.views.Tables.Column;

/**
 * CES, specificity, modularity, the factor-graph scores and MIG, DCI, SAP, … with their intervals
 * and n: one pair of columns per open analysis, so models can be compared side by side.
 */
public class MetricsView extends AnalysisView {

    /** A table row: one metric, its value in each analysis (null where absent). */
    public record Row(String group, String name, List<Analysis.Metric> values) {
    }

    private TableViewer viewer;

    @Override
    protected void createContent(Composite parent) {
        GridLayoutFactory.fillDefaults().applyTo(parent);
        viewer = Tables.create(parent, List.of(new Column<Row>("Group", 130, Row::group),
                new Column<Row>("Metric", 190, Row::name)));
    }

    @Override
    protected void showAnalysis(Analysis current) {
        List<Analysis> analyses = AnalysisRegistry.get().all();
        for (TableColumn column : viewer.getTable().getColumns()) {
            if (viewer.getTable().indexOf(column) >= 2) {
                column.dispose();
            }
        }
        for (int i = 0; i < analyses.size(); i++) {
            int index = i;
            Tables.add(viewer, new Column<Row>(analyses.get(i).name(), 230, r -> value(r, index)));
            Tables.add(viewer, new Column<Row>("n", 60, r -> n(r, index)));
        }
        viewer.setInput(rows(analyses));
        viewer.refresh();
    }

    private static List<Row> rows(List<Analysis> analyses) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (int i = 0; i < analyses.size(); i++) {
            for (Analysis.Metric metric : analyses.get(i).metrics()) {
                Row row = rows.computeIfAbsent(metric.group() + "/" + metric.name(), key -> new Row(metric.group(),
                        metric.name(), new ArrayList<>(java.util.Collections.nCopies(analyses.size(), null))));
                row.values().set(i, metric);
            }
        }
        return List.copyOf(rows.values());
    }

    private static String value(Row row, int analysis) {
        Analysis.Metric metric = row.values().get(analysis);
        return metric == null ? "" : Formats.metric(metric);
    }

    private static String n(Row row, int analysis) {
        Analysis.Metric metric = row.values().get(analysis);
        return metric == null || metric.n() < 0 ? "" : Integer.toString(metric.n());
    }

    @Override
    protected void reveal(AnalysisElement element) {
        // every metric is on display already
    }

    /** The table as displayed, row by row. */
    public List<List<String>> getTexts() {
        return Tables.texts(viewer);
    }

    /** Column titles as displayed. */
    public List<String> getColumnTitles() {
        return java.util.Arrays.stream(viewer.getTable().getColumns()).map(TableColumn::getText).toList();
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }
}
