package org.vaescope.cli.internal.bench;

import java.util.List;
import java.util.Locale;
import org.vaescope.core.data.DSpritesDataset;
import org.vaescope.core.hooks.HookPoint;
import org.vaescope.core.interventions.ActivationPatching;
import org.vaescope.core.interventions.AttributionPatching;
import org.vaescope.core.interventions.AttributionResult;
import org.vaescope.core.interventions.Measure;
import org.vaescope.core.interventions.Pairs;
import org.vaescope.core.interventions.PatchingSweep;
import org.vaescope.core.progress.ProgressMonitor;
import org.vaescope.core.runtime.Nd4jRuntime;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.Likelihood;
import org.vaescope.core.vae.VaeModel;
import org.vaescope.core.vae.Variant;
import org.vaescope.core.vae.VariantConfig;

/**
 * Times an exact full patching sweep (every unit of every hook point) against attribution patching
 * on the spec's convolutional VAE for 64×64 dSprites (untrained weights: the cost does not depend on
 * them). Arguments: [pairs (16)] [measure: reconstruction | latent (reconstruction)]
 * [memory budget MiB (256)] [seed (1)].
 */
public final class InterventionBenchmark {

    private InterventionBenchmark() {
    }

    public static void main(String[] args) {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        String which = args.length > 1 ? args[1] : "reconstruction";
        long budget = (args.length > 2 ? Long.parseLong(args[2]) : 256) << 20;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        Nd4jRuntime.ensureStarted();
        VaeModel model = VaeModel.create(Architecture.conv(1, 64, 64, 10), VariantConfig.of(Variant.VAE),
                Likelihood.BERNOULLI, seed);
        DSpritesDataset data = new DSpritesDataset(64);
        Pairs batch = Pairs.differingIn(data, data.factorIndex("posX"), pairs, seed);
        Measure measure = which.equals("latent") ? Measure.latent(0) : Measure.reconstruction();
        List<String> hooks = model.hookPoints().stream().map(HookPoint::name).filter(h -> !h.equals(model.inputHook()))
                .toList();
        int units = model.hookPoints().stream().filter(h -> hooks.contains(h.name())).mapToInt(HookPoint::units).sum();
        System.out.printf(Locale.ROOT, "model: %s; %d hook points, %d units; %d pairs (%s, seed %d); measure %s;"
                + " budget %d MiB; backend %s%n", model, hooks.size(), units, pairs, batch.description(), seed,
                measure.describe(), budget >> 20, Nd4jRuntime.describe());
        // warm-up so that neither timing pays for class loading and native initialisation
        AttributionPatching.attribute(model, Pairs.differingIn(data, 4, 2, seed + 1), hooks, measure, 0, false, 2,
                budget, ProgressMonitor.NONE);

        long t0 = System.nanoTime();
        PatchingSweep sweep = ActivationPatching.sweep(model, batch, hooks, measure, budget, ProgressMonitor.NONE);
        double sweepSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        AttributionResult attribution = AttributionPatching.attribute(model, batch, hooks, measure, 0, false, pairs,
                budget, ProgressMonitor.NONE);
        double attributionSeconds = (System.nanoTime() - t1) / 1e9;

        double[] est = new double[units];
        double[] exact = new double[units];
        int i = 0;
        for (String h : hooks) {
            double[] e = attribution.estimates(h);
            double[] x = sweep.meanEffect(h);
            for (int u = 0; u < e.length; u++, i++) {
                est[i] = e[u];
                exact[i] = x[u];
            }
        }
        double agreement = AttributionPatching.rankAgreement(est, exact);
        System.out.printf(Locale.ROOT, "exact full sweep:      %8.2f s (%d units, %d partial forward passes)%n",
                sweepSeconds, sweep.unitCount(), sweep.forwardPasses());
        System.out.printf(Locale.ROOT, "attribution patching:  %8.2f s (one forward+backward per %d pairs)%n",
                attributionSeconds, pairs);
        System.out.printf(Locale.ROOT, "rank agreement (Spearman, all units): %.4f%n", agreement);
        System.out.printf(Locale.ROOT, "ratio sweep / attribution: %.1f%n", sweepSeconds / attributionSeconds);
    }
}
