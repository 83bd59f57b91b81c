package org.vaescope.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Checks made on an output file before any work starts, so a long computation never fails at its end. */
final class OutputChecks {

    private OutputChecks() {
    }

    /**
     * The file may be (re)placed: its folder exists or can be created and is writable, and the file, if
     * present, is a regular file (not a folder, link or device).
     */
    static void requireWritableFile(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(file + ": exists and is not a regular file (a folder, link or device) — choose "
                    + "another output file");
        }
        Path folder = nearestExisting(absolute.getParent());
        if (!Files.isDirectory(folder)) {
            throw new IOException(file + ": " + folder + " is not a folder — choose another output file");
        }
        if (!Files.isWritable(folder)) {
            throw new IOException(file + ": the folder " + folder + " is not writable — choose another output file");
        }
    }

    private static Path nearestExisting(Path folder) {
        Path current = folder;
        while (current != null && !Files.exists(current)) {
            current = current.getParent();
        }
        return current == null ? Path.of("/") : current;
    }
}
