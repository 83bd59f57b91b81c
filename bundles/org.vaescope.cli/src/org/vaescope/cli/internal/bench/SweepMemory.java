package org.vaescope.cli.internal.bench;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.factory.Nd4j;
import org.vaescope.core.data.DSpritesDataset;
import org.vaescope.core.interventions.ActivationPatching;
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
 * Peak native memory (JavaCPP's allocations and the process's resident set) and peak heap of a full
 * encoder sweep over many pairs, sampled every 20 ms: the sweep's working set is bounded by its memory
 * budget and the pair chunks, not by the number of pairs. {@code benchmark sweep-memory [PAIRS
 * (10000)]} runs it alone (one count per process: the resident peak is the process's);
 * {@code -D}{@value #SCRATCH_OFF}{@code =true} gives the working set without the sweep's scratch memory.
 */
public final class SweepMemory {

    /** The engine's switch for turning its scratch memory off (ScratchMemory.OFF), for the comparison. */
    private static final String SCRATCH_OFF = "vaescope.scratch.off";

    private SweepMemory() {
    }

    public static void main(String[] args) {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Nd4jRuntime.ensureStarted();
        System.out.println("VAEScope: " + Nd4jRuntime.describe() + ", " + Nd4j.getEnvironment().maxThreads()
                + " native threads, scratch memory " + (Boolean.getBoolean(SCRATCH_OFF) ? "off" : "on")
                + ", -Xmx" + (Runtime.getRuntime().maxMemory() >> 20) + "m");
        report(Architecture.conv(1, 64, 64, 10), pairs);
    }

    static void report(Architecture architecture, int pairs) {
        VaeModel model = VaeModel.create(architecture, VariantConfig.of(Variant.VAE), Likelihood.BERNOULLI, 0);
        Pairs sprites = Pairs.differingIn(new DSpritesDataset(architecture.height()), 4, pairs, 0);
        System.gc();
        Peaks peaks = new Peaks();
        Thread sampler = new Thread(peaks::sampleUntilInterrupted, "memory sampler");
        sampler.setDaemon(true);
        sampler.start();
        PatchingSweep sweep = ActivationPatching.sweep(model, sprites, List.of("encoder.conv1", "encoder.conv2",
                "encoder.conv3", "encoder.conv4", "encoder.fc"), Measure.latent(0),
                ActivationPatching.DEFAULT_MEMORY_BUDGET, ProgressMonitor.NONE);
        sampler.interrupt();
        System.out.printf(Locale.ROOT, "sweep of %d units over %d pairs (budget %d MiB) in %.1f s: peak native "
                + "(JavaCPP) %d MiB, peak resident %d MiB, peak heap %d MiB%n", sweep.unitCount(), pairs,
                ActivationPatching.DEFAULT_MEMORY_BUDGET >> 20, sweep.elapsedNanos() / 1e9, peaks.nativeBytes.get() >> 20,
                peaks.residentBytes.get() >> 20, peaks.heapBytes.get() >> 20);
    }

    private static final class Peaks {
        final AtomicLong nativeBytes = new AtomicLong();
        final AtomicLong residentBytes = new AtomicLong();
        final AtomicLong heapBytes = new AtomicLong();

        void sampleUntilInterrupted() {
            Runtime runtime = Runtime.getRuntime();
            while (!Thread.currentThread().isInterrupted()) {
                nativeBytes.accumulateAndGet(Pointer.totalBytes(), Math::max);
                residentBytes.accumulateAndGet(Pointer.physicalBytes(), Math::max);
                heapBytes.accumulateAndGet(runtime.totalMemory() - runtime.freeMemory(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
