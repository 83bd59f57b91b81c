package org.vaescope.core.hooks;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model whose intermediate activations are named hook points that can be captured, fed,
 * overridden and differentiated, batched.
 * <p>
 * All arrays are float32 with the batch as first dimension, followed by the hook's per-sample
 * shape. Runs do not change the model and may run concurrently.
 */
public interface HookedModel {

    /** All hook points in execution order; the first is the input. */
    List<HookPoint> hookPoints();

    /** The hook point with this name; throws {@link HookException} naming the known ones if absent. */
    HookPoint hookPoint(String name);

    /** Name of the input hook point (e.g. {@code input}). */
    String inputHook();

    /** Name of the output hook point (e.g. {@code output.logits}). */
    String outputHook();

    /** True if {@code hook}'s value is computed (directly or transitively) from {@code ancestor}. */
    boolean dependsOn(String hook, String ancestor);

    /**
     * Runs the model on supplied activations. {@code feeds} maps hook names to batches; a fed hook
     * is not recomputed, so feeding e.g. {@code latent.z} runs only the decoder. Everything needed
     * for the output and the requested captures must be computable from the feeds.
     *
     * @throws HookException if a needed hook is neither fed nor computable, a shape or batch size
     *         disagrees, or an override names an unknown hook or unit
     */
    RunResult run(Map<String, INDArray> feeds, RunOptions options);

    /** Runs the model on a batch of inputs. */
    default RunResult run(INDArray input, RunOptions options) {
        return run(Map.of(inputHook(), input), options);
    }

    /** Runs the model from {@code hook}, given its activations (the cached prefix of a sweep). */
    default RunResult runFrom(String hook, INDArray activation, RunOptions options) {
        return run(Map.of(hook, activation), options);
    }

    /**
     * Gradients of m = Σ_b Σ_j weights[b, j] · h_of[b, j] with respect to the hooks in {@code wrt},
     * under the given overrides. {@code weights} has the batch shape of {@code of} (or batch 1 to
     * use the same weights for every sample); it is the vector in a vector–Jacobian product, so a
     * nonlinear metric is handled by passing ∂m/∂h_of as weights. A wrt hook must lie upstream of
     * {@code of} or be {@code of} itself.
     */
    GradientResult gradient(Map<String, INDArray> feeds, RunOptions options, String of, INDArray weights,
            Collection<String> wrt);

    /** {@link #gradient(Map, RunOptions, String, INDArray, Collection)} from a batch of inputs. */
    default GradientResult gradient(INDArray input, RunOptions options, String of, INDArray weights,
            Collection<String> wrt) {
        return gradient(Map.of(inputHook(), input), options, of, weights, wrt);
    }

    /** The stages behind this model when it is a {@link StagedModel} (engines may use them to skip work). */
    default java.util.Optional<StagedModel> stages() {
        return java.util.Optional.empty();
    }
}
