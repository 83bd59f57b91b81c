package org.vaescope.core.imports;

/**
 * The sizes of the exported conv VAE ({@code releng/fixtures/export_onnx.py}): four stride-2 convolutions,
 * a dense layer and the μ/log σ² heads, mirrored by the decoder.
 *
 * @param widths conv1..conv4 channels, then the dense layer's width
 */
record ConvVaeShape(int[] widths, int latent, int side) {

    /** The test fixture: 1 × 32 × 32 images, widths 4, 4, 8, 8, 16, latent size 4. */
    static final ConvVaeShape FIXTURE = new ConvVaeShape(new int[] {4, 4, 8, 8, 16}, 4, 32);

    /** The import benchmark's spec model: 1 × 64 × 64 images, widths 32, 32, 64, 64, 256, latent size 10. */
    static final ConvVaeShape BENCH = new ConvVaeShape(new int[] {32, 32, 64, 64, 256}, 10, 64);

    /** Height and width of conv4's feature maps. */
    int cells() {
        return side / 16;
    }

    /** conv4's output flattened. */
    int flat() {
        return widths[3] * cells() * cells();
    }
}
