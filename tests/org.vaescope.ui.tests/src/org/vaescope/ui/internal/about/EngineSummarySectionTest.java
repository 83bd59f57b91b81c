package org.vaescope.ui.internal.about;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.ui.internal.ConfigurationInfo;
import org.junit.jupiter.api.Test;

/** Help > About > Installation Details > Configuration names the ND4J natives the engine runs on. */
class EngineSummarySectionTest {

    @Test
    void theConfigurationPageNamesTheNativeBuildTheCpuAllows() throws Exception {
        String summary = ConfigurationInfo.getSystemSummary();
        boolean avx2 = Files.readString(Path.of("/proc/cpuinfo")).matches("(?s).*\\bflags\\s*:[^\\n]*\\bavx2\\b.*");
        String expected = "ND4J natives: " + (avx2 ? "onednn-avx2" : "plain (no oneDNN)");

        assertTrue(summary.contains("VAEScope engine"), summary);
        assertTrue(summary.contains(expected), "expected '" + expected + "' in\n" + summary);
        assertTrue(summary.contains("ND4J backend: "), summary);
    }
}
