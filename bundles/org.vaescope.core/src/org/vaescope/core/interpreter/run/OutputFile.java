package org.vaescope.core.interpreter.run;

import java.nio.file.Path;

import org.vaescope.script.ast.OutputKind;

/**
 * A file a script run wrote into its output folder.
 *
 * @param kind        what the file holds
 * @param line        source line of the output statement
 * @param writtenPath the name as written in the script (for a {@code compare} run, with the model name added
 *                    for per-model files)
 * @param file        the file on disk
 * @param size        its size in bytes
 */
public record OutputFile(OutputKind kind, int line, String writtenPath, Path file, long size) {
}
