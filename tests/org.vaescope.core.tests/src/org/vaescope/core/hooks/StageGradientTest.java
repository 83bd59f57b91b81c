package org.vaescope.core.hooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaescope.core.internal.hooks.Activation;
import org.vaescope.core.internal.hooks.ConvStage;
import org.vaescope.core.internal.hooks.DenseStage;
import org.vaescope.core.internal.hooks.GaussianSamplerStage;
import org.vaescope.core.internal.hooks.VectorQuantizerStage;
import org.vaescope.core.runtime.Floats;
import org.vaescope.core.runtime.Nd4jRuntime;

/**
 * Every stage type's vector–Jacobian product against central finite differences of its forward pass,
 * in random directions of each parameter and each input: for m = Σ w ⊙ stage(x; θ) and a random
 * direction v, (m(θ + εv) − m(θ − εv)) / 2ε must equal ⟨∂m/∂θ, v⟩ from {@link Stage#backward}.
 */
class StageGradientTest {

    /** Stages compute in float32: a larger step keeps rounding out of the differences (linear maps have no truncation error). */
    private static final double EPS = 1e-2;

    @BeforeAll
    static void start() {
        Nd4jRuntime.ensureStarted();
    }

    @Test
    void dense() {
        DenseStage stage = new DenseStage("d", 12, 5, Activation.LEAKY_RELU);
        check(stage, List.of(random(1, 3, 12)), StageContext::deterministic, 2);
        check(new DenseStage("d2", 24, 8, Activation.IDENTITY, 2, 2, 2), List.of(random(3, 3, 2, 3, 4)),
                StageContext::deterministic, 4);
    }

    // conv and deconv stages are checked without a kink: a step of ε moves a few of their many outputs across
    // the activation's kink, which finite differences then see as a change of slope; the activation's own
    // derivative is checked on the dense stage and on whole models (GradientTest)

    @Test
    void convolution() {
        check(ConvStage.conv("c", new int[] {3, 8, 8}, 4, 4, 2, Activation.IDENTITY), List.of(random(5, 2, 3, 8, 8)),
                StageContext::deterministic, 6);
        check(ConvStage.conv("c3", new int[] {2, 7, 7}, 3, 3, 2, Activation.IDENTITY),
                List.of(random(7, 2, 2, 7, 7)), StageContext::deterministic, 8);
    }

    @Test
    void transposedConvolution() {
        check(ConvStage.deconv("t", new int[] {3, 4, 4}, 2, 4, 2, Activation.IDENTITY), List.of(random(9, 2, 3, 4, 4)),
                StageContext::deterministic, 10);
        check(ConvStage.deconv("t3", new int[] {2, 3, 3}, 3, 3, 2, Activation.IDENTITY), List.of(random(11, 2, 18)),
                StageContext::deterministic, 12);
    }

    /** With the noise fixed by the seed, z = μ + exp(½ log σ²)·ε is smooth in both inputs. */
    @Test
    void gaussianSampler() {
        check(new GaussianSamplerStage(), List.of(random(13, 4, 6), random(14, 4, 6).muli(0.5)),
                () -> StageContext.sampling(99), 15);
    }

    /**
     * The quantiser's output is piecewise constant in its input (finite differences see 0; its
     * backward is the straight-through estimator, the identity, by definition) and picks codebook
     * rows, so its derivative along a codebook direction v is Σ over groups of w_g · v[code of g].
     */
    @Test
    void vectorQuantizer() {
        VectorQuantizerStage stage = new VectorQuantizerStage("q", 6, 5, 2);
        stage.initialize(new SplittableRandom(16));
        INDArray x = random(17, 3, 6);
        INDArray w = random(18, 3, 6);
        INDArray v = random(19, 3, 6);
        assertEquals(0, directional(stage, List.of(x), -1, v, w, StageContext::deterministic), 1e-9,
                "finite differences along the input");
        assertArrayEquals(Floats.of(w), Floats.of(stage.backward(List.of(x), stage.forward(List.of(x),
                StageContext.deterministic()), w, StageContext.deterministic(), null).get(0)), 0f, "straight-through");

        INDArray book = stage.codebook().value();
        INDArray direction = random(20, 5, 2);
        int[] codes = stage.assign(Floats.of(x));
        double expected = 0;
        float[] weights = Floats.of(w);
        float[] d = Floats.of(direction);
        for (int g = 0; g < codes.length; g++) {
            for (int j = 0; j < 2; j++) {
                expected += weights[g * 2 + j] * d[codes[g] * 2 + j];
            }
        }
        assertEquals(expected, directionalInParameter(stage, List.of(x), book, direction, w,
                StageContext::deterministic), 1e-3 * (1 + Math.abs(expected)), "along the codebook");
    }

