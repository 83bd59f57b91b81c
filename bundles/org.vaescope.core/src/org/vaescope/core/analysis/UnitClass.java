package org.vaescope.core.analysis;

/** Class of a unit by its factor responses; see {@link UnitClassification#classify}. */
public enum UnitClass {
    /** Responds to no factor. */
    DEAD("dead"),
    /** Responds mainly to one factor. */
    MONOSEMANTIC("monosemantic"),
    /** Responds to several factors. */
    POLYSEMANTIC("polysemantic");

    private final String label;

    UnitClass(String label) {
        this.label = label;
    }

    /** Lower-case name used in reports, JSON and DOT. */
    public String label() {
        return label;
    }
}
