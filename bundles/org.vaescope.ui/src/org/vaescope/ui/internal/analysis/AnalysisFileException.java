package org.vaescope.ui.internal.analysis;

import java.nio.file.Path;

/** An analysis file that cannot be read; the message names the file and the problem. */
public class AnalysisFileException extends Exception {

    private static final long serialVersionUID = 1L;

    public AnalysisFileException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
