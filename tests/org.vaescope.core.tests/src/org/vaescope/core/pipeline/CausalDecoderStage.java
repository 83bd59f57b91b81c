package org.vaescope.core.pipeline;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.data.CausalShapesDataset;
import org.vaescope.core.hooks.Parameter;
import org.vaescope.core.hooks.Stage;
import org.vaescope.core.hooks.StageContext;
import org.vaescope.core.hooks.StagedModel;
import org.vaescope.core.internal.hooks.Activation;
import org.vaescope.core.internal.hooks.DenseStage;
import org.vaescope.core.runtime.Floats;

/**
 * A hand-made decoder for {@link CausalShapesDataset}: one latent per factor, an exogenous code of
 * the data's structural causal model, decoded by structural equations into factor classes and
 * rendered with the dataset's own renderer (output: logits whose sigmoid is the image).
 * <p>
 * Causal version (an additive-noise form of the dataset's SCM, same graph and same observational
 * images for the codes of {@link #codesOf}):
 * <pre>
 *   exogenous factor f:           class_f = clamp(round(z_f))
 *   factor f with parent p:       class_f = clamp(class_p + round(NOISE_GAIN · z_f))
 * </pre>
 * so z_f of an effect holds its deviation from the parent, N_f = class_f − class_p, in units of
 * 1/NOISE_GAIN classes. The gain makes z_f the latent that moves f most (a shift of δ moves f by 2δ
 * classes, the parent's latent by at most δ), so factor f's carrier argmax_i E[i,f] is its own latent
 * and no two factors share a carrier. Independent version: every class_f = clamp(round(z_f)) — the
 * same images for the codes of {@link #codesOf}, but no causal link inside the decoder.
 * <p>
 * Forward only: the latent analyses never differentiate through the decoder.
 */
final class CausalDecoderStage implements Stage {

    /** Latent units per class of an effect's noise. */
    static final double NOISE_GAIN = 2;
    /** Background and foreground are kept this far from 0 and 1 so that the logits are finite. */
    private static final double PIXEL_MARGIN = 1e-6;

    private final CausalShapesDataset dataset;
    private final boolean causal;
    private final int factorCount;

    CausalDecoderStage(CausalShapesDataset dataset, boolean causal) {
        this.dataset = dataset;
        this.causal = causal;
        this.factorCount = dataset.factors().size();
    }

    /**
     * The model {@code codes} (input, one value per factor) → {@code latent} (identity dense
     * stage: the encoder of a model whose inputs are its exogenous codes) → {@code image}.
     */
    static StagedModel model(CausalShapesDataset dataset, boolean causal) {
        int k = dataset.factors().size();
        StagedModel model = StagedModel.builder("codes", k)
                .add("latent", new DenseStage("latent", k, k, Activation.IDENTITY), "codes")
                .add("image", new CausalDecoderStage(dataset, causal), "latent")
                .build("image");
        float[] identity = new float[k * k];
        for (int i = 0; i < k; i++) {
            identity[i * k + i] = 1;
        }
        model.parameter("latent.W").set(identity);
        return model;
    }

    /** Factor classes decoded from one code vector by the structural equations above. */
    int[] classesOf(double[] z) {
        int[] classes = new int[factorCount];
        for (int f = 0; f < factorCount; f++) {
            int parent = dataset.parentOf(f);
            long value = causal && parent >= 0 ? classes[parent] + Math.round(NOISE_GAIN * z[f]) : Math.round(z[f]);
            classes[f] = (int) Math.max(0, Math.min(dataset.factors().get(f).size() - 1, value));
        }
        return classes;
    }

    /** The code that {@link #classesOf} decodes to {@code classes} (exact, no clamping needed). */
    double[] codesOf(int[] classes) {
        double[] z = new double[factorCount];
        for (int f = 0; f < factorCount; f++) {
            int parent = dataset.parentOf(f);
            z[f] = causal && parent >= 0 ? (classes[f] - classes[parent]) / NOISE_GAIN : classes[f];
        }
        return z;
    }

    /** Codes (n × factors, float32) for the given class vectors: the model inputs x. */
    INDArray inputs(int[][] classes) {
        float[] codes = new float[classes.length * factorCount];
        for (int b = 0; b < classes.length; b++) {
            double[] z = codesOf(classes[b]);
            for (int f = 0; f < factorCount; f++) {
                codes[b * factorCount + f] = (float) z[f];
            }
        }
        return Floats.array(codes, classes.length, factorCount);
    }

    @Override
    public String kind() {
        return causal ? "causal-decoder" : "independent-decoder";
    }

    @Override
    public int[] outputShape(List<int[]> inputShapes) {
        if (inputShapes.size() != 1 || !Arrays.equals(inputShapes.get(0), new int[] {factorCount})) {
            throw new IllegalArgumentException("the causal decoder reads one vector of " + factorCount + " codes");
        }
        return new int[] {dataset.channels(), dataset.height(), dataset.width()};
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public INDArray forward(List<INDArray> inputs, StageContext context) {
        float[] codes = Floats.of(inputs.get(0));
        int batch = codes.length / factorCount;
        int size = dataset.imageSize();
        float[] pixels = new float[batch * size];
        double[] z = new double[factorCount];
        for (int b = 0; b < batch; b++) {
            for (int f = 0; f < factorCount; f++) {
                z[f] = codes[b * factorCount + f];
            }
            dataset.render(classesOf(z), pixels, b * size);
        }
        for (int j = 0; j < pixels.length; j++) {
            double p = Math.max(PIXEL_MARGIN, Math.min(1 - PIXEL_MARGIN, pixels[j]));
            pixels[j] = (float) Math.log(p / (1 - p));
        }
        return Floats.array(pixels, batch, dataset.channels(), dataset.height(), dataset.width());
    }

    @Override
    public List<INDArray> backward(List<INDArray> inputs, INDArray output, INDArray outputGradient,
            StageContext context, Map<String, INDArray> parameterGradients) {
        throw new UnsupportedOperationException("the causal decoder of the tests is forward only");
    }
}
