package org.vaescope.metrics;

import java.util.List;

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
