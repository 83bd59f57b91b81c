package org.vaescope.core.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaescope.core.pipeline.ModelAnalysis;
import org.vaescope.core.runtime.MemoryBudget;

/** The VAEScope settings as an Eclipse project preference file holds them, and their checks. */
class EngineSettingsTest {

    @TempDir
    Path project;

    private Path writeSettings(String... lines) throws Exception {
        Path file = project.resolve(EngineSettings.PROJECT_FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "eclipse.preferences.version=1\n" + String.join("\n", lines) + "\n");
        return file;
    }

    @Test
    void readsTheKeysAFileHasAndKeepsTheFallbackForTheOthers() throws Exception {
        Path file = writeSettings("analysis.metricTrain=321", "analysis.seed=42", "nd4j.threads=2",
                "memoryBudget=512m", "script.samples=77");
        EngineSettings read = EngineSettings.read(file, EngineSettings.scriptDefaults());
        EngineSettings fallback = EngineSettings.scriptDefaults();
        assertEquals(new EngineSettings(fallback.pairsPerFactor(), fallback.latentSamples(), 321, fallback.metricTest(),
                77, 42, 2, "512m"), read);
    }

    @Test
    void theDefaultsAreTheQuickCountsTheAnalyseDialogOffered() {
        ModelAnalysis.Settings quick = ModelAnalysis.Settings.quick(1);
        EngineSettings defaults = EngineSettings.defaults();
        assertEquals(quick.pairsPerFactor(), defaults.pairsPerFactor());
        assertEquals(quick.metricTrain(), defaults.metricTrain());
        assertEquals(1, defaults.seed());
        assertEquals(EngineSettings.defaults(), EngineSettings.from(defaults.asPreferences()::get,
                EngineSettings.scriptDefaults(), "round trip"));
    }

    @Test
    void aValueThatIsNoNumberIsNamedWithFileAndKey() throws Exception {
        Path file = writeSettings("analysis.latentSamples=many");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EngineSettings.read(file, EngineSettings.defaults()));
        assertEquals(file + ": analysis.latentSamples=many is not a whole number", e.getMessage());
    }

    @Test
    void countsBelowOneNegativeThreadsAndBadBudgetsAreRefused() throws Exception {
        assertEquals(writeSettings("analysis.metricTest=0") + ": analysis.metricTest must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class,
                        () -> EngineSettings.read(project.resolve(EngineSettings.PROJECT_FILE), EngineSettings.defaults()))
                        .getMessage());
        writeSettings("nd4j.threads=-1");
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> EngineSettings.read(project.resolve(EngineSettings.PROJECT_FILE), EngineSettings.defaults()))
                .getMessage().endsWith("nd4j.threads must be at least 0, got -1"));
        writeSettings("memoryBudget=lots");
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> EngineSettings.read(project.resolve(EngineSettings.PROJECT_FILE), EngineSettings.defaults()))
                .getMessage().endsWith("memoryBudget=lots is not a size: write bytes or a number with k, m or g, e.g. 4g"));
        assertThrows(IllegalArgumentException.class, () -> EngineSettings.requireMemoryBudget("-4g"));
    }

    @Test
    void theProjectFileIsFoundFromAnyFolderInsideTheProject() throws Exception {
        Path file = writeSettings("analysis.seed=3");
        Path deep = Files.createDirectories(project.resolve("models/run-1"));
        assertEquals(Optional.of(file), EngineSettings.findProjectFile(deep));
        assertEquals(Optional.empty(), EngineSettings.findProjectFile(project.getRoot().resolve("no-such-folder-x")));
    }

    @Test
    void theBudgetAndThreadsApplyToTheEngine() {
        String before = System.getProperty(MemoryBudget.PROPERTY);
        int threadsBefore = org.nd4j.linalg.factory.Nd4j.getEnvironment().maxThreads();
        try {
            EngineSettings d = EngineSettings.defaults();
            new EngineSettings(d.pairsPerFactor(), d.latentSamples(), d.metricTrain(), d.metricTest(), d.scriptSamples(),
                    d.seed(), 1, "3m").applyToRuntime();
            assertEquals(3L << 20, MemoryBudget.bytes());
            assertEquals(1, org.nd4j.linalg.factory.Nd4j.getEnvironment().maxThreads());
        } finally {
            org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxThreads(threadsBefore);
            if (before == null) {
                System.clearProperty(MemoryBudget.PROPERTY);
            } else {
                System.setProperty(MemoryBudget.PROPERTY, before);
            }
        }
    }
}
