package org.vaescope.ui.internal.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ProjectScope;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.ui.IStartup;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vaescope.core.hooks.HookPoint;
import org.vaescope.core.imports.VaeFiles;
import org.vaescope.core.settings.EngineSettings;
import org.vaescope.core.vae.VaeHooks;
import org.vaescope.ui.internal.analysis.AnalysisRequest;
import org.vaescope.ui.internal.editors.AnalysisEditor;
import org.vaescope.ui.internal.testing.TinyModels;
import org.vaescope.ui.testing.Workbenches;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The start-up trigger {@code -Dvaescope.analyse=PROJECT/MODEL} of {@code ./vaescope ide} and the install
 * test, on a model nobody has analysed: it runs the default request, whose hooks are the engine's default
 * set (every hook point but the input, the output, {@code latent.z} and {@code latent.logvar}).
 */
class AnalyseOnStartupTest {

    private static final long ANALYSIS_TIMEOUT_MS = 600_000;
    private static final String TRIGGER = "vaescope.analyse";

    private static IWorkbenchWindow window;
    private static IProject project;
    private static IFile model;

    @BeforeAll
    static void aModelNeverAnalysed() throws Exception {
        window = Workbenches.sizedWindow();
        model = TinyModels.inProject("vaescope-startup", "tiny.vsm");
        project = model.getProject();
        IEclipsePreferences settings = new ProjectScope(project).getNode(EngineSettings.QUALIFIER);
        AnalysisRequest quick = TinyModels.quickRequest();
        settings.put(EngineSettings.PAIRS_PER_FACTOR, Integer.toString(quick.pairsPerFactor()));
        settings.put(EngineSettings.LATENT_SAMPLES, Integer.toString(quick.latentSamples()));
        settings.put(EngineSettings.METRIC_TRAIN, Integer.toString(quick.metricTrain()));
        settings.put(EngineSettings.METRIC_TEST, Integer.toString(quick.metricTest()));
        settings.flush();
    }

    @AfterAll
    static void deleteProject() throws Exception {
        System.clearProperty(TRIGGER);
        page().closeAllEditors(false);
        project.delete(true, true, new NullProgressMonitor());
    }

    @Test
    void theTriggerAnalysesTheEnginesDefaultHooks() throws Exception {
        assertNull(AnalysisRequest.remembered(model), "no request is remembered for a new model");
        System.setProperty(TRIGGER, model.getFullPath().makeRelative().toString());
        startupTrigger().earlyStartup();
        Workbenches.waitUntil("the analysis in its editor", ANALYSIS_TIMEOUT_MS,
                () -> page().getActiveEditor() instanceof AnalysisEditor editor && editor.getAnalysis() != null);

        Path file = project.getLocation().toFile().toPath().resolve("tiny.vsa");
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        List<String> unitEffectHooks = new ArrayList<>();
        json.path("unit_effects").path("hooks").forEach(h -> unitEffectHooks.add(h.path("hook").asText()));
        assertEquals(engineDefaultHooks(), unitEffectHooks);
        assertEquals(List.of(), AnalysisRequest.remembered(model).hooks(), "the remembered request names no hooks: "
                + "the engine's default applies");
        Workbenches.screenshot(window.getShell(), "vaescope-analyse-on-startup");
    }

    /** The tiny VAE's hook points in network order without the input, the output, z and log σ². */
    private static List<String> engineDefaultHooks() throws Exception {
        VaeFiles.Loaded loaded = VaeFiles.open(model.getLocation().toFile().toPath());
        Set<String> left = Set.of(loaded.model().inputHook(), loaded.model().outputHook(), VaeHooks.LATENT_Z,
                VaeHooks.LATENT_LOGVAR);
        return loaded.model().hookPoints().stream().map(HookPoint::name).filter(h -> !left.contains(h)).toList();
    }

    /** The {@code org.eclipse.ui.startup} contribution of the demo-workspace bundle, as the workbench makes it. */
    private static IStartup startupTrigger() throws Exception {
        for (IConfigurationElement element : Platform.getExtensionRegistry()
                .getConfigurationElementsFor("org.eclipse.ui.startup")) {
            if (element.getContributor().getName().equals("org.vaescope.ide.workspace")) {
                return (IStartup) element.createExecutableExtension("class");
            }
        }
        throw new AssertionError("org.vaescope.ide.workspace contributes no start-up trigger");
    }

    private static IWorkbenchPage page() {
        return window.getActivePage();
    }
}