    /** Compares every parameter's and every input's directional derivative with finite differences. */
    private static void check(Stage stage, List<INDArray> inputs, Supplier<StageContext> context, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (Parameter p : stage.parameters()) {
            p.set(floats(random(random.nextLong(), p.shape())));
        }
        INDArray output = stage.forward(inputs, context.get());
        INDArray w = random(random.nextLong(), output.shape());
        Map<String, INDArray> parameterGradients = new HashMap<>();
        List<INDArray> inputGradients = stage.backward(inputs, output, w, context.get(), parameterGradients);
        for (Parameter p : stage.parameters()) {
            INDArray v = random(random.nextLong(), p.shape());
            double analytic = parameterGradients.get(p.name()).castTo(DataType.DOUBLE).mul(v.castTo(DataType.DOUBLE))
                    .sumNumber().doubleValue();
            double numeric = directionalInParameter(stage, inputs, p.value(), v, w, context);
            assertEquals(numeric, analytic, 2e-3 * (1 + Math.abs(numeric)), stage.kind() + " " + p.name());
        }
        for (int k = 0; k < inputs.size(); k++) {
            INDArray v = random(random.nextLong(), inputs.get(k).shape());
            double analytic = inputGradients.get(k).castTo(DataType.DOUBLE).mul(v.castTo(DataType.DOUBLE))
                    .sumNumber().doubleValue();
            double numeric = directional(stage, inputs, k, v, w, context);
            assertEquals(numeric, analytic, 2e-3 * (1 + Math.abs(numeric)), stage.kind() + " input " + k);
        }
    }

    /** Central difference of m along v in input k (k = -1: input 0, for a stage that must not move). */
    private static double directional(Stage stage, List<INDArray> inputs, int k, INDArray v, INDArray w,
            Supplier<StageContext> context) {
        int index = Math.max(k, 0);
        List<INDArray> plus = new ArrayList<>(inputs);
        List<INDArray> minus = new ArrayList<>(inputs);
        plus.set(index, inputs.get(index).add(v.mul(EPS)));
        minus.set(index, inputs.get(index).sub(v.mul(EPS)));
        return (measure(stage, plus, w, context) - measure(stage, minus, w, context)) / (2 * EPS);
    }

    private static double directionalInParameter(Stage stage, List<INDArray> inputs, INDArray parameter, INDArray v,
            INDArray w, Supplier<StageContext> context) {
        INDArray original = parameter.dup();
        parameter.addi(v.mul(EPS));
        double plus = measure(stage, inputs, w, context);
        parameter.assign(original).subi(v.mul(EPS));
        double minus = measure(stage, inputs, w, context);
        parameter.assign(original);
        return (plus - minus) / (2 * EPS);
    }

    private static double measure(Stage stage, List<INDArray> inputs, INDArray w, Supplier<StageContext> context) {
        INDArray y = stage.forward(inputs, context.get());
        return y.castTo(DataType.DOUBLE).mul(w.castTo(DataType.DOUBLE).reshape(y.shape())).sumNumber().doubleValue();
    }

    private static INDArray random(long seed, long... shape) {
        SplittableRandom random = new SplittableRandom(seed);
        INDArray a = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        float[] values = new float[(int) a.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextDouble() * 2 - 1);
        }
        Floats.fill(a, values);
        return a;
    }

    private static INDArray random(long seed, int... shape) {
        long[] s = new long[shape.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = shape[i];
        }
        return random(seed, s);
    }

    private static float[] floats(INDArray a) {
        return Floats.of(a);
    }
}
