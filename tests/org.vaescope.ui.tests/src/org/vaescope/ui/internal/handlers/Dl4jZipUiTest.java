package org.vaescope.ui.internal.handlers;

import java.util.List;

/** A VAE saved by DL4J as an encoder zip and a decoder zip (the core tests' committed fixtures). */
class Dl4jZipUiTest extends ImportedModelWorkbenchCase {

    Dl4jZipUiTest() {
        super(new Export("dl4j", "dl4j", "vae_encoder.zip", "vae_decoder.zip", "zip", "DL4J ComputationGraph",
                List.of("encoder.conv2 (conv2)", "latent.mu (mu)", "latent.z", "decoder.deconv2 (deconv2)"),
                List.of("encoder.conv2", "encoder.fc", "decoder.deconv2")));
    }
}
