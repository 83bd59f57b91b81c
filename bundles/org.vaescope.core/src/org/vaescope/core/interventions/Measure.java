package org.vaescope.core.interventions;

import org.vaescope.core.readout.FactorReadouts;
import org.vaescope.core.vae.VaeHooks;

/**
 * The scalar m(x) an intervention measures per input (the metric of activation patching and
 * attribution, the outcome Y of mediation).
 * <ul>
 * <li>{@link Unit}: the value of one unit of a hook point (for a convolutional hook, the channel's
 * spatial mean); {@link #latent(int)} is unit i of {@code latent.mu}, the latent mean μ_i.</li>
 * <li>{@link Readout}: r_k(σ(logits)), the factor read-out of the decoded image.</li>
 * <li>{@link Reconstruction}: ‖σ(logits) − ref‖₂, the distance of the decoded image to a reference
 * image chosen by the analysis: the source input's reconstruction for patching and attribution (so
 * m(x_s) = 0), the clean reconstruction for ablation, the reconstruction of x_a for mediation.</li>
 * </ul>
 * The model's output hook is taken to hold logits, as in every VAEScope VAE.
 */
public sealed interface Measure {

    /** A readable name such as {@code latent.mu[2]}, {@code readout posX} or {@code reconstruction}. */
    String describe();

    /** Unit {@code unit} of {@code hook}: its value, or its spatial mean for a channel. */
    record Unit(String hook, int unit) implements Measure {
        public Unit {
            if (hook == null || hook.isBlank()) {
                throw new IllegalArgumentException("a unit measure needs a hook point name");
            }
            if (unit < 0) {
                throw new IllegalArgumentException("unit index must not be negative, got " + unit);
            }
        }

        @Override
        public String describe() {
            return hook + "[" + unit + "]";
        }
    }

    /** The read-out of factor {@code factor} (an index of {@link FactorReadouts#factorNames()}). */
    record Readout(FactorReadouts readouts, int factor) implements Measure {
        public Readout {
            if (readouts == null) {
                throw new IllegalArgumentException("a read-out measure needs trained read-outs");
            }
            readouts.range(factor);
        }

        @Override
        public String describe() {
            return "readout " + readouts.factorNames().get(factor);
        }
    }

    /** Distance of the decoded image to the analysis' reference image. */
    record Reconstruction() implements Measure {
        @Override
        public String describe() {
            return "reconstruction";
        }
    }

    /** μ_i, unit i of {@link VaeHooks#LATENT_MU}. */
    static Measure latent(int i) {
        return new Unit(VaeHooks.LATENT_MU, i);
    }

    /** The read-out of the factor with this name. */
    static Measure readout(FactorReadouts readouts, String factorName) {
        return new Readout(readouts, readouts.index(factorName));
    }

    static Measure reconstruction() {
        return new Reconstruction();
    }
}
