package org.vaescope.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolves the file names written in a script: inputs (model, data) against the script folder,
 * outputs (reports, graphs, images, tables) against the output folder. A script may only reach files
 * inside those folders: absolute paths, {@code ..} that climbs out, and symbolic links whose target is
 * outside are rejected. (No statement of the language runs a program or loads code; file names are
 * the only way a script touches the file system.)
 */
public final class SandboxPaths {

    private final Path scriptFolder;
    private final Path outputFolder;

    public SandboxPaths(Path scriptFolder, Path outputFolder) {
        this.scriptFolder = Objects.requireNonNull(scriptFolder, "scriptFolder").toAbsolutePath().normalize();
        this.outputFolder = Objects.requireNonNull(outputFolder, "outputFolder").toAbsolutePath().normalize();
    }

    public Path scriptFolder() {
        return scriptFolder;
    }

    public Path outputFolder() {
        return outputFolder;
    }

    /** The input file a script names, inside the script folder. */
    public Path resolveInput(String writtenPath) throws SandboxException {
        return resolve(scriptFolder, writtenPath, "script folder");
    }

    /** The output file a script names, inside the output folder (which need not exist yet). */
    public Path resolveOutput(String writtenPath) throws SandboxException {
        Optional<String> folderProblem = outputFolderProblem();
        if (folderProblem.isPresent()) {
            throw new SandboxException(writtenPath, folderProblem.get());
        }
        return resolve(outputFolder, writtenPath, "output folder");
    }

    /**
     * What is wrong with the output folder itself, as {@code folder: problem — what to do}: it is, or
     * passes through (below the script folder), a symbolic link leading out of the script folder; it
     * is not a folder; or it cannot be created or written. A script folder from someone else may ship
     * its {@code NAME-out} as a link to anywhere; outputs must never land there.
     */
    public Optional<String> outputFolderProblem() {
        Path realScriptFolder;
        try {
            realScriptFolder = scriptFolder.toRealPath();
        } catch (IOException e) {
            realScriptFolder = scriptFolder;
        }
        Path current = outputFolder.getRoot();
        for (Path part : outputFolder.getRoot().relativize(outputFolder)) {
            current = current.resolve(part);
            boolean checked = current.startsWith(scriptFolder) && !current.equals(scriptFolder)
                    || current.equals(outputFolder);
            if (checked && Files.isSymbolicLink(current) && !leadsInto(current, realScriptFolder)) {
                return Optional.of(outputFolder + ": " + (current.equals(outputFolder) ? "is" : "passes through")
                        + " the symbolic link " + current + ", which leads out of the script folder " + scriptFolder
                        + " — remove the link or choose another output folder with --out");
            }
        }
        if (Files.exists(outputFolder) && !Files.isDirectory(outputFolder)) {
            return Optional.of(outputFolder + ": exists and is not a folder — remove it or choose another output "
                    + "folder with --out");
        }
        Path existing = outputFolder;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            return Optional.of(outputFolder + ": cannot be written (" + existing + " is not a writable folder) — "
                    + "choose another output folder with --out");
        }
        return Optional.empty();
    }

    private static boolean leadsInto(Path link, Path realFolder) {
        try {
            return link.toRealPath().startsWith(realFolder);
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes the content of one output file: called with a fresh temporary file to fill. */
    @FunctionalInterface
    public interface OutputWriter {
        void writeTo(Path temporaryFile) throws IOException;
    }

    /**
     * Writes an output file that {@link #resolveOutput} returned: into a new temporary file in its
     * folder (created exclusively, so never through a link), then renamed over the target in one atomic
     * step. An existing target is replaced, not truncated: a hard link or symbolic link at its place is
     * unlinked and whatever it pointed to keeps its content.
     */
    public void writeOutput(Path file, OutputWriter writer) throws IOException {
        Path folder = file.getParent();
        Files.createDirectories(folder);
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(file + ": is a folder — remove it or write to another name");
        }
        Path temporary = Files.createTempFile(folder, "." + file.getFileName(), ".tmp");
        try {
            writer.writeTo(temporary);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * The problem with a written path that shows without the file system: empty, absolute, or
     * climbing out of its folder with {@code ..}.
     *
     * @param folderName how the folder is called in the message, e.g. "script folder"
     */
    public static Optional<String> lexicalProblem(String writtenPath, String folderName) {
        if (writtenPath == null || writtenPath.isBlank()) {
            return Optional.of("empty file name");
        }
        if (writtenPath.indexOf('\0') >= 0) {
            return Optional.of("file name '" + printable(writtenPath) + "' contains a NUL character");
        }
        if (writtenPath.startsWith("/") || writtenPath.startsWith("\\") || writtenPath.startsWith("~")
                || (writtenPath.length() >= 2 && writtenPath.charAt(1) == ':' && Character.isLetter(writtenPath.charAt(0)))) {
            return Optional.of("absolute path '" + writtenPath + "' is not allowed: write a path relative to the "
                    + folderName);
        }
        int depth = 0;
        for (String part : writtenPath.split("[/\\\\]")) {
            if (part.equals("..")) {
                depth--;
                if (depth < 0) {
                    return Optional.of("path '" + writtenPath + "' leaves the " + folderName + " through '..'");
                }
            } else if (!part.isEmpty() && !part.equals(".")) {
                depth++;
            }
        }
        return Optional.empty();
    }

    private static Path resolve(Path folder, String writtenPath, String folderName) throws SandboxException {
        Optional<String> problem = lexicalProblem(writtenPath, folderName);
        if (problem.isPresent()) {
            throw new SandboxException(writtenPath, problem.get());
        }
        Path target;
        try {
            target = folder.resolve(writtenPath.replace('\\', '/')).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new SandboxException(writtenPath, "invalid file name '" + printable(writtenPath) + "': " + e.getReason());
        }
        if (!target.startsWith(folder) || target.equals(folder)) {
            throw new SandboxException(writtenPath, "path '" + writtenPath + "' does not name a file inside the "
                    + folderName);
        }
        checkLinks(folder, target, writtenPath, folderName);
        return target;
    }

    /** Follows every existing component from the folder down to the target; each must stay inside. */
    private static void checkLinks(Path folder, Path target, String writtenPath, String folderName)
            throws SandboxException {
        if (!Files.exists(folder)) {
            return; // nothing below a missing folder can be a link yet
        }
        Path realFolder;
        try {
            realFolder = folder.toRealPath();
        } catch (IOException e) {
            throw new SandboxException(writtenPath, "cannot resolve the " + folderName + " " + folder + ": "
                    + e.getMessage());
        }
        Path current = folder;
        for (Path part : folder.relativize(target)) {
            current = current.resolve(part);
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            if (Files.isSymbolicLink(current)) {
                Path real;
                try {
                    real = current.toRealPath();
                } catch (IOException e) {
                    throw new SandboxException(writtenPath, "path '" + writtenPath + "' goes through the symbolic link '"
                            + folder.relativize(current) + "', which cannot be resolved");
                }
                if (!real.startsWith(realFolder)) {
                    throw new SandboxException(writtenPath, "path '" + writtenPath + "' leaves the " + folderName
                            + " through the symbolic link '" + folder.relativize(current) + "'");
                }
            }
        }
    }

    private static String printable(String text) {
        return text.replace("\0", "\\0");
    }
}
