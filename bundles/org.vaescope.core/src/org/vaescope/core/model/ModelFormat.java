package org.vaescope.core.model;

/** The saved-model formats VAEScope opens. */
public enum ModelFormat {
    /** A DL4J {@code MultiLayerNetwork} zip written by {@code ModelSerializer}. */
    DL4J_MULTI_LAYER("DL4J MultiLayerNetwork"),
    /** A DL4J {@code ComputationGraph} zip written by {@code ModelSerializer}. */
    DL4J_COMPUTATION_GRAPH("DL4J ComputationGraph"),
    /** A SameDiff graph saved as FlatBuffers by {@code SameDiff.save}. */
    SAMEDIFF("SameDiff graph"),
    /** An ONNX graph, e.g. written by {@code torch.onnx.export}. */
    ONNX("ONNX graph"),
    /** A Keras 2 model saved as HDF5 by {@code model.save("m.h5")}. */
    KERAS("Keras HDF5 model"),
    /** A VAEScope model ({@code .vsm}): weights plus training metadata. */
    VAESCOPE("VAEScope model");

    private final String label;

    ModelFormat(String label) {
        this.label = label;
    }

    /** Human-readable name of the format. */
    public String label() {
        return label;
    }
}
