package org.vaescope.metrics;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every metric VAEScope computes, in report order: the one list the suite, CLI, scripts and IDE read. */
public final class Metrics {

    /** All metric descriptors, in the order they are reported. */
    public static final List<MetricDescriptor> ALL = List.of(Mig.DESCRIPTOR, Dci.DESCRIPTOR, Sap.DESCRIPTOR,
            ModularityExplicitness.DESCRIPTOR, Irs.DESCRIPTOR, ActiveDimensions.DESCRIPTOR, BetaVaeScore.DESCRIPTOR,
            FactorVaeScore.DESCRIPTOR);

    private Metrics() {
    }

    /** The metric with this id, if any. */
    public static Optional<MetricDescriptor> byId(String id) {
        return ALL.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** The metric with this id; the message lists the known ids. */
    public static MetricDescriptor require(String id) {
        return byId(id).orElseThrow(() -> new IllegalArgumentException("unknown metric '" + id + "' (known: "
                + ALL.stream().map(MetricDescriptor::id).collect(Collectors.joining(", ")) + ")"));
    }
}
