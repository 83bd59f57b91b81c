package org.vaescope.core.numpy;

import java.io.IOException;

/** A {@code .npy}/{@code .npz} file (or one of its entries) is malformed, truncated or uses an unsupported feature. */
public class NpyFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public NpyFormatException(String message) {
        super(message);
    }
}
