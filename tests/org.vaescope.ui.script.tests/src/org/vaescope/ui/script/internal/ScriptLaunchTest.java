package org.vaescope.ui.script.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ProjectScope;
import org.eclipse.core.expressions.EvaluationContext;
import org.eclipse.core.expressions.EvaluationResult;
import org.eclipse.core.expressions.ExpressionConverter;
import org.eclipse.core.filesystem.EFS;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.console.IConsoleConstants;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaescope.core.interpreter.ScriptRunResult;
import org.vaescope.core.interpreter.run.ScriptRunOptions;
import org.vaescope.core.runtime.MemoryBudget;
import org.vaescope.core.settings.EngineSettings;
import org.vaescope.ui.script.ScriptUi;
import org.vaescope.ui.testing.Workbenches;

/** Runs scripts through the launch manager on a tiny model: outputs, console, markers, Cancel and the seed. */
class ScriptLaunchTest {

    private static IProject project;

    @BeforeAll
    static void projectWithTinyModel() throws Exception {
        project = Workbenches.openProject("launches");
        project.getFolder("models").getLocation().toFile().mkdirs();
        ScriptEditorTest.trainTinyModel(project.getFolder("models").getLocation().toPath().resolve("tiny.vsm"));
        project.refreshLocal(IResource.DEPTH_INFINITE, null);
    }

    @AfterEach
    void stopRuns() {
        Job.getJobManager().cancel(ScriptRunJob.FAMILY);
        Workbenches.join(ScriptRunJob.FAMILY, 10_000);
    }

    @Test
    void runWritesOutputsLogsProgressAndRefreshesTheWorkspace() throws Exception {
        IFile script = ScriptWorkbench.write(project, "run.vis", "vaescope 1\nmodel \"models/tiny.vsm\"\n"
                + "dataset dsprites(size=16)\nsamples 12\nseed 2\nperturb latent 0 by 1\nmetric ces\n"
                + "report html \"report.html\"\ntable csv \"units.csv\"\n");
        ILaunchConfigurationWorkingCopy configuration = ScriptLaunchShortcut.configurationFor(script).getWorkingCopy();
        configuration.setAttribute(ScriptUi.ATTR_QUICK, true);
        ILaunchConfiguration saved = configuration.doSave();

        saved.launch(ILaunchManager.RUN_MODE, null);
        Workbenches.waitUntil("the run to start", 10_000, () -> Job.getJobManager().find(ScriptRunJob.FAMILY).length > 0);
        ScriptRunJob job = (ScriptRunJob) Job.getJobManager().find(ScriptRunJob.FAMILY)[0];
        Workbenches.join(ScriptRunJob.FAMILY, 300_000);

        ScriptRunResult result = job.result();
        assertNotNull(result);
        assertEquals(ScriptRunResult.Status.COMPLETED, result.status(), String.valueOf(result.error()));
        IFile report = project.getFile("run-out/report.html");
        assertTrue(report.exists(), "the workspace sees the report after the refresh");
        assertTrue(project.getFile("run-out/units.csv").exists());
        Workbenches.waitUntil("the console's last line", 10_000,
                () -> ScriptConsole.get().console().getDocument().get().contains("finished: COMPLETED"));
        String console = ScriptConsole.get().console().getDocument().get();
        assertTrue(console.contains("] line 6: perturb latent"), console);
        assertTrue(console.contains("line 7: metric"), console);
        assertTrue(console.contains("finished: COMPLETED"), console);

        Workbenches.page().showView(IConsoleConstants.ID_CONSOLE_VIEW);
        ScriptConsole.get().show();
        Workbenches.drainEvents();
        Thread.sleep(500);
        Workbenches.screenshot("script-console-after-run");
    }

    @Test
    void errorsOfARunBecomeMarkersOnTheirStatement() throws Exception {
        IFile script = ScriptWorkbench.write(project, "fails.vis", "vaescope 1\nmodel \"models/tiny.vsm\"\n"
                + "dataset dsprites(size=16)\nsamples 12\nmetric ces\nreport html \"../outside.html\"\n");
        ScriptLaunchShortcut.configurationFor(script).launch(ILaunchManager.RUN_MODE, null);
        Workbenches.waitUntil("the run to start", 10_000, () -> Job.getJobManager().find(ScriptRunJob.FAMILY).length > 0);
        Workbenches.join(ScriptRunJob.FAMILY, 300_000);
        Workbenches.join(ScriptMarkers.FAMILY, 20_000);

        IMarker[] markers = script.findMarkers(ScriptUi.PROBLEM_MARKER, false, IResource.DEPTH_ZERO);
        assertTrue(Arrays.stream(markers).anyMatch(m -> m.getAttribute(IMarker.LINE_NUMBER, -1) == 6
                && m.getAttribute(IMarker.SEVERITY, -1) == IMarker.SEVERITY_ERROR),
                Arrays.toString(Arrays.stream(markers).map(m -> m.getAttribute(IMarker.MESSAGE, "")).toArray()));
    }

