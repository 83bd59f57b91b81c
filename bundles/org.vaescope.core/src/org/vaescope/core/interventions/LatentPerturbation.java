package org.vaescope.core.interventions;

import org.vaescope.core.progress.ProgressMonitor;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.analysis.LatentEffects;
import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.hooks.HookPoint;
import org.vaescope.core.hooks.HookedModel;
import org.vaescope.core.hooks.RunOptions;
import org.vaescope.core.hooks.RunResult;
import org.vaescope.core.runtime.Floats;
import org.vaescope.core.readout.FactorReadouts;
import org.vaescope.core.runtime.Nd4jRuntime;
import org.vaescope.core.vae.VaeHooks;

/**
 * Latent-space perturbation (spec section 4, <b>our definition</b>). With z = μ(x) read at the
 * encode hook and the decoder run by feeding the decode hook:
 * <pre>
 *   O[i]   = E_x,δ ‖σ(D(z_{i←z_i+δ})) − σ(D(z))‖₂ / |δ|
 *   E[i,k] = E_x,δ d_k(σ(D(z_{i←z_i+δ})), σ(D(z)))
 * </pre>
 * d_k the change of read-out k in [0, 1] by its scale ({@link FactorReadouts#change}; for an ordinal
 * factor |Δr_k| / range_k, the spec's definition).
 * δ over a grid (default {−2, −1, 1, 2}, in latent units), r_k the {@link FactorReadouts}. Also
 * z_i ← v and traversals over a range of values. Decoding is batched.
 */
public final class LatentPerturbation {

    /** The spec's δ grid. */
    public static final double[] DEFAULT_DELTAS = {-2, -1, 1, 2};

    private final HookedModel model;
    private final String encodeHook;
    private final String decodeHook;
    private final String logVarianceHook;
    private final int latentSize;
    private final int batchSize;

    /**
     * @param encodeHook hook whose value is z = μ(x)
     * @param decodeHook hook fed with z to decode (may equal encodeHook)
     * @param batchSize  codes decoded per pass
     */
    public LatentPerturbation(HookedModel model, String encodeHook, String decodeHook, int batchSize) {
        this(model, encodeHook, decodeHook, null, batchSize);
    }

