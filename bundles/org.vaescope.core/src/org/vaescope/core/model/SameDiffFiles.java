package org.vaescope.core.model;

import java.nio.file.Path;
import org.nd4j.autodiff.samediff.SameDiff;

/** Restores SameDiff graphs saved as FlatBuffers ({@code SameDiff.save}, {@code asFlatFile}), with errors naming the file. */
public final class SameDiffFiles {

    private SameDiffFiles() {
    }

    /**
     * The graph saved in {@code file}, with its variables' values.
     *
     * @throws ModelLoadException if the file is not a SameDiff FlatBuffers file, or is corrupt or truncated
     */
    public static SameDiff restore(Path file) throws ModelLoadException {
        try {
            SameDiff sd = SameDiff.fromFlatFile(file.toFile());
            if (sd == null || sd.getOps().isEmpty() && sd.variables().isEmpty()) {
                throw new ModelLoadException(file, "is not a SameDiff FlatBuffers file (no graph found)");
            }
            return sd;
        } catch (ModelLoadException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw new ModelLoadException(file, "is neither a DL4J ModelSerializer zip nor a readable SameDiff "
                    + "FlatBuffers file (" + Dl4jStructureReader.rootMessage(e) + ") — it may be truncated; save it again", e);
        }
    }
}
