package org.vaescope.ui.internal.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad analysis files are reported with the file, the place and the problem. */
class AnalysisReadTest {

    @TempDir
    Path folder;

    @Test
    void brokenJsonNamesFileLineAndColumn() throws Exception {
        Path file = folder.resolve("broken.vsa");
        Files.writeString(file, "{\n  \"format\": \"vaescope-analysis\",\n  \"version\": 2,\n  oops\n}");
        AnalysisFileException e = assertThrows(AnalysisFileException.class, () -> Analysis.read(file));
        assertTrue(e.getMessage().startsWith(file + ": line 4, column"), e.getMessage());
    }

    @Test
    void anOlderVersionAsksToAnalyseAgain() throws Exception {
        Path file = folder.resolve("old.vsa");
        Files.writeString(file, "{\"format\":\"vaescope-analysis\",\"version\":1}");
        AnalysisFileException e = assertThrows(AnalysisFileException.class, () -> Analysis.read(file));
        assertEquals(file + ": has analysis version 1; this VAEScope reads version 2 (analyse the model again)",
                e.getMessage());
    }

    @Test
    void aMissingSectionIsNamed() throws Exception {
        Path file = folder.resolve("partial.vsa");
        Files.writeString(file, "{\"format\":\"vaescope-analysis\",\"version\":2,\"metrics\":[]}");
        AnalysisFileException e = assertThrows(AnalysisFileException.class, () -> Analysis.read(file));
        assertTrue(e.getMessage().contains("\"unit_effects.hooks\" is missing"), e.getMessage());
    }
}
