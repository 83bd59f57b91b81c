package org.vaescope.core.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Checks an input file before it is opened: it must exist, be a regular file (a FIFO, device or folder
 * would block or mislead a reader) and be readable.
 */
public final class InputFiles {

    private InputFiles() {
    }

    /** What is wrong with {@code file} as an input, without the file name; empty when it can be read. */
    public static Optional<String> problem(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return Optional.of("no such file — check the path");
        } catch (IOException e) {
            return Optional.of("cannot be read (" + e.getMessage() + ") — check the path and its permissions");
        }
        if (attributes.isDirectory()) {
            return Optional.of("is a folder, not a file — name a file");
        }
        if (!attributes.isRegularFile()) {
            return Optional.of("is not a regular file (a pipe, socket or device) — copy the data into a file "
                    + "and name that");
        }
        if (!Files.isReadable(file)) {
            return Optional.of("permission denied — make the file readable");
        }
        return Optional.empty();
    }

    /**
     * @return the file's size in bytes
     * @throws IOException whose message is {@code file: what is wrong — what to do}
     */
    public static long requireRegularFile(Path file) throws IOException {
        Optional<String> problem = problem(file);
        if (problem.isPresent()) {
            throw new IOException(file + ": " + problem.get());
        }
        return Files.size(file);
    }
}
