package org.vaescope.core.interventions;

/** How {@link ActivationPatching#ablate} replaces the chosen units. */
public enum Ablation {
    /** Replace by 0. */
    ZERO,
    /** Replace by the mean activation over a reference batch (element-wise, so a channel keeps its mean map). */
    MEAN,
    /** Replace each sample's units by those of a reference sample drawn at random (seeded). */
    RESAMPLE
}
