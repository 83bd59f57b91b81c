package org.vaescope.ui.internal.views;

import java.util.List;
import java.util.function.Function;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;

/** Read-only table viewers with text columns, as the views and editor pages use them. */
public final class Tables {

    /** A column: title, width and the text of an element. */
    public record Column<T>(String title, int width, Function<T, String> text) {
    }

    private Tables() {
    }

    /**
     * A full-selection table filling its grid cell, with the given columns. Virtual: rows are made
     * when they scroll into view, so a circuit's 170,000 edges do not hold the UI thread for seconds.
     */
    public static <T> TableViewer create(Composite parent, List<Column<T>> columns) {
        TableViewer viewer = new TableViewer(parent,
                SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL | SWT.VIRTUAL);
        Table table = viewer.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table);
        for (Column<T> column : columns) {
            add(viewer, column);
        }
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        return viewer;
    }

    /** Adds a column to an existing table. */
    @SuppressWarnings("unchecked")
    public static <T> void add(TableViewer viewer, Column<T> column) {
        TableViewerColumn created = new TableViewerColumn(viewer, SWT.NONE);
        created.getColumn().setText(column.title());
        created.getColumn().setWidth(column.width());
        created.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return column.text().apply((T) element);
            }
        });
    }

    /** The texts of the table's rows, row by row, as displayed. */
    public static List<List<String>> texts(TableViewer viewer) {
        Table table = viewer.getTable();
        int columns = table.getColumnCount();
        return java.util.Arrays.stream(table.getItems()).map(item -> java.util.stream.IntStream.range(0, columns)
                .mapToObj(item::getText).toList()).toList();
    }
}
