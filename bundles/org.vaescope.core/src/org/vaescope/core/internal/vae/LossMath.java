package org.vaescope.core.internal.vae;

import org.vaescope.core.vae.Likelihood;

/** The loss terms shared by the variants, on plain arrays (batch-major), with their gradients. */
final class LossMath {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private LossMath() {
    }

    /**
     * Mean over the batch of the per-image reconstruction loss; writes ∂/∂logits into {@code grad}.
     * Bernoulli: Σ softplus(l) − x·l; Gaussian: Σ (σ(l) − x)².
     */
    static double reconstruction(Likelihood likelihood, float[] logits, float[] x, int batch, float[] grad) {
        double total = 0;
        double invBatch = 1.0 / batch;
        for (int i = 0; i < logits.length; i++) {
            double l = logits[i];
            double s = sigmoid(l);
            if (likelihood == Likelihood.BERNOULLI) {
                total += Math.max(l, 0) - l * x[i] + Math.log1p(Math.exp(-Math.abs(l)));
                grad[i] = (float) ((s - x[i]) * invBatch);
            } else {
                double diff = s - x[i];
                total += diff * diff;
                grad[i] = (float) (2 * diff * s * (1 - s) * invBatch);
            }
        }
        return total * invBatch;
    }

    static double sigmoid(double l) {
        return l >= 0 ? 1 / (1 + Math.exp(-l)) : Math.exp(l) / (1 + Math.exp(l));
    }

    /**
     * KL(q(z|x) ‖ N(0, I)) averaged over the batch: Σ_d ½(μ² + e^{lv} − lv − 1). Adds
     * {@code weight}·∂KL/∂μ, ∂KL/∂lv into the gradient arrays and writes the per-dimension KL.
     */
    static double kl(float[] mu, float[] logvar, int batch, int dims, double weight, float[] gradMu,
            float[] gradLogvar, double[] perDimension) {
        double total = 0;
        for (int b = 0; b < batch; b++) {
            for (int d = 0; d < dims; d++) {
                int i = b * dims + d;
                double e = Math.exp(logvar[i]);
                double k = 0.5 * (mu[i] * (double) mu[i] + e - logvar[i] - 1);
                perDimension[d] += k / batch;
                total += k;
                gradMu[i] += (float) (weight * mu[i] / batch);
                gradLogvar[i] += (float) (weight * 0.5 * (e - 1) / batch);
            }
        }
        return total / batch;
    }

