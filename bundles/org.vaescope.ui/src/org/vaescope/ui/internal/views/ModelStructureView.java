package org.vaescope.ui.internal.views;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.IMemento;
import org.eclipse.ui.IViewSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;
import org.vaescope.core.model.LayerSummary;
import org.vaescope.core.model.ModelInspector;
import org.vaescope.core.model.ModelLoadException;
import org.vaescope.core.model.ModelStructure;
import org.vaescope.ui.internal.analysis.VaescopeJob;

/**
 * Shows the layers of the last described model: name, type, activation shape, parameters. Its state
 * remembers the model file; after a restart the model is described again in a job.
 */
public class ModelStructureView extends ViewPart {

    private static final String MODEL_FILE = "modelFile";

    private Label header;
    private TableViewer viewer;
    private ModelStructure structure;
    private Path restoredModel;

    @Override
    public void init(IViewSite site, IMemento memento) throws PartInitException {
        super.init(site, memento);
        String file = memento == null ? null : memento.getString(MODEL_FILE);
        restoredModel = file == null ? null : Path.of(file);
    }

    @Override
    public void saveState(IMemento memento) {
        super.saveState(memento);
        Path shown = structure != null ? structure.file() : restoredModel;
        if (shown != null) {
            memento.putString(MODEL_FILE, shown.toString());
        }
    }

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
        if (restoredModel != null && Files.isRegularFile(restoredModel)) {
            describeInJob(restoredModel);
        }
    }

    private void describeInJob(Path model) {
        Display display = header.getDisplay();
        new VaescopeJob("Describing " + model.getFileName(), false) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                try {
                    ModelStructure described = ModelInspector.describe(model);
                    display.asyncExec(() -> {
                        if (!header.isDisposed() && structure == null) {
                            showStructure(described);
                        }
                    });
                } catch (ModelLoadException | RuntimeException e) {
                    display.asyncExec(() -> {
                        if (!header.isDisposed() && structure == null) {
                            showError(e.getMessage());
                        }
                    });
                }
                return Status.OK_STATUS;
            }
        }.schedule();
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
