package org.vaescope.script.ast;

/** How {@code ablate} replaces the selected activations. */
public enum AblationMode {
    /** Replace by 0. */
    ZERO,
    /** Replace by the unit's mean activation over the data. */
    MEAN,
    /** Replace by the activation of another, randomly drawn input. */
    RESAMPLE;

    /** The keyword written in scripts. */
    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
