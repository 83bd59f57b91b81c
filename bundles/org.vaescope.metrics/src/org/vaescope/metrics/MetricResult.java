package org.vaescope.metrics;

import java.util.Map;

import org.vaescope.metrics.internal.learn.Json;

/** The outcome of one disentanglement metric: its scores, sample counts and seed. */
public interface MetricResult {

    /** Metric name as reported, e.g. {@code "MIG"}. */
    String metricName();

    /** The main score of the metric. */
    double score();

    /** All fields in a stable order, with JSON-writable values. */
    Map<String, Object> toMap();

    /** {@link #toMap()} as compact JSON. */
    default String toJson() {
        return Json.write(toMap());
    }
}
