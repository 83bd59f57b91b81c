package org.vaescope.core.store;

import java.nio.file.Path;
import org.vaescope.core.vae.VaeModel;

/** A model loaded from a {@code .vsm} file, with its metadata. */
public record SavedModel(Path file, ModelMetadata metadata, VaeModel model) {
}
