package org.vaescope.ui.internal.handlers;

import java.util.List;

/**
 * A Keras VAE saved as two {@code .h5} files ({@code releng/fixtures/keras}: TensorFlow.js Layers' numbers
 * in Keras 2's HDF5 layout).
 */
class KerasModelUiTest extends ImportedModelWorkbenchCase {

    KerasModelUiTest() {
        super(new Export("keras", "keras", "keras_encoder.h5", "keras_decoder.h5", "h5", "Keras HDF5 model",
                List.of("encoder.conv2 (conv2)", "encoder.act2 (act2)", "latent.mu (mu)", "latent.z",
                        "decoder.act1 (act1)", "output.logits (logits)"),
                List.of("encoder.act2", "decoder.act1")));
    }
}
