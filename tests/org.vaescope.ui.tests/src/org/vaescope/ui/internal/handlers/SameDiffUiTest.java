package org.vaescope.ui.internal.handlers;

import java.util.List;

/** A VAE built in SameDiff and saved as an encoder and a decoder FlatBuffers file (the core tests' fixtures). */
class SameDiffUiTest extends ImportedModelWorkbenchCase {

    SameDiffUiTest() {
        super(new Export("samediff", "samediff", "vae_encoder.fb", "vae_decoder.fb", "fb", "SameDiff graph",
                List.of("encoder.conv2 (conv2)", "latent.mu (mu)", "latent.z", "decoder.deconv2 (deconv2)"),
                List.of("encoder.conv2", "decoder.deconv2")));
    }
}
