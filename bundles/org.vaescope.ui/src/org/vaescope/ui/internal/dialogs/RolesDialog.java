package org.vaescope.ui.internal.dialogs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.vaescope.core.imports.ModelRoles;

/**
 * Asks which inputs and outputs of an imported model play the VAE roles, when its graph does not say:
 * one combo per role, listing the graph's inputs or outputs. The answer ({@link #roles()}) holds the keys
 * of a roles file ({@link ModelRoles}).
 */
public class RolesDialog extends TitleAreaDialog {

    /** The reconstruction-kind choices; the first leaves it to VAEScope (a final sigmoid means probabilities). */
    public static final List<String> OUTPUT_KINDS = List.of("detect", "logits", "probabilities");

    private static final int MAX_WIDTH = 680;

    private final String modelName;
    private final String problem;
    private final ModelRoles.Choices choices;
    private final Map<String, Combo> combos = new LinkedHashMap<>();
    private Map<String, String> roles = Map.of();

    public RolesDialog(Shell parent, String modelName, String problem, ModelRoles.Choices choices) {
        super(parent);
        this.modelName = modelName;
        this.problem = problem;
        this.choices = choices;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("VAE Roles of " + modelName);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Which parts of " + modelName + " are the VAE's?");
        setMessage("Choose the graph's input or output for each role.");
        Composite form = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).margins(10, 10).applyTo(form);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(form);
        Label why = new Label(form, SWT.WRAP);
        why.setText(problem);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(MAX_WIDTH - 40, SWT.DEFAULT).applyTo(why);
        addRole(form, "image", "Image input", choices.images());
        addRole(form, "mu", "μ (mean) output", choices.latents());
        addRole(form, "logvar", "log σ² output", choices.latents());
        if (!choices.decoderInputs().isEmpty()) {
            addRole(form, "decoderInput", "Decoder input (z)", choices.decoderInputs());
        }
        addRole(form, "reconstruction", "Reconstruction output", choices.reconstructions());
        addRole(form, "output", "Reconstruction is", OUTPUT_KINDS);
        Label note = new Label(form, SWT.WRAP);
        note.setText("Saved as " + ModelRoles.fileOf(java.nio.file.Path.of(modelName)).getFileName()
                + " beside the model; analyses, scripts and the CLI read it from there.");
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(MAX_WIDTH - 40, SWT.DEFAULT).applyTo(note);
        preselect();
        return area;
    }

    private void addRole(Composite form, String key, String label, List<String> names) {
        new Label(form, SWT.NONE).setText(label + ":");
        Combo combo = new Combo(form, SWT.READ_ONLY | SWT.DROP_DOWN);
        combo.setItems(names.toArray(String[]::new));
        GridDataFactory.fillDefaults().grab(true, false).applyTo(combo);
        combos.put(key, combo);
    }

    /** Starts from a different name per role where the lists allow (μ and log σ² the first two outputs). */
    private void preselect() {
        for (Combo combo : combos.values()) {
            combo.select(0);
        }
        if (choices.latents().size() > 1) {
            combos.get("logvar").select(1);
        }
        List<String> reconstructions = new ArrayList<>(choices.reconstructions());
        reconstructions.removeAll(choices.decoderInputs().isEmpty() ? choices.latents().subList(0,
                Math.min(2, choices.latents().size())) : List.of());
        if (!reconstructions.isEmpty()) {
            combos.get("reconstruction").select(choices.reconstructions().indexOf(reconstructions.get(0)));
        }
    }

    /** At most {@value #MAX_WIDTH} pixels wide: the problem's message wraps instead of widening the dialog to the screen. */
    @Override
    protected Point getInitialSize() {
        Point size = super.getInitialSize();
        return size.x <= MAX_WIDTH ? size : getShell().computeSize(MAX_WIDTH, SWT.DEFAULT, true);
    }

    /** Chooses {@code name} for the role {@code key} (one of the combos' items). */
    public void choose(String key, String name) {
        Combo combo = combos.get(key);
        int index = combo == null ? -1 : combo.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no choice '" + name + "' for role " + key);
        }
        combo.select(index);
    }

    /** The names offered for the role {@code key}. */
    public List<String> offered(String key) {
        Combo combo = combos.get(key);
        return combo == null ? List.of() : List.of(combo.getItems());
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "Save Roles and Continue", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    protected void okPressed() {
        Map<String, String> answer = new LinkedHashMap<>();
        combos.forEach((key, combo) -> answer.put(key, combo.getText()));
        if (answer.get("mu").equals(answer.get("logvar"))) {
            setErrorMessage("μ and log σ² must be different outputs.");
            return;
        }
        if (answer.get("output").equals(OUTPUT_KINDS.get(0))) {
            answer.remove("output");
        }
        roles = Map.copyOf(answer);
        super.okPressed();
    }

    /** The roles chosen (roles-file keys to graph names; "output" only when not left to detection). */
    public Map<String, String> roles() {
        return roles;
    }
}
