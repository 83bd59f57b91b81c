package org.vaescope.core.internal.hooks;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaescope.core.hooks.Parameter;
import org.vaescope.core.hooks.Stage;
import org.vaescope.core.hooks.StageContext;
import org.vaescope.core.runtime.Floats;

/**
 * Vector quantisation of a flat latent: the vector of size L is cut into L / d groups of d values,
 * and each group is replaced by its nearest codebook vector (Euclidean, ties to the lower index).
 * The backward pass is the straight-through estimator (∂z_q/∂z_e = I); the codebook is trained by
 * the VQ-VAE objective, not through this stage's backward pass.
 */
public final class VectorQuantizerStage implements Stage {

    private final int latentSize;
    private final int codeDim;
    private final int codebookSize;
    private final Parameter codebook;

    public VectorQuantizerStage(String name, int latentSize, int codebookSize, int codeDim) {
        if (latentSize % codeDim != 0) {
            throw new IllegalArgumentException("VQ latent size " + latentSize + " is not a multiple of code dimension "
                    + codeDim);
        }
        this.latentSize = latentSize;
        this.codeDim = codeDim;
        this.codebookSize = codebookSize;
        this.codebook = new Parameter(name + ".codebook", Nd4j.zeros(DataType.FLOAT, codebookSize, codeDim));
    }

    @Override
    public String kind() {
        return "vector-quantizer";
    }

    public Parameter codebook() {
        return codebook;
    }

    public int codeDim() {
        return codeDim;
    }

    @Override
    public int[] outputShape(List<int[]> inputShapes) {
        if (inputShapes.size() != 1 || inputShapes.get(0).length != 1 || inputShapes.get(0)[0] != latentSize) {
            throw new IllegalArgumentException("the quantizer needs one vector of size " + latentSize);
        }
        return new int[] {latentSize};
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(codebook);
    }

    @Override
    public void initialize(SplittableRandom random) {
        codebook.set(Initializers.uniform(codebookSize * codeDim, 1.0, random));
    }

    /** The code index of each group of each sample (batch·groups values, row-major). */
    public int[] assign(float[] encoded) {
        float[] book = Floats.of(codebook.value());
        int groups = encoded.length / codeDim;
        int[] codes = new int[groups];
        for (int g = 0; g < groups; g++) {
            int best = 0;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int k = 0; k < codebookSize; k++) {
                double d = 0;
                for (int j = 0; j < codeDim; j++) {
                    double diff = encoded[g * codeDim + j] - book[k * codeDim + j];
                    d += diff * diff;
                }
                if (d < bestDistance) {
                    bestDistance = d;
                    best = k;
                }
            }
            codes[g] = best;
        }
        return codes;
    }

    @Override
    public INDArray forward(List<INDArray> inputs, StageContext context) {
        float[] encoded = Floats.of(inputs.get(0));
        float[] book = Floats.of(codebook.value());
        int[] codes = assign(encoded);
        float[] quantized = new float[encoded.length];
        for (int g = 0; g < codes.length; g++) {
            System.arraycopy(book, codes[g] * codeDim, quantized, g * codeDim, codeDim);
        }
        return Floats.array(quantized, inputs.get(0).shape());
    }

    @Override
    public List<INDArray> backward(List<INDArray> inputs, INDArray output, INDArray outputGradient,
            StageContext context, Map<String, INDArray> parameterGradients) {
        return List.of(outputGradient);
    }
}
