package org.vaescope.core.interventions;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.hooks.ActivationOverride;
import org.vaescope.core.hooks.HookedModel;
import org.vaescope.core.hooks.RunOptions;
import org.vaescope.core.hooks.RunResult;
import org.vaescope.core.runtime.Floats;
import org.vaescope.core.runtime.Nd4jRuntime;

/**
 * Causal mediation analysis (spec section 4, <b>our definition</b>) of a factor change a → b with
 * mediator M (units of one hook point) and outcome Y (a {@link Measure}):
 * <pre>
 *   TE  = E[Y(x_b) − Y(x_a)]
 *   NIE = E[Y(x_a; M ← M(x_b)) − Y(x_a)]
 *   NDE = E[Y(x_b; M ← M(x_a)) − Y(x_a)]
 * </pre>
 * over pairs (x_a, x_b) = (base, changed) equal in every other factor. M ← M(x) is an
 * {@link ActivationOverride#patch} of the mediator units. A reconstruction outcome is the distance
 * ‖σ(D(·)) − σ(D(x_a))‖₂ to the reconstruction of x_a. For a linear network y = w2·(W1 x) with
 * mediator h = W1 x restricted to S: NIE = w2_S·(h_S(x_b) − h_S(x_a)) and NDE = TE − NIE.
 */
public final class CausalMediation {

    private CausalMediation() {
    }

    /** Mediation of factor {@code factor} changing from class {@code from} to {@code to}, on n pairs. */
    public static MediationResult mediate(HookedModel model, FactorDataset dataset, int factor, int from, int to, int n,
            long seed, Mediator mediator, Measure outcome, int batchSize) {
        return mediate(model, Pairs.factorChange(dataset, factor, from, to, n, seed), mediator, outcome, batchSize);
    }

    /** Mediation over given pairs (x_a = base, x_b = changed). */
    public static MediationResult mediate(HookedModel model, Pairs pairs, Mediator mediator, Measure outcome,
            int batchSize) {
        Nd4jRuntime.ensureStarted();
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        MetricEvaluator metric = MetricEvaluator.of(outcome, model);
        String hook = mediator.hook();
        model.hookPoint(hook);
        int[] units = mediator.units();
        int n = pairs.size();
        double[] ya = new double[n];
        double[] yb = new double[n];
        double[] yaMb = new double[n];
        double[] ybMa = new double[n];
        RunOptions capture = RunOptions.defaults().capture(hook, metric.hook());
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            INDArray xa = pairs.base(start, end);
            INDArray xb = pairs.changed(start, end);
            RunResult a = model.run(xa, capture);
            RunResult b = model.run(xb, capture);
            float[] reference = metric.needsReference() ? MetricEvaluator.sigmoid(Floats.of(a.output())) : null;
            RunResult aWithMb = model.run(xa, RunOptions.defaults().capture(metric.hook())
                    .override(ActivationOverride.patch(hook, units, b.activation(hook))));
            RunResult bWithMa = model.run(xb, RunOptions.defaults().capture(metric.hook())
                    .override(ActivationOverride.patch(hook, units, a.activation(hook))));
            ActivationPatching.copy(metric.values(a.activation(metric.hook()), reference), ya, start);
            ActivationPatching.copy(metric.values(b.activation(metric.hook()), reference), yb, start);
            ActivationPatching.copy(metric.values(aWithMb.activation(metric.hook()), reference), yaMb, start);
            ActivationPatching.copy(metric.values(bWithMa.activation(metric.hook()), reference), ybMa, start);
        }
        return new MediationResult(mediator, outcome.describe(), ya, yb, yaMb, ybMa, pairs.seed(), pairs.description());
    }
}
