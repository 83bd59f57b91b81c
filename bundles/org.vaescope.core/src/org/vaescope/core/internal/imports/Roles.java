package org.vaescope.core.internal.imports;

/**
 * VAE roles given by hand (a roles file beside the model) where the graph alone is ambiguous; a null
 * field is detected from the graph as usual.
 *
 * @param source         how to name the roles file in messages, e.g. {@code vae.roles.json}
 * @param image          the encoder input holding the image
 * @param imageShape     the image's channels, height and width
 * @param mu             the output holding μ
 * @param logvar         the output holding log σ²
 * @param decoderInput   the decoder input reading z
 * @param reconstruction the output holding the reconstruction
 * @param probabilities  true if the reconstruction is probabilities (after a sigmoid), false if logits
 */
public record Roles(String source, String image, int[] imageShape, String mu, String logvar, String decoderInput,
        String reconstruction, Boolean probabilities) {

    /** No roles given: everything is detected. */
    public static final Roles NONE = new Roles("MODEL.roles.json", null, null, null, null, null, null, null);

    /** These roles with the image shape {@code shape}. */
    public Roles withImageShape(int[] shape) {
        return new Roles(source, image, shape, mu, logvar, decoderInput, reconstruction, probabilities);
    }

    /** How a user gives roles, for error messages about ambiguous models. */
    public String howToGive(String example) {
        return "name them in a roles file beside the model, " + source + ", e.g. " + example;
    }
}