    @Test
    void cancelStopsALongRunWithinOneSecond() throws Exception {
        StringBuilder text = new StringBuilder("vaescope 1\nmodel \"models/tiny.vsm\"\ndataset dsprites(size=16)\n"
                + "samples 4000\n");
        for (int i = 0; i < 40; i++) {
            text.append("perturb latent all by -2..2 step 0.5\n");
        }
        IFile script = ScriptWorkbench.write(project, "long.vis", text.toString());
        ScriptLaunchShortcut.configurationFor(script).launch(ILaunchManager.RUN_MODE, null);
        Workbenches.waitUntil("the first statement", 120_000, () -> {
            String console = ScriptConsole.get().console().getDocument().get();
            int run = console.lastIndexOf("long.vis");
            return run >= 0 && console.indexOf("perturb latent", run) > 0;
        });
        Job run = Job.getJobManager().find(ScriptRunJob.FAMILY)[0];

        long start = System.nanoTime();
        run.cancel();
        Workbenches.join(ScriptRunJob.FAMILY, 10_000);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(org.eclipse.core.runtime.IStatus.CANCEL, run.getResult().getSeverity());
        assertTrue(millis < 1000, "cancel took " + millis + " ms");
    }

    @Test
    void theSeedOfTheLaunchConfigurationReachesTheRun() throws Exception {
        IFile script = ScriptWorkbench.write(project, "seeded.vis", "vaescope 1\nmodel \"models/tiny.vsm\"\n"
                + "dataset dsprites(size=16)\nsamples 12\nseed 2\nperturb latent 0 by 1\n"
                + "vary factor shape from square to heart\nreport json \"r.json\"\n");

        ObjectNode first = runWithSeed(script, "5");
        ObjectNode again = runWithSeed(script, "5");
        ObjectNode other = runWithSeed(script, "6");

        assertEquals(5, first.remove("seed").asLong());
        assertEquals(5, again.remove("seed").asLong());
        assertEquals(6, other.remove("seed").asLong());
        assertEquals(first, again, "the same seed gives the same results");
        assertNotEquals(first, other, "another seed draws other inputs");
    }

    @Test
    void runAsTakesSampleCountsAndMemoryFromTheProjectsThenTheWorkspacesVaescopePreferences() throws Exception {
        IFile script = ScriptWorkbench.write(project, "preferred.vis", "vaescope 1\nmodel \"models/tiny.vsm\"\n"
                + "dataset dsprites(size=16)\nperturb latent 0 by 1\nreport json \"r.json\"\n");
        IEclipsePreferences projectPrefs = new ProjectScope(project).getNode(EngineSettings.QUALIFIER);
        IEclipsePreferences workspacePrefs = InstanceScope.INSTANCE.getNode(EngineSettings.QUALIFIER);
        projectPrefs.put(EngineSettings.SCRIPT_SAMPLES, "17");
        projectPrefs.put(EngineSettings.METRIC_TRAIN, "321");
        workspacePrefs.put(EngineSettings.SCRIPT_SAMPLES, "99");
        workspacePrefs.put(EngineSettings.METRIC_TEST, "123");
        workspacePrefs.put(EngineSettings.MEMORY_BUDGET, "3g");
        projectPrefs.flush();
        workspacePrefs.flush();
        try {
            ILaunchConfiguration configuration = ScriptLaunchShortcut.configurationFor(script);
            ScriptRunOptions options = ScriptLaunchDelegate.options(configuration, ScriptRunSettings.of(project));
            assertEquals(17, options.defaultSamples(), "the project's value wins over the workspace's");
            assertEquals(321, options.analysisBase(0).metricTrain());
            assertEquals(123, options.analysisBase(0).metricTest(), "a key the project lacks comes from the workspace");
            assertFalse(options.quick());

            java.nio.file.Path projectFile = project.getFile(EngineSettings.PROJECT_FILE).getLocation().toPath();
            ScriptRunOptions commandLine = EngineSettings.read(projectFile, EngineSettings.scriptDefaults())
                    .scriptRunOptions(ScriptRunOptions.defaults());
            assertEquals(commandLine.defaultSamples(), options.defaultSamples(), "./vaescope run reads the same file");
            assertEquals(commandLine.analysisBase(0).metricTrain(), options.analysisBase(0).metricTrain());

            assertTrue(launchTabText(configuration).contains("17 inputs without 'samples', metric samples 321/123"),
                    launchTabText(configuration));

            configuration.launch(ILaunchManager.RUN_MODE, null);
            Workbenches.waitUntil("the run to start", 10_000, () -> Job.getJobManager().find(ScriptRunJob.FAMILY).length > 0);
            ScriptRunJob job = (ScriptRunJob) Job.getJobManager().find(ScriptRunJob.FAMILY)[0];
            Workbenches.join(ScriptRunJob.FAMILY, 300_000);
            assertEquals(ScriptRunResult.Status.COMPLETED, job.result().status(), String.valueOf(job.result().error()));
            assertEquals(17, new ObjectMapper().readTree(project.getFile("preferred-out/r.json").getLocation().toFile())
                    .get("samples").asInt(), "the run drew the preferred number of inputs");
            assertEquals(3L << 30, MemoryBudget.bytes(), "the run applied the preferred memory budget");
            assertTrue(ScriptConsole.get().console().getDocument().get().contains(
                    "settings: 17 inputs without 'samples', metric samples 321/123, ND4J's threads, budget 3g"));

            projectPrefs.put(EngineSettings.SCRIPT_SAMPLES, "lots");
            projectPrefs.flush();
            CoreException bad = assertThrows(CoreException.class, () -> configuration.launch(ILaunchManager.RUN_MODE, null));
            assertTrue(bad.getMessage().contains("/launches/.settings/org.vaescope.prefs")
                    && bad.getMessage().contains("script.samples=lots is not a whole number"), bad.getMessage());
        } finally {
            for (IEclipsePreferences node : new IEclipsePreferences[] {projectPrefs, workspacePrefs}) {
                node.clear();
                node.flush();
            }
            System.clearProperty(MemoryBudget.PROPERTY);
        }
    }

