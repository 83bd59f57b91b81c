package org.vaescope.ui.script.internal;

import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.vaescope.ui.script.ScriptUi;

/**
 * Script, output folder, quick mode and seed of a "VAEScope Script" launch, and what the VAEScope preferences
 * give the run (sample counts, threads, memory budget; read again at each launch).
 */
public final class ScriptLaunchTab extends AbstractLaunchConfigurationTab {

    private Text script;
    private Text output;
    private Button quick;
    private Text seed;
    private Label settings;

    @Override
    public void createControl(Composite parent) {
        Composite composite = new Composite(parent, SWT.NONE);
        composite.setLayout(new GridLayout(2, false));
        script = field(composite, "Script (workspace path):");
        output = field(composite, "Output folder (empty: NAME-out beside the script):");
        seed = field(composite, "Seed (empty: the script's seed):");
        quick = new Button(composite, SWT.CHECK);
        quick.setText("Quick run (every sample count capped at 50)");
        quick.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        quick.addListener(SWT.Selection, e -> changed());
        settings = new Label(composite, SWT.WRAP);
        settings.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        script.addModifyListener(e -> showSettings());
        setControl(composite);
    }

    private Text field(Composite parent, String label) {
        new Label(parent, SWT.NONE).setText(label);
        Text text = new Text(parent, SWT.BORDER);
        text.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        text.addModifyListener(e -> changed());
        return text;
    }

    /** The preferences the chosen script's project gives a run, or why they cannot be read. */
    private void showSettings() {
        IResource resource = ResourcesPlugin.getWorkspace().getRoot().findMember(script.getText().strip());
        if (resource == null) {
            settings.setText("");
            return;
        }
        try {
            settings.setText("From the VAEScope preferences of " + resource.getProject().getName() + ": "
                    + ScriptRunSettings.of(resource.getProject()).scriptRunSummary());
        } catch (CoreException e) {
            settings.setText(e.getMessage());
        }
        settings.getParent().layout(true);
    }

    /** The text the tab shows about the preferences (for tests). */
    String settingsText() {
        return settings.getText();
    }

    private void changed() {
        setDirty(true);
        updateLaunchConfigurationDialog();
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy configuration) {
        configuration.setAttribute(ScriptUi.ATTR_OUTPUT, "");
        configuration.setAttribute(ScriptUi.ATTR_QUICK, false);
        configuration.setAttribute(ScriptUi.ATTR_SEED, "");
    }

    @Override
    public void initializeFrom(ILaunchConfiguration configuration) {
        try {
            script.setText(configuration.getAttribute(ScriptUi.ATTR_SCRIPT, ""));
            output.setText(configuration.getAttribute(ScriptUi.ATTR_OUTPUT, ""));
            seed.setText(configuration.getAttribute(ScriptUi.ATTR_SEED, ""));
            quick.setSelection(configuration.getAttribute(ScriptUi.ATTR_QUICK, false));
        } catch (CoreException e) {
            setErrorMessage(e.getMessage());
        }
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy configuration) {
        configuration.setAttribute(ScriptUi.ATTR_SCRIPT, script.getText().strip());
        configuration.setAttribute(ScriptUi.ATTR_OUTPUT, output.getText().strip());
        configuration.setAttribute(ScriptUi.ATTR_SEED, seed.getText().strip());
        configuration.setAttribute(ScriptUi.ATTR_QUICK, quick.getSelection());
    }

    @Override
    public boolean isValid(ILaunchConfiguration configuration) {
        setErrorMessage(null);
        IResource resource = ResourcesPlugin.getWorkspace().getRoot().findMember(script.getText().strip());
        if (resource == null || resource.getType() != IResource.FILE) {
            setErrorMessage("Choose a script file of the workspace, e.g. /project/analysis.vis");
            return false;
        }
        String seedText = seed.getText().strip();
        if (!seedText.isEmpty() && !seedText.matches("-?\\d{1,18}")) {
            setErrorMessage("The seed must be an integer");
            return false;
        }
        return true;
    }

    @Override
    public String getName() {
        return "Script";
    }
}
