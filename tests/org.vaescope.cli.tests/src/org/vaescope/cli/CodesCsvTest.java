package org.vaescope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vaescope.metrics.FactorDiscretizer;
import org.junit.jupiter.api.io.TempDir;

class CodesCsvTest {

    private static CodesCsv.Table parse(String text) throws IOException {
        return CodesCsv.read(new StringReader(text), "codes.csv");
    }

    @Test
    void readsCommaSeparatedWithHeader() throws IOException {
        CodesCsv.Table t = parse("z0, z1\n1, -2.5\n\n# comment\n3e-1,4\n");
        assertEquals(List.of("z0", "z1"), t.header());
        assertArrayEquals(new double[] {1, -2.5}, t.values()[0]);
        assertArrayEquals(new double[] {0.3, 4}, t.values()[1]);
    }

    @Test
    void readsWhitespaceSeparatedWithoutHeader() throws IOException {
        CodesCsv.Table t = parse("  1 2\t3\n4  5 6\n");
        assertTrue(t.header().isEmpty());
        assertEquals(2, t.values().length);
        assertArrayEquals(new double[] {4, 5, 6}, t.values()[1]);
    }

    @Test
    void badNumberNamesFileLineAndColumn() {
        IOException e = assertThrows(CodesCsv.FormatException.class, () -> parse("a,b\n1,2\n3, x7\n"));
        assertTrue(e.getMessage().startsWith("codes.csv:3:4: row 2, column 2 is 'x7', not a finite decimal number"),
                e.getMessage());
        e = assertThrows(CodesCsv.FormatException.class, () -> parse("1,NaN\n"));
        assertTrue(e.getMessage().startsWith("codes.csv:1:3:"), e.getMessage());
        e = assertThrows(CodesCsv.FormatException.class, () -> parse("1,,2\n"));
        assertTrue(e.getMessage().contains("empty field"), e.getMessage());
    }

    @Test
    void raggedRowsAreRejected() {
        IOException e = assertThrows(CodesCsv.FormatException.class, () -> parse("1 2 3\n4 5\n"));
        assertTrue(e.getMessage().startsWith("codes.csv:2:"), e.getMessage());
        assertTrue(e.getMessage().contains("2 values, expected 3"), e.getMessage());
    }

    @Test
    void emptyFileIsRejected() {
        assertThrows(CodesCsv.FormatException.class, () -> parse("# nothing\n\n"));
    }

    @Test
    void readsAFileAndDiscretisesFactors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("factors.csv");
        Files.writeString(file, "scale,x\n0.5,0.0\n1.0,0.1\n0.5,0.2\n0.75,1.0\n");
        CodesCsv.Table t = CodesCsv.read(file);
        int[][] classes = FactorDiscretizer.toClasses(t.values(), 3);
        // scale has 3 distinct values -> ranks; x has 4 > 3 -> histogram edges 0, 1/3, 2/3
        assertArrayEquals(new int[] {0, 2, 0, 1}, new int[] {classes[0][0], classes[1][0], classes[2][0], classes[3][0]});
        assertArrayEquals(new int[] {0, 0, 0, 2}, new int[] {classes[0][1], classes[1][1], classes[2][1], classes[3][1]});
        IOException e = assertThrows(IOException.class, () -> CodesCsv.read(dir.resolve("missing.csv")));
        assertTrue(e.getMessage().contains("missing.csv"), e.getMessage());
    }
}
