package org.vaescope.ui.internal.dialogs;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CheckboxTableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.vaescope.core.data.Datasets;
import org.vaescope.ui.internal.analysis.AnalysisRequest;

/**
 * "Analyse with VAEScope…": dataset (built-in generator with options, or a dataset file), sample
 * counts, seed and hook points. Starts from the model's last request.
 */
public class AnalyseDialog extends TitleAreaDialog {

    private final String modelName;
    private final List<String> hookPoints;
    private AnalysisRequest request;

    private Button generatorChoice;
    private Button fileChoice;
    private Combo generator;
    private Text generatorOptions;
    private Combo fileFormat;
    private Text datasetFile;
    private Spinner pairs;
    private Spinner latentSamples;
    private Spinner metricTrain;
    private Spinner metricTest;
    private Spinner modularityRepeats;
    private Text seed;
    private CheckboxTableViewer hooks;

    public AnalyseDialog(Shell parent, String modelName, List<String> hookPoints, AnalysisRequest initial) {
        super(parent);
        this.modelName = modelName;
        this.hookPoints = List.copyOf(hookPoints);
        this.request = initial;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Analyse with VAEScope");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle("Analyse " + modelName);
        setMessage("Causal analysis: unit responses, latent perturbation, factor interventions, circuits, metrics.");
        Composite area = (Composite) super.createDialogArea(parent);
        Composite body = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(body);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
        createDatasetGroup(body);
        createSampleGroup(body);
        createHookGroup(body);
        fill(request);
        return area;
    }

    private void createDatasetGroup(Composite body) {
        Group group = group(body, "Dataset", 3);
        generatorChoice = new Button(group, SWT.RADIO);
        generatorChoice.setText("Built-in generator");
        generator = new Combo(group, SWT.READ_ONLY);
        generator.setItems(Datasets.GENERATORS.toArray(String[]::new));
        generatorOptions = new Text(group, SWT.BORDER);
        generatorOptions.setMessage("options, e.g. size=32");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(generatorOptions);
        fileChoice = new Button(group, SWT.RADIO);
        fileChoice.setText("Dataset file");
        fileFormat = new Combo(group, SWT.READ_ONLY);
        fileFormat.setItems(Datasets.FILE_FORMATS.toArray(String[]::new));
        fileFormat.select(0);
        datasetFile = new Text(group, SWT.BORDER);
        datasetFile.setMessage("path of the dataset file");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(datasetFile);
    }

    private void createSampleGroup(Composite body) {
        Group group = group(body, "Samples", 2);
        pairs = spinner(group, "Input pairs per factor", 1, 100_000);
        latentSamples = spinner(group, "Latent perturbation inputs", 1, 100_000);
        metricTrain = spinner(group, "Metric training samples", 1, 1_000_000);
        metricTest = spinner(group, "Metric test samples", 1, 1_000_000);
        modularityRepeats = spinner(group, "Circuit search repeats for modularity's interval (0: none)", 0, 100);
        modularityRepeats.setToolTipText("Repeats the circuit search on independent pairs to give circuit modularity "
                + "an interval; each repeat takes as long as the first search");
        modularityRepeats.addModifyListener(e -> validate());
        new Label(group, SWT.NONE).setText("Seed");
        seed = new Text(group, SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(seed);
        seed.addModifyListener(e -> validate());
    }

    private void createHookGroup(Composite body) {
        Group group = group(body, "Hook points (none checked: all but input, output, z, log-variance)", 1);
        hooks = CheckboxTableViewer.newCheckList(group, SWT.BORDER);
        hooks.setContentProvider(ArrayContentProvider.getInstance());
        hooks.setInput(hookPoints);
        GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, 120).applyTo(hooks.getControl());
    }

    private static Group group(Composite body, String title, int columns) {
        Group group = new Group(body, SWT.NONE);
        group.setText(title);
        GridLayoutFactory.swtDefaults().numColumns(columns).applyTo(group);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(group);
        return group;
    }

    private static Spinner spinner(Composite parent, String label, int min, int max) {
        new Label(parent, SWT.NONE).setText(label);
        Spinner spinner = new Spinner(parent, SWT.BORDER);
        spinner.setMinimum(min);
        spinner.setMaximum(max);
        GridDataFactory.fillDefaults().hint(100, SWT.DEFAULT).applyTo(spinner);
        return spinner;
    }

    private void fill(AnalysisRequest r) {
        int at = r.dataset().indexOf('@');
        boolean isFile = at > 0;
        generatorChoice.setSelection(!isFile);
        fileChoice.setSelection(isFile);
        if (isFile) {
            fileFormat.setText(r.dataset().substring(0, at));
            datasetFile.setText(r.dataset().substring(at + 1));
            generator.select(0);
        } else {
            int colon = r.dataset().indexOf(':');
            generator.setText(colon < 0 ? r.dataset() : r.dataset().substring(0, colon));
            generatorOptions.setText(colon < 0 ? "" : r.dataset().substring(colon + 1));
        }
        pairs.setSelection(r.pairsPerFactor());
        latentSamples.setSelection(r.latentSamples());
        metricTrain.setSelection(r.metricTrain());
        metricTest.setSelection(r.metricTest());
        modularityRepeats.setSelection(r.modularityRepeats());
        seed.setText(Long.toString(r.seed()));
        hooks.setCheckedElements(r.hooks().toArray());
    }

    private void validate() {
        String problem = null;
        try {
            Long.parseLong(seed.getText().strip());
        } catch (NumberFormatException e) {
            problem = "The seed must be a whole number.";
        }
        if (modularityRepeats.getSelection() == 1) {
            problem = "Repeat the circuit search 0 times (no modularity interval) or at least 2 times.";
        }
        setErrorMessage(problem);
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok != null) {
            ok.setEnabled(problem == null);
        }
    }

    @Override
    protected void okPressed() {
        String dataset;
        if (generatorChoice.getSelection()) {
            String options = generatorOptions.getText().strip();
            dataset = generator.getText() + (options.isEmpty() ? "" : ":" + options);
        } else {
            dataset = fileFormat.getText() + "@" + datasetFile.getText().strip();
        }
        List<String> checked = new ArrayList<>();
        for (Object hook : hooks.getCheckedElements()) {
            checked.add((String) hook);
        }
        request = new AnalysisRequest(dataset, pairs.getSelection(), latentSamples.getSelection(),
                metricTrain.getSelection(), metricTest.getSelection(), Long.parseLong(seed.getText().strip()), checked,
                modularityRepeats.getSelection());
        super.okPressed();
    }

    /** The request as confirmed (or the initial one before OK). */
    public AnalysisRequest request() {
        return request;
    }
}