    @Test
    void runAsOnAScriptOutsideTheWorkspaceIsOfferedAndExplainsWhyItDoesNotRun(@TempDir java.nio.file.Path outside)
            throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(outside.resolve("outside.vis"), "vaescope 1\n");
        IEditorPart editor = IDE.openEditorOnFileStore(Workbenches.page(),
                EFS.getLocalFileSystem().getStore(file.toUri()));
        assertTrue(editor instanceof ScriptEditor, String.valueOf(editor));
        assertEquals(EvaluationResult.TRUE, runAsEnablement(editor.getEditorInput()), "Run As offers VAEScope Script");

        new ScriptLaunchShortcut().launch(editor, ILaunchManager.RUN_MODE);

        String expected = "Run As cannot run " + file + ": it is outside the workspace";
        Workbenches.waitUntil("the explanation in the console", 10_000,
                () -> ScriptConsole.get().console().getDocument().get().contains(expected));
        assertTrue(ScriptConsole.get().console().getDocument().get().contains("./vaescope run " + file));
        assertEquals(0, Job.getJobManager().find(ScriptRunJob.FAMILY).length, "nothing runs");
        Workbenches.page().closeAllEditors(false);
    }

    /** The Run As shortcut's enablement for an editor input, evaluated as Debug UI evaluates it for an editor. */
    private static EvaluationResult runAsEnablement(Object editorInput) throws CoreException {
        IConfigurationElement shortcut = Arrays.stream(org.eclipse.core.runtime.Platform.getExtensionRegistry()
                .getConfigurationElementsFor("org.eclipse.debug.ui.launchShortcuts"))
                .filter(e -> "org.vaescope.ui.script.launch.shortcut".equals(e.getAttribute("id"))).findFirst()
                .orElseThrow();
        IConfigurationElement enablement = shortcut.getChildren("contextualLaunch")[0].getChildren("enablement")[0];
        java.util.List<Object> selection = java.util.List.of(editorInput);
        EvaluationContext context = new EvaluationContext(null, selection);
        context.addVariable("selection", selection);
        context.setAllowPluginActivation(true);
        return ExpressionConverter.getDefault().perform(enablement).evaluate(context);
    }

    /** What the launch configuration dialog's Script tab shows for this configuration. */
    private static String launchTabText(ILaunchConfiguration configuration) {
        Shell shell = new Shell(Workbenches.page().getWorkbenchWindow().getShell());
        try {
            ScriptLaunchTab tab = new ScriptLaunchTab();
            tab.createControl(shell);
            tab.initializeFrom(configuration);
            return tab.settingsText();
        } finally {
            shell.dispose();
        }
    }

    /** Runs the script through its launch configuration with this seed; its JSON report. */
    private static ObjectNode runWithSeed(IFile script, String seed) throws Exception {
        ILaunchConfigurationWorkingCopy configuration = ScriptLaunchShortcut.configurationFor(script).getWorkingCopy();
        configuration.setAttribute(ScriptUi.ATTR_SEED, seed);
        configuration.setAttribute(ScriptUi.ATTR_QUICK, true);
        configuration.doSave().launch(ILaunchManager.RUN_MODE, null);
        Workbenches.waitUntil("the run to start", 10_000, () -> Job.getJobManager().find(ScriptRunJob.FAMILY).length > 0);
        ScriptRunJob job = (ScriptRunJob) Job.getJobManager().find(ScriptRunJob.FAMILY)[0];
        Workbenches.join(ScriptRunJob.FAMILY, 300_000);
        assertEquals(ScriptRunResult.Status.COMPLETED, job.result().status(), String.valueOf(job.result().error()));
        return (ObjectNode) new ObjectMapper().readTree(project.getFile("seeded-out/r.json").getLocation().toFile());
    }
}
