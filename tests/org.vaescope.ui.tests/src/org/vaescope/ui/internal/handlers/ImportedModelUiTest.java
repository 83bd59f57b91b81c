package org.vaescope.ui.internal.handlers;

import java.util.List;

/** A VAE exported from PyTorch as two ONNX files ({@code releng/fixtures/export_onnx.py}). */
class ImportedModelUiTest extends ImportedModelWorkbenchCase {

    ImportedModelUiTest() {
        super(new Export("onnx", "onnx", "encoder.onnx", "decoder.onnx", "onnx", "ONNX",
                List.of("encoder.conv1 (/conv1/Conv_output_0)", "latent.mu (mu)", "latent.z",
                        "decoder.relu_4 (/Relu_4_output_0)", "output.logits (logits)"),
                List.of("encoder.relu_1", "decoder.relu_4")));
    }
}
