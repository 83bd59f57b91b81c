package org.vaescope.core.interventions;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.data.Factor;
import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.hooks.StagedModel;
import org.vaescope.core.internal.hooks.Activation;
import org.vaescope.core.internal.hooks.DenseStage;
import org.vaescope.core.runtime.Floats;
import org.vaescope.core.runtime.Nd4jRuntime;

/** Hand-made networks with known weights, and a tiny dataset whose pixels are its factor classes. */
final class TestNets {

    /** W1 (3 × 4, h = W1 x): row u holds the weights of hidden unit u. */
    static final double[][] W1 = {{1.0, -2.0, 0.5, 0.0}, {0.3, 0.7, -1.1, 2.0}, {-0.4, 0.0, 0.9, 1.3}};
    /** w2 (y = w2 · h). */
    static final double[] W2 = {1.5, -0.8, 2.2};

    private TestNets() {
    }

    /** input (1×1×4) → {@code h} = W1 x (3 units) → {@code y} = w2·h (1 unit); all linear, no biases. */
    static StagedModel linear() {
        Nd4jRuntime.ensureStarted();
        StagedModel model = StagedModel.builder("input", 1, 1, 4)
                .add("h", new DenseStage("h", 4, 3, Activation.IDENTITY), "input")
                .add("y", new DenseStage("y", 3, 1, Activation.IDENTITY), "h")
                .build("y");
        model.parameter("h.W").set(transposeToInOut(W1));
        model.parameter("y.W").set(transposeToInOut(new double[][] {W2}));
        return model;
    }

    /** DenseStage weights are in × out; {@code rows} is out × in. */
    static float[] transposeToInOut(double[][] rows) {
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

    static double[] hidden(double[] x) {
        double[] h = new double[W1.length];
        for (int u = 0; u < h.length; u++) {
            for (int i = 0; i < x.length; i++) {
                h[u] += W1[u][i] * x[i];
            }
        }
        return h;
    }

    static double output(double[] h) {
        double y = 0;
        for (int u = 0; u < h.length; u++) {
            y += W2[u] * h[u];
        }
        return y;
    }

    /** n random inputs (n × 1 × 1 × 4) with values in [−1, 1]. */
    static INDArray inputs(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[n * 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return Floats.array(v, n, 1, 1, 4);
    }

    static double[] row(INDArray batch, int b) {
        float[] all = Floats.of(batch);
        double[] r = new double[4];
        for (int i = 0; i < 4; i++) {
            r[i] = all[b * 4 + i];
        }
        return r;
    }

    /** Two factors a (2 classes) and b (3 classes); image = (class a, class b, 0, 0) as a 1×1×4 array. */
    static final class PixelFactors implements FactorDataset {
        @Override
        public String name() {
            return "pixelfactors";
        }

        @Override
        public int channels() {
            return 1;
        }

        @Override
        public int height() {
            return 1;
        }

        @Override
        public int width() {
            return 4;
        }

        @Override
        public boolean binary() {
            return false;
        }

        @Override
        public List<Factor> factors() {
            return List.of(new Factor("a", new double[] {0, 1}), new Factor("b", new double[] {0, 1, 2}),
                    new Factor("constant", new double[] {7}));
        }

        @Override
        public int[][] sampleFactors(int n, SplittableRandom random) {
            int[][] c = new int[n][];
            for (int i = 0; i < n; i++) {
                c[i] = new int[] {random.nextInt(2), random.nextInt(3), 0};
            }
            return c;
        }

        @Override
        public void render(int[] classes, float[] out, int offset) {
            out[offset] = classes[0];
            out[offset + 1] = classes[1];
            out[offset + 2] = 0;
            out[offset + 3] = 0;
        }
    }
}
