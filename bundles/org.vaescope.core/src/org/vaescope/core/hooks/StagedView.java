package org.vaescope.core.hooks;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A hooked model backed by one {@link StagedModel}: every hook call goes to {@link #graph()}. */
public interface StagedView extends HookedModel {

    /** The underlying staged graph (parameters, low-level forward and backward). */
    StagedModel graph();

    @Override
    default List<HookPoint> hookPoints() {
        return graph().hookPoints();
    }

    @Override
    default HookPoint hookPoint(String name) {
        return graph().hookPoint(name);
    }

    @Override
    default String inputHook() {
        return graph().inputHook();
    }

    @Override
    default String outputHook() {
        return graph().outputHook();
    }

    @Override
    default boolean dependsOn(String hook, String ancestor) {
        return graph().dependsOn(hook, ancestor);
    }

    @Override
    default java.util.Optional<StagedModel> stages() {
        return java.util.Optional.of(graph());
    }

    @Override
    default RunResult run(Map<String, INDArray> feeds, RunOptions options) {
        return graph().run(feeds, options);
    }

    @Override
    default GradientResult gradient(Map<String, INDArray> feeds, RunOptions options, String of, INDArray weights,
            Collection<String> wrt) {
        return graph().gradient(feeds, options, of, weights, wrt);
    }
}
