package org.vaescope.ui.internal.views;

import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.part.ViewPart;
import org.vaescope.core.model.LayerSummary;
import org.vaescope.core.model.ModelStructure;

/** Shows the layers of the last analysed model: name, type, activation shape, parameters. */
public class ModelStructureView extends ViewPart {

    private Label header;
    private TableViewer viewer;
    private ModelStructure structure;

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        header = new Label(parent, SWT.WRAP);
        header.setText("Right-click a saved model in the Project Explorer and choose \"Analyse with VAEScope\".");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(header);
        viewer = Tables.create(parent, List.of(
                new Tables.Column<LayerSummary>("#", 40, l -> Integer.toString(l.index())),
                new Tables.Column<LayerSummary>("Name", 180, LayerSummary::name),
                new Tables.Column<LayerSummary>("Type", 170, LayerSummary::type),
                new Tables.Column<LayerSummary>("Activation", 110, LayerSummary::shapeText),
                new Tables.Column<LayerSummary>("Parameters", 100, l -> String.format("%,d", l.parameterCount()))));
    }

    /** Shows a model's structure. Call on the UI thread. */
    public void showStructure(ModelStructure model) {
        structure = model;
        header.setText(String.format("%s — %s, %d steps, %,d parameters", model.file().getFileName(),
                model.format().label(), model.layers().size(), model.parameterCount()));
        viewer.setInput(model.layers());
        header.getParent().layout(true);
    }

    /** Shows why a model could not be opened. Call on the UI thread. */
    public void showError(String message) {
        structure = null;
        header.setText("Could not open the model: " + message);
        viewer.setInput(List.of());
        header.getParent().layout(true);
    }

    /** The structure on display, or null. */
    public ModelStructure getStructure() {
        return structure;
    }

    /** Text of the header line. */
    public String getHeaderText() {
        return header.getText();
    }

    /** Names shown in the table, top to bottom. */
    public List<String> getDisplayedLayerNames() {
        Table table = viewer.getTable();
        return java.util.Arrays.stream(table.getItems()).map(item -> item.getText(1)).toList();
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }
}
