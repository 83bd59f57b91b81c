package org.vaescope.cli.internal.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the PyTorch scripts of {@code releng/bench} and reads the JSON line they print last. */
final class Python {

    private Python() {
    }

    /** {@code python3} unless it lacks torch and the system's Python (Debian's python3-torch) has it. */
    static String withTorch() {
        for (String candidate : List.of("python3", "/usr/bin/python3")) {
            try {
                Process probe = new ProcessBuilder(candidate, "-c", "import torch").redirectErrorStream(true).start();
                probe.getInputStream().readAllBytes();
                if (probe.waitFor() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not installed: try the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return "python3";
    }

    /** The script's output, or null (with the reason printed) when it cannot run. */
    static String run(String python, Path script, String... arguments) {
        if (!Files.isRegularFile(script)) {
            System.out.println("PyTorch reference skipped: " + script + " not found (run from the repository root "
                    + "or pass --reference FILE)");
            return null;
        }
        List<String> command = new ArrayList<>(List.of(python, script.toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.waitFor() != 0) {
                System.out.println("PyTorch reference skipped: " + python + " with torch is not available ("
                        + lastLine(output) + ")");
                return null;
            }
            return output;
        } catch (IOException e) {
            System.out.println("PyTorch reference skipped: cannot start " + python + " (" + e.getMessage() + ")");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static String lastLine(String text) {
        String[] lines = text.split("\n");
        return lines[lines.length - 1];
    }

    static double number(JsonNode figures, String key) {
        if (!figures.path(key).isNumber()) {
            throw new IllegalStateException("the PyTorch script printed no " + key + ": " + figures);
        }
        return figures.get(key).asDouble();
    }
}