    /** @param logVarianceHook hook whose value is log σ²(x) of the Gaussian posterior, or null if there is none */
    private LatentPerturbation(HookedModel model, String encodeHook, String decodeHook, String logVarianceHook,
            int batchSize) {
        Nd4jRuntime.ensureStarted();
        HookPoint encode = model.hookPoint(encodeHook);
        HookPoint decode = model.hookPoint(decodeHook);
        if (encode.shape().length != 1 || decode.shape().length != 1 || encode.units() != decode.units()) {
            throw new IllegalArgumentException("latent hooks must be flat and of equal size: '" + encodeHook + "' is "
                    + encode.shapeText() + ", '" + decodeHook + "' is " + decode.shapeText());
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.model = model;
        this.encodeHook = encodeHook;
        this.decodeHook = decodeHook;
        this.logVarianceHook = logVarianceHook;
        this.latentSize = encode.units();
        this.batchSize = batchSize;
    }

    /**
     * Perturbation of a VAEScope VAE, 256 codes per pass: z read at {@code latent.mu} and fed at
     * {@code latent.z}, the KL from {@code latent.logvar}; for a VQ-VAE (no log-variance) fed back at
     * {@code latent.mu}, so the perturbed code passes the quantiser as the model's own codes do (see
     * {@link #afterQuantiser} for the other reading).
     */
    public static LatentPerturbation forVae(HookedModel model) {
        boolean quantised = quantised(model);
        return new LatentPerturbation(model, VaeHooks.LATENT_MU, quantised ? VaeHooks.LATENT_MU : VaeHooks.LATENT_Z,
                quantised ? null : VaeHooks.LATENT_LOGVAR, 256);
    }

    /** For a VQ-VAE: the perturbed pre-quantiser code fed to the decoder directly, skipping the quantiser. */
    public static LatentPerturbation afterQuantiser(HookedModel model) {
        return new LatentPerturbation(model, VaeHooks.LATENT_MU, VaeHooks.LATENT_Z, null, 256);
    }

    /** Whether the model's latent is quantised (a VQ-VAE: no log-variance hook). */
    public static boolean quantised(HookedModel model) {
        return model.hookPoints().stream().noneMatch(h -> h.name().equals(VaeHooks.LATENT_LOGVAR));
    }

    public int latentSize() {
        return latentSize;
    }

    /** z = μ(x) for a batch of inputs (n × latent size), as doubles, row-major. */
    public double[][] encode(INDArray inputs) {
        return posterior(inputs, false).mean();
    }

    /** μ(x) and, if asked, the KL per latent (n × latent size each; the KL is null when not asked). */
    private record Posterior(double[][] mean, double[][] kl) {
    }

    /**
     * KL(q(z_i|x) ‖ N(0, 1)) = ½(μ² + σ² − log σ² − 1) in nats; without a log-variance hook there is no
     * Gaussian posterior and every latent counts as active (KL = +∞).
     */
    private Posterior posterior(INDArray inputs, boolean withKl) {
        int n = (int) inputs.size(0);
        double[][] z = new double[n][latentSize];
        double[][] kl = withKl ? new double[n][latentSize] : null;
        boolean gaussian = withKl && logVarianceHook != null;
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            INDArray part = inputs.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to));
            RunResult run = model.run(part, gaussian ? RunOptions.defaults().capture(encodeHook, logVarianceHook)
                    : RunOptions.defaults().capture(encodeHook));
            float[] mu = Floats.of(run.activation(encodeHook));
            float[] logVariance = gaussian ? Floats.of(run.activation(logVarianceHook)) : null;
            for (int b = 0; b < to - from; b++) {
                for (int i = 0; i < latentSize; i++) {
                    double m = mu[b * latentSize + i];
                    z[from + b][i] = m;
                    if (withKl) {
                        kl[from + b][i] = gaussian ? klTerm(m, logVariance[b * latentSize + i])
                                : Double.POSITIVE_INFINITY;
                    }
                }
            }
        }
        return new Posterior(z, kl);
    }

    private static double klTerm(double mean, double logVariance) {
        return 0.5 * (mean * mean + Math.exp(logVariance) - logVariance - 1);
    }

    /**
     * Each read-out's accuracy on reconstructions σ(D(μ(x))) of {@code n} fresh dataset images against
     * their true classes: whether the read-out still sees its factor in what the model draws.
     */
    public double[] readoutAccuracyOnReconstructions(FactorDataset dataset, FactorReadouts readouts, int n, long seed) {
        int[][] classes = dataset.sampleFactors(n, new java.util.SplittableRandom(seed));
        INDArray images = Floats.array(dataset.renderAll(classes), n, dataset.channels(), dataset.height(),
                dataset.width());
        return readouts.accuracyOn(decode(encode(images)), classes);
    }

    /** σ(D(z)) for codes z (n × latent size): n × output shape. */
    public INDArray decode(double[][] z) {
        HookPoint out = model.hookPoint(model.outputHook());
        int n = z.length;
        float[] images = new float[n * out.size()];
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            float[] codes = new float[(to - from) * latentSize];
            for (int b = from; b < to; b++) {
                if (z[b].length != latentSize) {
                    throw new IllegalArgumentException("code " + b + " has " + z[b].length + " values, the latent has "
                            + latentSize);
                }
                for (int i = 0; i < latentSize; i++) {
                    codes[(b - from) * latentSize + i] = (float) z[b][i];
                }
            }
            INDArray logits = model.runFrom(decodeHook, Floats.array(codes, to - from, latentSize),
                    RunOptions.defaults()).output();
            float[] s = MetricEvaluator.sigmoid(Floats.of(logits));
            System.arraycopy(s, 0, images, from * out.size(), s.length);
        }
        return Floats.array(images, out.batchShape(n));
    }

    /** Renders n inputs drawn from {@code dataset} with {@code seed}. */
    public static INDArray sample(FactorDataset dataset, int n, long seed) {
        int[][] classes = dataset.sampleFactors(n, new java.util.SplittableRandom(seed));
        return Floats.array(dataset.renderAll(classes), n, dataset.channels(), dataset.height(), dataset.width());
    }

    /**
     * O, the KL per latent and (with read-outs) E over {@code inputs} and the δ grid, with their
     * per-input terms; {@code seed} is the seed the inputs were drawn with, recorded in the result.
     *
     * @param readouts read-outs for E, or null for O and KL only (no factors)
     */
    public LatentEffects effects(INDArray inputs, double[] deltas, FactorReadouts readouts, long seed,
            ProgressMonitor monitor) {
        ProgressMonitor progress = ProgressMonitor.orNone(monitor);
        checkDeltas(deltas);
        Posterior posterior = posterior(inputs, true);
        double[][] z = posterior.mean();
        int n = z.length;
        INDArray base = decode(z);
        float[] basePixels = Floats.of(base);
        FactorReadouts.Readings baseReadouts = readouts == null ? null : readouts.read(base);
        int factors = readouts == null ? 0 : readouts.factorCount();
        double[][] outputPerSample = new double[n][latentSize];
        double[][][] factorPerSample = new double[n][latentSize][factors];
        int size = basePixels.length / n;
        int step = 0;
        for (int i = 0; i < latentSize; i++) {
            for (double delta : deltas) {
                progress.checkCanceled("latent perturbation");
                double[][] shifted = shift(z, new int[] {i}, delta);
                INDArray images = decode(shifted);
                float[] pixels = Floats.of(images);
                for (int b = 0; b < n; b++) {
                    outputPerSample[b][i] += distance(pixels, basePixels, b * size, size) / Math.abs(delta)
                            / deltas.length;
                }
                if (readouts != null) {
                    FactorReadouts.Readings r = readouts.read(images);
                    for (int b = 0; b < n; b++) {
                        for (int k = 0; k < factors; k++) {
                            factorPerSample[b][i][k] += readouts.change(baseReadouts, b, r, b, k) / deltas.length;
                        }
                    }
                }
                progress.worked(++step, latentSize * deltas.length, "latent " + i);
            }
        }
        List<String> names = readouts == null ? List.of() : readouts.factorNames();
        return LatentEffects.fromSamples(new LatentEffects.PerSample(outputPerSample, factorPerSample, posterior.kl()),
                names, seed);
    }

    /**
     * z_i ← v for every input: the decoded images, E‖σ(D(z_{i←v})) − σ(D(z))‖₂ and, with
     * read-outs, the mean signed change of each read-out, in classes.
     */
    public LatentSetResult setValue(INDArray inputs, int latent, double value, FactorReadouts readouts, long seed) {
        checkLatent(latent);
        double[][] z = encode(inputs);
        int n = z.length;
        float[] base = Floats.of(decode(z));
        double[][] set = new double[n][];
        for (int b = 0; b < n; b++) {
            set[b] = z[b].clone();
            set[b][latent] = value;
        }
        INDArray images = decode(set);
        float[] pixels = Floats.of(images);
        int size = base.length / n;
        double change = 0;
        for (int b = 0; b < n; b++) {
            change += distance(pixels, base, b * size, size);
        }
        double[] readoutChange = null;
        if (readouts != null) {
            double[][] before = readouts.expectedClasses(Floats.array(base, images.shape()));
            double[][] after = readouts.expectedClasses(images);
            readoutChange = new double[readouts.factorCount()];
            for (int b = 0; b < n; b++) {
                for (int k = 0; k < readoutChange.length; k++) {
                    readoutChange[k] += (after[b][k] - before[b][k]) / n;
                }
            }
        }
        return new LatentSetResult(latent, value, change / n, readoutChange,
                readouts == null ? List.of() : readouts.factorNames(), images, n, seed);
    }

    /**
     * Decodes the input {@code input} (batch 1) with z_i set to each of {@code steps} evenly spaced
     * values from {@code from} to {@code to}, one grid row per latent in {@code latents}.
     */
    public ImageGrid traverse(INDArray input, int[] latents, double from, double to, int steps) {
        if (input.size(0) != 1) {
            throw new IllegalArgumentException("a traversal starts from one input, got a batch of " + input.size(0));
        }
        if (steps < 2) {
            throw new IllegalArgumentException("a traversal needs at least 2 steps, got " + steps);
        }
        double[] z = encode(input)[0];
        double[] values = new double[steps];
        for (int j = 0; j < steps; j++) {
            values[j] = from + (to - from) * j / (steps - 1);
        }
        double[][] codes = new double[latents.length * steps][];
        String[] labels = new String[latents.length];
        for (int r = 0; r < latents.length; r++) {
            checkLatent(latents[r]);
            labels[r] = "z" + latents[r];
            for (int j = 0; j < steps; j++) {
                codes[r * steps + j] = z.clone();
                codes[r * steps + j][latents[r]] = values[j];
            }
        }
        HookPoint out = model.hookPoint(model.outputHook());
        int[] shape = out.shape();
        if (shape.length != 3) {
            throw new IllegalArgumentException("a traversal grid needs image outputs (channels x height x width), the "
                    + "output is " + out.shapeText());
        }
        return new ImageGrid(latents.length, steps, shape[0], shape[1], shape[2], Floats.of(decode(codes)), labels,
                values);
    }

    /** Copies of the codes with {@code delta} added to each latent in {@code latents}. */
    double[][] shift(double[][] z, int[] latents, double delta) {
        double[][] shifted = new double[z.length][];
        for (int b = 0; b < z.length; b++) {
            shifted[b] = z[b].clone();
            for (int i : latents) {
                shifted[b][i] += delta;
            }
        }
        return shifted;
    }

    static double distance(float[] a, float[] b, int start, int size) {
        double sum = 0;
        for (int j = start; j < start + size; j++) {
            double d = a[j] - b[j];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    static void checkDeltas(double[] deltas) {
        if (deltas == null || deltas.length == 0) {
            throw new IllegalArgumentException("the delta grid is empty");
        }
        for (double d : deltas) {
            if (!(Math.abs(d) > 1e-12) || !Double.isFinite(d)) {
                throw new IllegalArgumentException("every delta must be a non-zero number, got " + d);
            }
        }
    }

    private void checkLatent(int latent) {
        if (latent < 0 || latent >= latentSize) {
            throw new IllegalArgumentException("latent " + latent + " is out of range 0.." + (latentSize - 1));
        }
    }
}
