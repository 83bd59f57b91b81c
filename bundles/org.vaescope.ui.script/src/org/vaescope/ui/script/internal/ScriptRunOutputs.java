package org.vaescope.ui.script.internal;

import java.net.MalformedURLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.browser.IWorkbenchBrowserSupport;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.part.ISetSelectionTarget;
import org.vaescope.core.interpreter.ScriptRunResult;
import org.vaescope.core.interpreter.run.OutputFile;
import org.vaescope.script.ast.OutputKind;

/** After a run: the HTML report opened (internal browser if there is one, else the system editor) and the outputs revealed. */
final class ScriptRunOutputs {

    /** Off when tests run, so no browser opens in the test workbench; on by default. */
    static volatile boolean openReports = !Boolean.getBoolean("vaescope.noReportBrowser");

    private ScriptRunOutputs() {
    }

    static void openReport(IFile script, IContainer outputFolder, ScriptRunResult run) {
        List<IFile> outputs = new ArrayList<>();
        for (OutputFile output : run.outputs()) {
            IFile file = ScriptRunJob.workspaceFile(output);
            if (file != null) {
                outputs.add(file);
            }
        }
        Optional<IFile> report = run.outputs().stream().filter(o -> o.kind() == OutputKind.REPORT_HTML)
                .map(ScriptRunJob::workspaceFile).filter(f -> f != null).findFirst();
        Display.getDefault().asyncExec(() -> {
            reveal(outputs.isEmpty() ? List.of(outputFolder) : outputs);
            if (openReports) {
                report.ifPresent(ScriptRunOutputs::open);
            }
        });
    }

    private static void open(IFile report) {
        IWorkbenchBrowserSupport browsers = PlatformUI.getWorkbench().getBrowserSupport();
        try {
            if (browsers.isInternalWebBrowserAvailable()) {
                browsers.createBrowser(IWorkbenchBrowserSupport.AS_EDITOR, "org.vaescope.report", report.getName(),
                        "VAEScope report").openURL(report.getLocationURI().toURL());
            } else {
                IDE.openEditor(page(), report, IDE_SYSTEM_EDITOR);
            }
        } catch (PartInitException | MalformedURLException e) {
            ScriptConsole.get().error("could not open " + report.getFullPath() + ": " + e.getMessage());
        }
    }

    private static final String IDE_SYSTEM_EDITOR = "org.eclipse.ui.systemExternalEditor";

    /** Selects the outputs in the Project Explorer, if it is open. */
    private static void reveal(List<?> resources) {
        IWorkbenchPage page = page();
        if (page == null) {
            return;
        }
        var view = page.findView("org.eclipse.ui.navigator.ProjectExplorer");
        ISetSelectionTarget target = view == null ? null : view.getAdapter(ISetSelectionTarget.class);
        if (target != null) {
            target.selectReveal(new StructuredSelection(resources));
        }
    }

    private static IWorkbenchPage page() {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        if (window == null && PlatformUI.getWorkbench().getWorkbenchWindowCount() > 0) {
            window = PlatformUI.getWorkbench().getWorkbenchWindows()[0];
        }
        return window == null ? null : window.getActivePage();
    }
}
