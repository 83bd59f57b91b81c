package org.vaescope.core.pipeline;

import java.util.List;
import java.util.SplittableRandom;
import org.vaescope.core.data.Factor;
import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.hooks.StagedModel;
import org.vaescope.core.internal.hooks.Activation;
import org.vaescope.core.internal.hooks.DenseStage;
import org.vaescope.core.runtime.Nd4jRuntime;

/**
 * Three independent factors a, b, c of 3 classes each (uniform), drawn as bar codes: a 1×3×2
 * image whose row f has its first class_f pixels set, so the pixel sum of row f is class_f. Plus
 * builders of dense networks whose units are given as weights on the three bars.
 */
final class BarCodes implements FactorDataset {

    static final int FACTORS = 3;
    static final int CLASSES = 3;
    private static final int BAR = CLASSES - 1;

    @Override
    public String name() {
        return "barcodes";
    }

    @Override
    public int channels() {
        return 1;
    }

    @Override
    public int height() {
        return FACTORS;
    }

    @Override
    public int width() {
        return BAR;
    }

    @Override
    public boolean binary() {
        return true;
    }

    @Override
    public List<Factor> factors() {
        double[] values = {0, 1, 2};
        return List.of(new Factor("a", values), new Factor("b", values), new Factor("c", values));
    }

    @Override
    public int[][] sampleFactors(int n, SplittableRandom random) {
        int[][] classes = new int[n][FACTORS];
        for (int[] c : classes) {
            for (int f = 0; f < FACTORS; f++) {
                c[f] = random.nextInt(CLASSES);
            }
        }
        return classes;
    }

    @Override
    public void render(int[] classes, float[] out, int offset) {
        for (int f = 0; f < FACTORS; f++) {
            if (classes[f] < 0 || classes[f] >= CLASSES) {
                throw new IllegalArgumentException("class " + classes[f] + " of factor " + f + " out of range");
            }
            for (int j = 0; j < BAR; j++) {
                out[offset + f * BAR + j] = j < classes[f] ? 1f : 0f;
            }
        }
    }

    /**
     * Dense weights (in × out) for units that read the bars: {@code barWeights[u][f]} is unit u's
     * weight on every pixel of row f, so its pre-activation is Σ_f barWeights[u][f] · class_f.
     */
    static float[] onBars(double[][] barWeights) {
        int in = FACTORS * BAR;
        int out = barWeights.length;
        float[] w = new float[in * out];
        for (int u = 0; u < out; u++) {
            for (int f = 0; f < FACTORS; f++) {
                for (int j = 0; j < BAR; j++) {
                    w[(f * BAR + j) * out + u] = (float) barWeights[u][f];
                }
            }
        }
        return w;
    }

    /** Dense weights (in × out) from rows given as out × in. */
    static float[] inOut(double[][] rows) {
        int out = rows.length;
        int in = rows[0].length;
        float[] w = new float[in * out];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                w[i * out + o] = (float) rows[o][i];
            }
        }
        return w;
    }

    /**
     * image → {@code h1} = ReLU(bars · W1) → {@code h2} = ReLU(h1 · W2) (the output), no biases;
     * {@code h1Bars[u]} are unit u's weights on the bars, {@code h2Rows[v]} unit v's weights on h1.
     */
    static StagedModel network(double[][] h1Bars, double[][] h2Rows) {
        Nd4jRuntime.ensureStarted();
        StagedModel model = StagedModel.builder("image", 1, FACTORS, BAR)
                .add("h1", new DenseStage("h1", FACTORS * BAR, h1Bars.length, Activation.RELU), "image")
                .add("h2", new DenseStage("h2", h1Bars.length, h2Rows.length, Activation.RELU), "h1")
                .build("h2");
        model.parameter("h1.W").set(onBars(h1Bars));
        model.parameter("h2.W").set(inOut(h2Rows));
        return model;
    }
}