    /**
     * Total correlation by minibatch-weighted sampling (disentanglement_lib's beta-TC-VAE):
     * with log q(z_i,d | j) = log N(z_i,d; μ_j,d, e^{lv_j,d}),
     * TC = mean_i [ logsumexp_j Σ_d log q(z_i,d | j) − Σ_d logsumexp_j log q(z_i,d | j) ] + (D − 1) log B.
     * disentanglement_lib drops the constant (D − 1) log B (it does not change the gradient); it is
     * kept here so that the reported value is the minibatch estimate of TC, near 0 for independent
     * codes, instead of a number offset by −(D − 1) log B.
     * Adds {@code weight}·∂TC/∂(z, μ, lv) into the gradient arrays.
     */
    static double totalCorrelation(float[] z, float[] mu, float[] logvar, int batch, int dims, double weight,
            float[] gradZ, float[] gradMu, float[] gradLogvar) {
        double[][][] logq = new double[batch][batch][dims];
        for (int i = 0; i < batch; i++) {
            for (int j = 0; j < batch; j++) {
                for (int d = 0; d < dims; d++) {
                    double diff = z[i * dims + d] - mu[j * dims + d];
                    double lv = logvar[j * dims + d];
                    logq[i][j][d] = -0.5 * (LOG_2PI + lv + diff * diff * Math.exp(-lv));
                }
            }
        }
        double tc = 0;
        for (int i = 0; i < batch; i++) {
            // joint: softmax over j of S_ij = Σ_d logq
            double[] s = new double[batch];
            for (int j = 0; j < batch; j++) {
                for (int d = 0; d < dims; d++) {
                    s[j] += logq[i][j][d];
                }
            }
            double lseJoint = logSumExp(s);
            double lseMarginals = 0;
            double[][] marginalSoftmax = new double[dims][];
            for (int d = 0; d < dims; d++) {
                double[] column = new double[batch];
                for (int j = 0; j < batch; j++) {
                    column[j] = logq[i][j][d];
                }
                double lse = logSumExp(column);
                lseMarginals += lse;
                for (int j = 0; j < batch; j++) {
                    column[j] = Math.exp(column[j] - lse);
                }
                marginalSoftmax[d] = column;
            }
            tc += lseJoint - lseMarginals;
            for (int j = 0; j < batch; j++) {
                double jointWeight = Math.exp(s[j] - lseJoint);
                for (int d = 0; d < dims; d++) {
                    double g = weight * (jointWeight - marginalSoftmax[d][j]) / batch;
                    if (g == 0) {
                        continue;
                    }
                    int zi = i * dims + d;
                    int mj = j * dims + d;
                    double precision = Math.exp(-logvar[mj]);
                    double diff = z[zi] - mu[mj];
                    gradZ[zi] += (float) (g * -diff * precision);
                    gradMu[mj] += (float) (g * diff * precision);
                    gradLogvar[mj] += (float) (g * (-0.5 + 0.5 * diff * diff * precision));
                }
            }
        }
        return tc / batch + (dims - 1) * Math.log(batch);
    }

    static double logSumExp(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            max = Math.max(max, x);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double x : v) {
            sum += Math.exp(x - max);
        }
        return max + Math.log(sum);
    }

    /**
     * DIP-VAE-II regulariser on C = Cov_b[μ_b] + diag(mean_b e^{lv_b}):
     * λ_od Σ_{i≠j} C_ij² + λ_d Σ_i (C_ii − 1)². Adds its gradient into the arrays.
     */
    static double dipRegularizer(float[] mu, float[] logvar, int batch, int dims, double lambdaOd, double lambdaD,
            float[] gradMu, float[] gradLogvar) {
        double[] mean = new double[dims];
        for (int b = 0; b < batch; b++) {
            for (int d = 0; d < dims; d++) {
                mean[d] += mu[b * dims + d] / (double) batch;
            }
        }
        double[][] c = new double[dims][dims];
        double[] meanVariance = new double[dims];
        for (int b = 0; b < batch; b++) {
            for (int d = 0; d < dims; d++) {
                double cd = mu[b * dims + d] - mean[d];
                for (int e = 0; e < dims; e++) {
                    c[d][e] += cd * (mu[b * dims + e] - mean[e]) / batch;
                }
                meanVariance[d] += Math.exp(logvar[b * dims + d]) / batch;
            }
        }
        double penalty = 0;
        double[][] g = new double[dims][dims];
        for (int d = 0; d < dims; d++) {
            c[d][d] += meanVariance[d];
            for (int e = 0; e < dims; e++) {
                if (d == e) {
                    penalty += lambdaD * (c[d][d] - 1) * (c[d][d] - 1);
                    g[d][d] = 2 * lambdaD * (c[d][d] - 1);
                } else {
                    penalty += lambdaOd * c[d][e] * c[d][e];
                    g[d][e] = 2 * lambdaOd * c[d][e];
                }
            }
        }
        for (int b = 0; b < batch; b++) {
            for (int d = 0; d < dims; d++) {
                double sum = 0;
                for (int e = 0; e < dims; e++) {
                    sum += (g[d][e] + g[e][d]) * (mu[b * dims + e] - mean[e]);
                }
                gradMu[b * dims + d] += (float) (sum / batch);
                gradLogvar[b * dims + d] += (float) (g[d][d] * Math.exp(logvar[b * dims + d]) / batch);
            }
        }
        return penalty;
    }
}
