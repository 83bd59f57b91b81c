package org.vaescope.core.readout;

import java.util.SplittableRandom;
import org.vaescope.core.internal.training.Adam;

/**
 * features → ReLU(x·W1 + b1) → logits = h·W2 + b2, the logits cut into one softmax head per factor
 * (head k owns columns offsets[k] .. offsets[k+1]−1). Trained with Adam on the summed cross-entropy.
 * <p>
 * Plain Java arrays: the network is small, and single-threaded loops are fast, deterministic and
 * unaffected by BLAS threads competing for a busy CPU.
 */
final class ReadoutNetwork {

    final int inputs;
    final int hidden;
    final int outputs;
    final int[] offsets;
    private final float[][] params;
    private final Adam.OnHeap adam;

    ReadoutNetwork(int inputs, int hidden, int[] classCounts, SplittableRandom random) {
        this.inputs = inputs;
        this.hidden = hidden;
        this.offsets = new int[classCounts.length + 1];
        for (int k = 0; k < classCounts.length; k++) {
            offsets[k + 1] = offsets[k] + classCounts[k];
        }
        this.outputs = offsets[classCounts.length];
        params = new float[][] {glorot(inputs, hidden, random), new float[hidden], glorot(hidden, outputs, random),
            new float[outputs]};
        adam = new Adam.OnHeap(params);
    }

    private static float[] glorot(int in, int out, SplittableRandom random) {
        double limit = Math.sqrt(6.0 / (in + out));
        float[] w = new float[in * out];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
        }
        return w;
    }

    int heads() {
        return offsets.length - 1;
    }

    /** out (n × cols) = a (n × inner) · w (inner × cols) + bias. */
    private static float[] affine(float[] a, int n, int inner, float[] w, int cols, float[] bias) {
        float[] out = new float[n * cols];
        for (int b = 0; b < n; b++) {
            int o = b * cols;
            System.arraycopy(bias, 0, out, o, cols);
            for (int i = 0; i < inner; i++) {
                float v = a[b * inner + i];
                if (v == 0f) {
                    continue;
                }
                int row = i * cols;
                for (int j = 0; j < cols; j++) {
                    out[o + j] += v * w[row + j];
                }
            }
        }
        return out;
    }

    /** out (n × inner) = g (n × cols) · wᵀ, w being inner × cols. */
    private static float[] backThrough(float[] g, int n, int cols, float[] w, int inner) {
        float[] out = new float[n * inner];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < inner; i++) {
                int row = i * cols;
                int gRow = b * cols;
                float sum = 0;
                for (int j = 0; j < cols; j++) {
                    sum += g[gRow + j] * w[row + j];
                }
                out[b * inner + i] = sum;
            }
        }
        return out;
    }

    /** Hidden activations (n × hidden) of features x (n × inputs). */
    float[] hiddenOf(float[] x, int n) {
        float[] h = affine(x, n, inputs, params[0], hidden, params[1]);
        for (int i = 0; i < h.length; i++) {
            h[i] = Math.max(0f, h[i]);
        }
        return h;
    }

    /** Per-head softmax probabilities (n × outputs) for hidden activations h. */
    float[] probabilities(float[] h, int n) {
        float[] p = affine(h, n, hidden, params[2], outputs, params[3]);
        for (int b = 0; b < n; b++) {
            for (int k = 0; k < heads(); k++) {
                softmaxInPlace(p, b * outputs + offsets[k], b * outputs + offsets[k + 1]);
            }
        }
        return p;
    }

    private static void softmaxInPlace(float[] v, int from, int to) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            max = Math.max(max, v[i]);
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            double e = Math.exp(v[i] - max);
            v[i] = (float) e;
            sum += e;
        }
        for (int i = from; i < to; i++) {
            v[i] = (float) (v[i] / sum);
        }
    }

    /** One Adam step on a minibatch x (n × inputs); labels[b][k] is the class of head k. Returns the mean loss. */
    double trainStep(float[] x, int n, int[][] labels, double learningRate) {
        float[] h = hiddenOf(x, n);
        float[] p = probabilities(h, n);
        double loss = 0;
        float[] g = p;
        for (int b = 0; b < n; b++) {
            for (int k = 0; k < heads(); k++) {
                int index = b * outputs + offsets[k] + labels[b][k];
                loss -= Math.log(Math.max(p[index], 1e-12));
                g[index] -= 1;
            }
        }
        for (int i = 0; i < g.length; i++) {
            g[i] /= n;
        }
        float[][] grads = new float[4][];
        grads[2] = outerSum(h, g, n, hidden, outputs);
        grads[3] = columnSum(g, n, outputs);
        float[] dh = backThrough(g, n, outputs, params[2], hidden);
        for (int i = 0; i < dh.length; i++) {
            if (h[i] <= 0f) {
                dh[i] = 0f;
            }
        }
        grads[0] = outerSum(x, dh, n, inputs, hidden);
        grads[1] = columnSum(dh, n, hidden);
        adam.step(grads, learningRate);
        return loss / n;
    }

    /** aᵀ · g: (rows × cols) from a (n × rows) and g (n × cols). */
    private static float[] outerSum(float[] a, float[] g, int n, int rows, int cols) {
        float[] out = new float[rows * cols];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < rows; i++) {
                float v = a[b * rows + i];
                if (v == 0f) {
                    continue;
                }
                int row = i * cols;
                int gRow = b * cols;
                for (int j = 0; j < cols; j++) {
                    out[row + j] += v * g[gRow + j];
                }
            }
        }
        return out;
    }

    private static float[] columnSum(float[] g, int n, int cols) {
        float[] out = new float[cols];
        for (int b = 0; b < n; b++) {
            for (int j = 0; j < cols; j++) {
                out[j] += g[b * cols + j];
            }
        }
        return out;
    }

    /**
     * ∂r/∂features (n × inputs) for the expected-class read-out r = Σ_c c·p_c of head {@code head}:
     * ∂r/∂logit_c = p_c (c − r), then back through W2, the ReLU and W1.
     */
    float[] expectedClassGradient(float[] x, int n, int head) {
        float[] h = hiddenOf(x, n);
        float[] p = probabilities(h, n);
        float[] g = new float[n * outputs];
        int classes = offsets[head + 1] - offsets[head];
        for (int b = 0; b < n; b++) {
            int base = b * outputs + offsets[head];
            double r = 0;
            for (int c = 0; c < classes; c++) {
                r += c * p[base + c];
            }
            for (int c = 0; c < classes; c++) {
                g[base + c] = (float) (p[base + c] * (c - r));
            }
        }
        float[] dh = backThrough(g, n, outputs, params[2], hidden);
        for (int i = 0; i < dh.length; i++) {
            if (h[i] <= 0f) {
                dh[i] = 0f;
            }
        }
        return backThrough(dh, n, hidden, params[0], inputs);
    }
}
