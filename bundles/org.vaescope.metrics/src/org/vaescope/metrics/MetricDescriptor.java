package org.vaescope.metrics;

import java.util.List;
import java.util.function.Function;

/**
 * One metric, declared once (Eclipse MAT's way): its id (as written in scripts and on the command
 * line), display name, description, parameters and how it is computed. The suite, the command
 * line, the script language and the IDE read the descriptors in {@link Metrics#ALL} instead of
 * listing metrics themselves.
 *
 * @param id identifier in scripts and on the command line, e.g. {@code mig}
 * @param name name in reports, equal to {@link MetricResult#metricName()}, e.g. {@code MIG}
 * @param description one sentence for completion, hover and usage texts
 * @param parameters the settings the metric takes, with their defaults
 * @param fromSampler computes the metric on samples drawn from a model and its dataset
 * @param fromArrays computes the metric on given codes and factors; null if it needs a sampler
 */
public record MetricDescriptor(String id, String name, String description, List<Parameter> parameters,
        Compute<RepresentationSampler> fromSampler, Compute<CodesAndFactors> fromArrays) {

    /** Checks the declaration. */
    public MetricDescriptor {
        if (id == null || !id.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("a metric id is lower-case letters, digits and '_', got '" + id + "'");
        }
        if (fromSampler == null) {
            throw new IllegalArgumentException("metric '" + id + "' declares no computation from a sampler");
        }
        parameters = List.copyOf(parameters);
    }

    /** One setting of a metric. */
    public record Parameter(String name, String description, String defaultValue) {
    }

    /**
     * A metric fitted on a training set and scored on a test set, drawn from a sampler or split from
     * given arrays by {@link #onSplit}: the computation and its settings are all it declares.
     */
    public static <C extends TrainTestSizes> MetricDescriptor trainTest(String id, String name, String description,
            List<Parameter> parameters, Function<DisentanglementSuite.Config, C> settings,
            TrainTestCompute<C, ?> compute) {
        return new MetricDescriptor(id, name, description, parameters,
                (sampler, config, seed) -> onSplit(compute, sampler, settings.apply(config), seed),
                (data, config, seed) -> onSplit(compute, data, settings.apply(config), seed));
    }

    /** The training and test sample counts of a metric's settings. */
    public interface TrainTestSizes {
        int numTrain();

        int numTest();
    }

    /** A metric computed from a training and a test set. */
    @FunctionalInterface
    public interface TrainTestCompute<C extends TrainTestSizes, R extends MetricResult> {
        R compute(CodesAndFactors train, CodesAndFactors test, C config, long seed);
    }

    /**
     * {@code metric} on a random train/test split of {@code data} (see {@link DisentanglementSuite} for
     * the split rule).
     */
    public static <C extends TrainTestSizes, R extends MetricResult> R onSplit(TrainTestCompute<C, R> metric,
            CodesAndFactors data, C config, long seed) {
        CodesAndFactors[] split = Samples.trainTest(data, config.numTrain(), config.numTest(), seed);
        return metric.compute(split[0], split[1], config, seed);
    }

    /** {@code metric} on samples drawn from {@code sampler}: first the training set, then the test set. */
    public static <C extends TrainTestSizes, R extends MetricResult> R onSplit(TrainTestCompute<C, R> metric,
            RepresentationSampler sampler, C config, long seed) {
        CodesAndFactors[] split = Samples.trainTest(sampler, config.numTrain(), config.numTest(), seed);
        return metric.compute(split[0], split[1], config, seed);
    }

    /** How a metric is computed from one kind of input. */
    @FunctionalInterface
    public interface Compute<T> {
        MetricResult compute(T input, DisentanglementSuite.Config config, long seed);
    }

    /** Whether the metric can be computed on given codes and factors (not only on a sampler). */
    public boolean acceptsArrays() {
        return fromArrays != null;
    }

    /** Computes the metric on a sampler. */
    public MetricResult compute(RepresentationSampler sampler, DisentanglementSuite.Config config, long seed) {
        return fromSampler.compute(sampler, config, seed);
    }

    /** Computes the metric on arrays; throws if it needs a sampler ({@link #acceptsArrays()}). */
    public MetricResult compute(CodesAndFactors data, DisentanglementSuite.Config config, long seed) {
        if (fromArrays == null) {
            throw new IllegalArgumentException(name + " needs a model and its dataset (it samples batches with "
                    + "fixed factors), not fixed arrays of codes and factors");
        }
        return fromArrays.compute(data, config, seed);
    }
}
