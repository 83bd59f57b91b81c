package org.vaescope.core.vae;

import java.util.Locale;

/**
 * The reconstruction term, computed from decoder logits l and images x, summed over pixels and
 * averaged over the batch (disentanglement_lib's {@code bernoulli_loss} and {@code l2_loss}).
 */
public enum Likelihood {
    /** −log p(x | l) = Σ softplus(l) − x·l: for binary images. */
    BERNOULLI,
    /** Σ (σ(l) − x)²: for continuous images in [0, 1]. */
    GAUSSIAN;

    /** Bernoulli for binary datasets, Gaussian otherwise. */
    public static Likelihood forImages(boolean binary) {
        return binary ? BERNOULLI : GAUSSIAN;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code bernoulli} or {@code gaussian}. */
    public static Likelihood parse(String text) {
        for (Likelihood l : values()) {
            if (l.id().equalsIgnoreCase(text.trim())) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown likelihood '" + text + "' (known: bernoulli, gaussian)");
    }
}
