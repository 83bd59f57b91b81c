package org.vaescope.ui.script.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.eclipse.core.resources.IFile;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.dialogs.WizardNewFileCreationPage;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.wizards.newresource.BasicNewResourceWizard;
import org.vaescope.ui.script.ScriptUi;

/** File, New, VAEScope Script: a {@code .vis} file from a template, opened in the script editor. */
public final class NewScriptWizard extends BasicNewResourceWizard {

    /** A complete, runnable first script; the model path is the example models' layout. */
    static final String TEMPLATE = """
            vaescope 1
            # An intervention script: see docs/script-language.md
            model "models/vae-dsprites.vsm"
            dataset dsprites(size=32)
            samples 200
            seed 1

            perturb latent all by -2..2 step 1
            classify units
            metric mig
            report html "report.html"
            """;

    private WizardNewFileCreationPage page;

    @Override
    public void addPages() {
        page = new WizardNewFileCreationPage("script", getSelection()) {
            @Override
            protected InputStream getInitialContents() {
                return new ByteArrayInputStream(TEMPLATE.getBytes(StandardCharsets.UTF_8));
            }
        };
        page.setTitle("VAEScope Script");
        page.setDescription("Create an intervention script from a template.");
        page.setFileName("analysis.vis");
        page.setFileExtension("vis");
        addPage(page);
    }

    /** Sets the new file's name, as typed into the page. */
    void fileName(String name) {
        page.setFileName(name);
    }

    @Override
    public boolean performFinish() {
        IFile file = page.createNewFile();
        if (file == null) {
            return false;
        }
        selectAndReveal(file);
        IWorkbenchPage workbenchPage = getWorkbench().getActiveWorkbenchWindow().getActivePage();
        try {
            IDE.openEditor(workbenchPage, file, ScriptUi.EDITOR_ID);
        } catch (PartInitException e) {
            page.setErrorMessage("created " + file.getFullPath() + " but could not open it: " + e.getMessage());
        }
        return true;
    }
}
