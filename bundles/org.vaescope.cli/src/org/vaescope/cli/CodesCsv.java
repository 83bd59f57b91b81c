package org.vaescope.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a numeric matrix (codes or factor values) from a text file: one row per line, values
 * separated by commas or by whitespace (decided by the first non-empty line: commas if it has
 * any). Blank lines and lines starting with {@code #} are skipped. The first line is a header if
 * none of its fields is a number. Every row must have the same number of values; numbers are
 * decimal ({@code 1}, {@code -0.5}, {@code 2e-3}), NaN and infinities are rejected.
 * Errors name {@code file:line:column} (1-based; the column counts characters) and, for a bad
 * value, its row and column in the matrix (1-based, header and comments not counted).
 */
public final class CodesCsv {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /**
     * A parsed file.
     *
     * @param header column names, empty if the file has no header
     * @param values rows × columns
     * @param lines the file's line number (1-based) of each row
     */
    public record Table(List<String> header, double[][] values, int[] lines) {
    }

    /** A malformed file; the message starts with {@code file:line:column}. */
    public static final class FormatException extends IOException {
        private static final long serialVersionUID = 1L;

        FormatException(String message) {
            super(message);
        }
    }

    private CodesCsv() {
    }

    /** Reads {@code file} (UTF-8). */
    public static Table read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString());
        }
    }

    /** Reads from {@code reader}; {@code sourceName} is used in error messages. */
    public static Table read(Reader reader, String sourceName) throws IOException {
        BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<String> header = List.of();
        List<double[]> rows = new ArrayList<>();
        List<Integer> rowLines = new ArrayList<>();
        Boolean commaSeparated = null;
        int expectedColumns = -1;
        int firstRowLine = -1;
        String line;
        int lineNumber = 0;
        while ((line = lines.readLine()) != null) {
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (commaSeparated == null) {
                commaSeparated = line.indexOf(',') >= 0;
            }
            List<Field> fields = split(line, commaSeparated);
            if (expectedColumns < 0 && header.isEmpty() && rows.isEmpty() && noneNumeric(fields)) {
                List<String> names = new ArrayList<>();
                for (Field f : fields) names.add(unquote(f.text()));
                header = List.copyOf(names);
                expectedColumns = fields.size();
                firstRowLine = lineNumber;
                continue;
            }
            if (expectedColumns < 0) {
                expectedColumns = fields.size();
                firstRowLine = lineNumber;
            } else if (fields.size() != expectedColumns) {
                throw new FormatException(sourceName + ":" + lineNumber + ":1: row has " + fields.size()
                        + " values, expected " + expectedColumns + " (as on line " + firstRowLine + ")");
            }
            double[] row = new double[fields.size()];
            for (int j = 0; j < fields.size(); j++) {
                Field f = fields.get(j);
                String place = sourceName + ":" + lineNumber + ":" + f.column() + ": row " + (rows.size() + 1)
                        + ", column " + (j + 1) + " is ";
                if (!NUMBER.matcher(f.text()).matches()) {
                    String shown = f.text().isEmpty() ? "an empty field" : "'" + f.text() + "'";
                    throw new FormatException(place + shown + ", not a finite decimal number");
                }
                row[j] = Double.parseDouble(f.text());
                if (!Double.isFinite(row[j])) {
                    throw new FormatException(place + "'" + f.text() + "', which overflows a double");
                }
            }
            rows.add(row);
            rowLines.add(lineNumber);
        }
        if (rows.isEmpty()) {
            throw new FormatException(sourceName + ": no data rows");
        }
        return new Table(header, rows.toArray(new double[0][]), rowLines.stream().mapToInt(Integer::intValue).toArray());
    }

    private record Field(String text, int column) {
    }

    private static List<Field> split(String line, boolean commaSeparated) {
        List<Field> fields = new ArrayList<>();
        if (commaSeparated) {
            int start = 0;
            while (true) {
                int comma = line.indexOf(',', start);
                int end = comma < 0 ? line.length() : comma;
                fields.add(trimmedField(line, start, end));
                if (comma < 0) break;
                start = comma + 1;
            }
        } else {
            int i = 0;
            while (i < line.length()) {
                while (i < line.length() && Character.isWhitespace(line.charAt(i))) i++;
                if (i >= line.length()) break;
                int start = i;
                while (i < line.length() && !Character.isWhitespace(line.charAt(i))) i++;
                fields.add(new Field(line.substring(start, i), start + 1));
            }
        }
        return fields;
    }

    private static Field trimmedField(String line, int start, int end) {
        while (start < end && Character.isWhitespace(line.charAt(start))) start++;
        while (end > start && Character.isWhitespace(line.charAt(end - 1))) end--;
        return new Field(line.substring(start, end), start + 1);
    }

    private static boolean noneNumeric(List<Field> fields) {
        for (Field f : fields) {
            if (NUMBER.matcher(f.text()).matches()) return false;
        }
        return true;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
