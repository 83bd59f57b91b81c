package org.vaescope.core.data;

import java.io.IOException;

/** A dataset file is missing an array, has the wrong layout, or holds inconsistent factor labels. */
public class DatasetFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public DatasetFormatException(String message) {
        super(message);
    }
}
